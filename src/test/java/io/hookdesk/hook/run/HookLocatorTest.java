package io.hookdesk.hook.run;

import io.hookdesk.model.HookStatus;
import io.hookdesk.model.HookStatus.State;
import io.hookdesk.model.HookCancellation;
import io.hookdesk.model.HookOutcome;
import io.hookdesk.model.HookedTable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;

class HookLocatorTest {

    @TempDir
    Path temp;
    Path hooks;
    HookLocator locator;

    @BeforeEach
    void createHooksDirectory() throws IOException {
        hooks = Files.createDirectory(temp.resolve("local"));
        chmod(hooks, "rwxr-xr-x");
        locator = new HookLocator(hooks);
    }

    @AfterEach
    void letJUnitCleanUp() throws IOException {
        chmod(hooks, "rwx------");
    }

    private static void chmod(Path path, String mode) throws IOException {
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(mode));
    }

    private Path hookFile(String mode) throws IOException {
        Path hook = Files.writeString(hooks.resolve("service_hook"), "#!/bin/sh\nexit 0\n");
        chmod(hook, mode);
        return hook;
    }

    @Test
    void safeExecutableHookIsReady() throws IOException {
        Path hook = hookFile("rwxr-xr-x");

        HookStatus status = locator.locate(HookedTable.SERVICE);

        assertThat(status.state()).isEqualTo(State.READY);
        assertThat(status.ready()).isTrue();
        assertThat(status.path()).isEqualTo(hook);
    }

    @Test
    void missingHookIsAbsentAndLetsTheSaveGoAhead() {
        HookStatus status = locator.locate(HookedTable.SERVICE);

        assertThat(status.state()).isEqualTo(State.ABSENT);
        assertThat(status.absent()).isTrue();
        assertThat(status.refused()).isFalse();
        assertThat(status.message()).contains("service_hook", hooks.toString());
    }

    @Test
    void hookWithoutExecuteBitIsRefusedWithTheChmodThatFixesIt() throws IOException {
        Path hook = hookFile("rw-r--r--");

        HookStatus status = locator.locate(HookedTable.SERVICE);

        assertThat(status.state()).isEqualTo(State.NOT_EXECUTABLE);
        assertThat(status.refused()).isTrue();
        assertThat(status.message()).contains("chmod 755 " + hook);
    }

    @Test
    void hookWritableByItsGroupIsRefusedNamingThePathAndTheFix() throws IOException {
        Path hook = hookFile("rwxrwxr-x");

        HookStatus status = locator.locate(HookedTable.SERVICE);

        assertThat(status.state()).isEqualTo(State.UNSAFE_PERMISSIONS);
        assertThat(status.refused()).isTrue();
        assertThat(status.message()).contains("file " + hook, "its group", "chmod go-w " + hook);
    }

    @Test
    void hookWritableByOthersIsRefused() throws IOException {
        Path hook = hookFile("rwxr-xrwx");

        HookStatus status = locator.locate(HookedTable.SERVICE);

        assertThat(status.state()).isEqualTo(State.UNSAFE_PERMISSIONS);
        assertThat(status.message()).contains("writable by others", "chmod go-w " + hook);
    }

    @Test
    void hooksDirectoryWritableByOthersIsRefused() throws IOException {
        hookFile("rwxr-xr-x");
        chmod(hooks, "rwxr-xrwx");

        HookStatus status = locator.locate(HookedTable.SERVICE);

        assertThat(status.state()).isEqualTo(State.UNSAFE_PERMISSIONS);
        assertThat(status.message()).contains("directory " + hooks.toRealPath(), "chmod go-w " + hooks.toRealPath());
    }

    /**
     * Makes {@code path} belong to someone who is neither root nor "alice": as root, gives it to nobody; as anyone
     * else, it already is (the tests then ask as alice).
     */
    private static void ownedBySomeoneElse(Path path) throws IOException {
        if (Files.getOwner(path).getName().equals("root")) {
            Files.setOwner(path, path.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody"));
        }
    }

    @Test
    void hookOwnedByAnotherUserIsRefusedNamingTheOwnerAndTheFix() throws IOException {
        Path hook = hookFile("rwxr-xr-x");
        ownedBySomeoneElse(hook);
        String owner = Files.getOwner(hook).getName();

        HookStatus status = new HookLocator(hooks, "alice").locate(HookedTable.SERVICE);

        assertThat(status.state()).isEqualTo(State.UNSAFE_PERMISSIONS);
        assertThat(status.message()).contains("file " + hook.toRealPath() + " belongs to " + owner,
                "neither root nor alice", "chown root " + hook.toRealPath());
    }

    @Test
    void runAsRootTheRefusalSaysNotRootOnce() throws IOException {
        Path hook = hookFile("rwxr-xr-x");
        ownedBySomeoneElse(hook);

        HookStatus status = new HookLocator(hooks, "root").locate(HookedTable.SERVICE);

        assertThat(status.message()).contains("who is not root (the user running HookDesk)").doesNotContain("root nor root");
    }

    @Test
    void aHookGivenToAnotherOwnerAfterAReadyCheckIsRefusedAtTheNextCheck() throws IOException {
        Path hook = hookFile("rwxr-xr-x");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.getOwner(hook).getName().equals("root"),
                "giving the hook away needs the tests to run as root, as CI does");
        HookLocator locator = new HookLocator(hooks, "alice");
        assertThat(locator.locate(HookedTable.SERVICE).state()).isEqualTo(State.READY);

        ownedBySomeoneElse(hook);

        // Owners' names are remembered by uid, never a path's verdict: the same locator sees the new owner.
        HookStatus status = locator.locate(HookedTable.SERVICE);
        assertThat(status.state()).isEqualTo(State.UNSAFE_PERMISSIONS);
        assertThat(status.message()).contains("belongs to nobody");
    }

    @Test
    void hooksDirectoryOwnedByAnotherUserIsRefused() throws IOException {
        Path hook = hookFile("rwxr-xr-x");
        ownedBySomeoneElse(hooks);

        HookStatus status = new HookLocator(hooks, Files.getOwner(hook).getName().equals("root") ? "root" : "alice")
                .locate(HookedTable.SERVICE);

        assertThat(status.state()).isEqualTo(State.UNSAFE_PERMISSIONS);
        assertThat(status.message()).contains("directory " + hooks.toRealPath() + " belongs to ");
    }

    @Test
    void theRunningUsersOwnSafeHookIsReady() throws IOException {
        Path hook = hookFile("rwxr-xr-x");

        assertThat(new HookLocator(hooks, Files.getOwner(hook).getName()).locate(HookedTable.SERVICE).state())
                .isEqualTo(State.READY);
    }

    @Test
    void symlinkToASafeExecutableIsReady() throws IOException {
        Path elsewhere = Files.createDirectory(temp.resolve("provisioning"));
        chmod(elsewhere, "rwxr-xr-x");
        Path real = Files.writeString(elsewhere.resolve("radius-sync"), "#!/bin/sh\nexit 0\n");
        chmod(real, "rwxr-xr-x");
        Files.createSymbolicLink(hooks.resolve("service_hook"), real);

        assertThat(locator.locate(HookedTable.SERVICE).state()).isEqualTo(State.READY);
    }

    @Test
    void symlinkToAnUnsafeExecutableIsRefused() throws IOException {
        Path elsewhere = Files.createDirectory(temp.resolve("provisioning"));
        chmod(elsewhere, "rwxrwxrwx");
        Path real = Files.writeString(elsewhere.resolve("radius-sync"), "#!/bin/sh\nexit 0\n");
        chmod(real, "rwxr-xr-x");
        Files.createSymbolicLink(hooks.resolve("service_hook"), real);

        HookStatus status = locator.locate(HookedTable.SERVICE);

        assertThat(status.state()).isEqualTo(State.UNSAFE_PERMISSIONS);
        assertThat(status.message()).contains(elsewhere.toRealPath().toString());
        chmod(elsewhere, "rwx------");
    }

    @Test
    void danglingSymlinkIsRefusedNotIgnored() throws IOException {
        Files.createSymbolicLink(hooks.resolve("service_hook"), temp.resolve("gone"));

        HookStatus status = locator.locate(HookedTable.SERVICE);

        assertThat(status.state()).isEqualTo(State.NOT_A_FILE);
        assertThat(status.refused()).isTrue();
    }

    @Test
    void directoryNamedLikeTheHookIsRefused() throws IOException {
        Files.createDirectory(hooks.resolve("service_hook"));

        HookStatus status = locator.locate(HookedTable.SERVICE);

        assertThat(status.state()).isEqualTo(State.NOT_A_FILE);
        assertThat(status.refused()).isTrue();
        assertThat(status.message()).contains(hooks.resolve("service_hook").toString());
    }

    @Test
    void eachTableHasItsOwnHook() throws IOException {
        hookFile("rwxr-xr-x");

        assertThat(locator.locate(HookedTable.SERVICE).ready()).isTrue();
        assertThat(locator.locate(HookedTable.ACCOUNT).absent()).isTrue();
    }

    @Test
    void aParentDirectoryWritableByOthersIsRefusedNamingIt() throws IOException {
        Path shared = Files.createDirectory(temp.resolve("shared"));
        Path inner = Files.createDirectories(shared.resolve("opt").resolve("local"));
        Files.writeString(inner.resolve("service_hook"), "#!/bin/sh\nexit 0\n");
        chmod(inner.resolve("service_hook"), "rwxr-xr-x");
        chmod(inner, "rwxr-xr-x");
        chmod(inner.getParent(), "rwxr-xr-x");
        chmod(shared, "rwxrwxrwx");
        try {
            HookStatus status = new HookLocator(inner).locate(HookedTable.SERVICE);

            assertThat(status.state()).isEqualTo(State.UNSAFE_PERMISSIONS);
            assertThat(status.message()).contains(shared.toString(), "writable by its group and others", "chmod go-w");
        } finally {
            chmod(shared, "rwx------");
        }
    }

    /** Issue 19, item 10: the link's own directory decides what the link points at, so it is checked too. */
    @Test
    void aSymlinkedHooksDirectoryIsRefusedWhenTheDirectoryHoldingTheLinkIsWritableByOthers() throws IOException {
        hookFile("rwxr-xr-x");
        Path open = Files.createDirectory(temp.resolve("open"));
        Files.createSymbolicLink(open.resolve("hooks"), hooks);
        chmod(open, "rwxrwxrwx");
        try {
            HookStatus status = new HookLocator(open.resolve("hooks")).locate(HookedTable.SERVICE);

            assertThat(status.state()).as(status.message()).isEqualTo(State.UNSAFE_PERMISSIONS);
            assertThat(status.message()).contains("the directory " + open + " is writable by its group and others");
            assertThat(status.verified()).isNull();
        } finally {
            chmod(open, "rwx------");
        }
    }

    @Test
    void aLinkOnTheWayToAHooksDirectoryIsCheckedWhereverItPoints() throws IOException {
        hookFile("rwxr-xr-x");
        Path open = Files.createDirectory(temp.resolve("open"));
        chmod(open, "rwxrwxrwx");
        // etc/hooks -> ../open/hooks -> local: the middle link sits in a directory anyone may change.
        Path etc = Files.createDirectory(temp.resolve("etc"));
        chmod(etc, "rwxr-xr-x");
        Files.createSymbolicLink(open.resolve("hooks"), hooks);
        Files.createSymbolicLink(etc.resolve("hooks"), Path.of("../open/hooks"));
        try {
            HookStatus status = new HookLocator(etc.resolve("hooks")).locate(HookedTable.SERVICE);

            assertThat(status.state()).as(status.message()).isEqualTo(State.UNSAFE_PERMISSIONS);
            assertThat(status.message()).contains(open.toString());
        } finally {
            chmod(open, "rwx------");
        }
    }

    /**
     * What is started is what was checked: the hooks directory's real path. A link on the configured path that is
     * retargeted after the check does not change it, as the save's start of the hook shows.
     */
    @Test
    void theVerifiedPathIsStartedEvenWhenTheLinkIsRetargetedAfterTheCheck() throws Exception {
        Path ran = temp.resolve("ran");
        Files.writeString(hooks.resolve("service_hook"), "#!/bin/sh\necho checked > '" + ran + "'\n");
        chmod(hooks.resolve("service_hook"), "rwxr-xr-x");
        Path other = Files.createDirectory(temp.resolve("other"));
        chmod(other, "rwxr-xr-x");
        Files.writeString(other.resolve("service_hook"), "#!/bin/sh\necho retargeted > '" + ran + "'\n");
        chmod(other.resolve("service_hook"), "rwxr-xr-x");
        Path etc = Files.createDirectory(temp.resolve("etc"));
        chmod(etc, "rwxr-xr-x");
        Path link = Files.createSymbolicLink(etc.resolve("hooks"), hooks);

        HookStatus status = new HookLocator(link).locate(HookedTable.SERVICE);
        Files.delete(link);
        Files.createSymbolicLink(link, other);
        HookOutcome outcome = new HookRunner(java.time.Duration.ofSeconds(20), 4096)
                .run(status.verified(), TestHooks.env(), status.verified().getParent(), HookCancellation.none());

        assertThat(status.ready()).as(status.message()).isTrue();
        assertThat(status.path()).as("what people are shown").isEqualTo(link.resolve("service_hook"));
        assertThat(status.verified()).isEqualTo(hooks.toRealPath().resolve("service_hook"));
        assertThat(outcome.succeeded()).as(outcome.reason() + outcome.stderr()).isTrue();
        assertThat(Files.readString(ran)).isEqualTo("checked\n");
    }

    @Test
    void aHookLinkedUnderItsTableNameKeepsThatNameInTheVerifiedPath() throws IOException {
        Path real = Files.writeString(hooks.resolve("provision"), "#!/bin/sh\nexit 0\n");
        chmod(real, "rwxr-xr-x");
        Files.createSymbolicLink(hooks.resolve("service_hook"), Path.of("provision"));

        HookStatus status = locator.locate(HookedTable.SERVICE);

        assertThat(status.ready()).as(status.message()).isTrue();
        // A script installed under several names tells them apart by $0.
        assertThat(status.verified()).isEqualTo(hooks.toRealPath().resolve("service_hook"));
    }

    @Test
    void aRootOwnedStickyParentSuchAsTmpIsAccepted() throws IOException {
        Path sticky = Files.createDirectory(temp.resolve("sticky"));
        Path inner = Files.createDirectory(sticky.resolve("local"));
        Files.writeString(inner.resolve("service_hook"), "#!/bin/sh\nexit 0\n");
        chmod(inner.resolve("service_hook"), "rwxr-xr-x");
        chmod(inner, "rwxr-xr-x");
        new ProcessBuilder("chmod", "1777", sticky.toString()).inheritIO().start().onExit().join();
        String owner = Files.getOwner(sticky).getName();
        try {
            HookStatus status = new HookLocator(inner).locate(HookedTable.SERVICE);

            // Only root's sticky directories are trusted: sticky but owned by another user is still refused.
            assertThat(status.state()).as(status.message()).isEqualTo(owner.equals("root") ? State.READY : State.UNSAFE_PERMISSIONS);
        } finally {
            chmod(sticky, "rwx------");
        }
    }

    @Test
    void aMissingHooksDirectoryRefusesEveryTableNamingThePath() {
        Path missing = temp.resolve("mistyped");

        HookLocator mistyped = new HookLocator(missing);

        for (HookedTable t : HookedTable.values()) {
            HookStatus status = mistyped.locate(t);
            assertThat(status.state()).isEqualTo(State.DIRECTORY_UNUSABLE);
            assertThat(status.refused()).isTrue();
            assertThat(status.message()).contains(missing.toString(), "does not exist", "empty directory");
        }
    }
}
