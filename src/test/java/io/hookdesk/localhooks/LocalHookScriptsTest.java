package io.hookdesk.localhooks;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.hookdesk.testing.ShippedHooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Runs the scripts shipped in {@code local/} as HookDesk runs a hook: no arguments, the hooks directory as
 * working directory, and nothing in the environment but what the client passes. Each test works on a copy in a
 * temporary directory, so the repository's {@code local/} is never written to.
 */
class LocalHookScriptsTest {

    @TempDir
    Path temp;

    private static final boolean RUNNING_AS_ROOT = "root".equals(System.getProperty("user.name"));

    private Path hooks;
    /** What the hook is run through: nothing, or a switch to another user. */
    private List<String> runAs = List.of();
    private Path home;
    private Path demoFiles;

    @BeforeEach
    void copyHooks() throws IOException {
        hooks = temp.resolve("local");
        home = Files.createDirectories(temp.resolve("home"));
        demoFiles = hooks.resolve("demo-provisioned");
        ShippedHooks.copyTo(hooks);
    }

    // ---- service_hook: the demo, which is service_hook-example writing into demo-provisioned/

    @Test
    void newOpenServiceProvisionsItsLoginIntoRadiusAndMailbox() throws Exception {
        Result run = runHook("service_hook", created(service(42, 0, "jdoe", "s3cret")));

        assertThat(run.exit()).as(run.toString()).isZero();
        assertThat(run.stdout()).contains("radius: opened login 'jdoe' for service 42",
                "mailbox: opened login 'jdoe' for service 42", "service 42: provisioned");
        assertThat(radius()).containsExactly("jdoe:42:active:" + sha256("s3cret"));
        assertThat(mailboxes()).containsExactly("jdoe:42:active:" + sha256("s3cret") + ":jdoe@example.net:Jane Doe");
    }

    @Test
    void openSuspendAndCloseFollowTheServiceState() throws Exception {
        Map<String, String> open = service(42, 0, "jdoe", "s3cret");
        assertThat(runHook("service_hook", created(open)).exit()).isZero();

        Map<String, String> suspended = with(open, "state", "2");
        Result suspend = runHook("service_hook", updated(open, suspended));
        assertThat(suspend.exit()).as(suspend.toString()).isZero();
        assertThat(suspend.stdout()).contains("radius: suspended login 'jdoe'", "mailbox: suspended login 'jdoe'");
        assertThat(radius()).containsExactly("jdoe:42:suspended:" + sha256("s3cret"));
        assertThat(mailboxes()).singleElement().asString().startsWith("jdoe:42:suspended:");

        Map<String, String> closed = with(suspended, "state", "1");
        Result close = runHook("service_hook", updated(suspended, closed));
        assertThat(close.exit()).as(close.toString()).isZero();
        assertThat(close.stdout()).contains("radius: closed login 'jdoe'", "mailbox: closed login 'jdoe'");
        assertThat(radius()).isEmpty();
        assertThat(mailboxes()).isEmpty();
    }

    @Test
    void reopeningASuspendedServiceMakesItActiveAgain() throws Exception {
        Map<String, String> suspended = service(42, 2, "jdoe", "s3cret");
        assertThat(runHook("service_hook", created(suspended)).exit()).isZero();
        assertThat(radius()).containsExactly("jdoe:42:suspended:" + sha256("s3cret"));

        Result reopen = runHook("service_hook", updated(suspended, with(suspended, "state", "0")));

        assertThat(reopen.exit()).as(reopen.toString()).isZero();
        assertThat(radius()).containsExactly("jdoe:42:active:" + sha256("s3cret"));
    }

    @Test
    void aReprovisionMakesEverySystemMatchTheRecordAndCanRunTwice() throws Exception {
        Map<String, String> open = service(42, 0, "jdoe", "s3cret");
        assertThat(runHook("service_hook", created(open)).exit()).isZero();
        // Drift: RADIUS has the login suspended with another password, the mailbox is gone.
        Files.writeString(demoFiles.resolve("radius-users"), "jdoe:42:suspended:" + sha256("other") + "\n");
        Files.writeString(demoFiles.resolve("mailboxes"), "");
        Map<String, String> again = reprovision(open);

        Result first = runHook("service_hook", again);
        Result second = runHook("service_hook", again);

        assertThat(first.exit()).as(first.toString()).isZero();
        assertThat(second.exit()).as(second.toString()).isZero();
        assertThat(radius()).containsExactly("jdoe:42:active:" + sha256("s3cret"));
        assertThat(mailboxes()).containsExactly("jdoe:42:active:" + sha256("s3cret") + ":jdoe@example.net:Jane Doe");
    }

    @Test
    void aReprovisionOfAClosedServiceRemovesWhatIsLeftOfIt() throws Exception {
        Map<String, String> open = service(42, 0, "jdoe", "s3cret");
        assertThat(runHook("service_hook", created(open)).exit()).isZero();

        Result run = runHook("service_hook", reprovision(with(open, "state", "1")));

        assertThat(run.exit()).as(run.toString()).isZero();
        assertThat(radius()).isEmpty();
        assertThat(mailboxes()).isEmpty();
    }

    @Test
    void aFailingReprovisionUndoesNothing() throws Exception {
        Map<String, String> open = service(42, 0, "jdoe", "s3cret");
        assertThat(runHook("service_hook", created(open)).exit()).isZero();
        // The mailbox login now belongs to another service: the reprovision of service 42 fails there.
        Files.writeString(demoFiles.resolve("mailboxes"), "jdoe:43:active:x:jdoe@example.net:Someone Else\n");

        Result run = runHook("service_hook", reprovision(open));

        assertThat(run.exit()).as(run.toString()).isNotZero();
        assertThat(run.stdout()).doesNotContain("undoing");
        assertThat(radius()).containsExactly("jdoe:42:active:" + sha256("s3cret"));
    }

    @Test
    void changingTheLoginRenamesItAndKeepsStateAndPassword() throws Exception {
        Map<String, String> before = service(42, 0, "jdoe", "s3cret");
        runHook("service_hook", created(before));

        Result rename = runHook("service_hook", updated(before, with(before, "d01", "jane.doe")));

        assertThat(rename.exit()).as(rename.toString()).isZero();
        assertThat(rename.stdout()).contains("radius: renamed login 'jdoe' to 'jane.doe' for service 42");
        assertThat(radius()).containsExactly("jane.doe:42:active:" + sha256("s3cret"));
        assertThat(mailboxes()).containsExactly(
                "jane.doe:42:active:" + sha256("s3cret") + ":jane.doe@example.net:Jane Doe");
    }

    @Test
    void changingThePasswordStoresTheNewHashAndNeverThePassword() throws Exception {
        Map<String, String> before = service(42, 0, "jdoe", "s3cret");
        runHook("service_hook", created(before));

        Result change = runHook("service_hook", updated(before, with(before, "d02", "n3w pass")));

        assertThat(change.exit()).as(change.toString()).isZero();
        assertThat(change.stdout()).contains("radius: changed the password of login 'jdoe'");
        assertThat(radius()).containsExactly("jdoe:42:active:" + sha256("n3w pass"));
        assertThat(Files.readString(demoFiles.resolve("radius-users")) + Files.readString(demoFiles.resolve("mailboxes")))
                .doesNotContain("s3cret", "n3w pass");
        assertThat(change.stdout() + change.stderr()).doesNotContain("s3cret", "n3w pass");
    }

    @Test
    void loginOfAnotherServiceIsRefusedWithAMessageTheCsrCanActOn() throws Exception {
        runHook("service_hook", created(service(42, 0, "jdoe", "s3cret")));
        List<String> radiusBefore = radius();
        List<String> mailboxesBefore = mailboxes();

        Result duplicate = runHook("service_hook", created(service(43, 0, "JDoe", "other")));

        assertThat(duplicate.exit()).isNotZero();
        assertThat(duplicate.stderr()).contains("login 'JDoe' is already used by service 42; choose another login");
        assertThat(radius()).isEqualTo(radiusBefore);
        assertThat(mailboxes()).isEqualTo(mailboxesBefore);
    }

    @Test
    void failureInALaterResourceUndoesTheEarlierOne() throws Exception {
        // Service 42 has only a mailbox (resources 2), so radius accepts "ann" for service 43 and mailbox refuses it.
        runHook("service_hook", created(with(service(42, 0, "ann", "s3cret"), "resources", "2")));
        List<String> mailboxesBefore = mailboxes();

        Result duplicate = runHook("service_hook", created(with(service(43, 0, "ann", "other"), "resources", "3")));

        assertThat(duplicate.exit()).isNotZero();
        assertThat(duplicate.stdout()).contains("radius: opened login 'ann' for service 43", "undoing what this run did",
                "radius: closed login 'ann' of service 43");
        assertThat(duplicate.stderr()).contains(
                "service 43 was NOT provisioned, and nothing was left changed: "
                        + "login 'ann' is already used by service 42; choose another login");
        assertThat(radius()).isEmpty();
        assertThat(mailboxes()).isEqualTo(mailboxesBefore);
    }

    @Test
    void whenUndoingFailsTooTheMessageSaysWhatToFixByHand() throws Exception {
        runHook("service_hook", created(with(service(42, 0, "ann", "s3cret"), "resources", "2")));
        // radius opens fine but cannot close: its undo will fail.
        radiusFails("close");

        Result run = runHook("service_hook", created(with(service(43, 0, "ann", "other"), "resources", "3")));

        assertThat(run.exit()).isNotZero();
        assertThat(run.stderr()).contains("service 43 was NOT provisioned: login 'ann' is already used by service 42",
                "Undoing did not complete either", "radius: close login 'ann'", "Fix them by hand");
    }

    @Test
    void aCompensationAppliesTheReversedChangeAndSaysItUndoesACascade() throws Exception {
        Map<String, String> open = service(42, 0, "jdoe", "s3cret");
        runHook("service_hook", created(open));
        Map<String, String> suspend = updated(open, with(open, "state", "2"));
        suspend.put("HOOK_CASCADE", "1");
        suspend.put("HOOK_CASCADE_FROM", "account:7");
        Result forward = runHook("service_hook", suspend);
        assertThat(forward.exit()).as(forward.toString()).isZero();
        assertThat(forward.stdout()).contains("cascade from account:7");
        assertThat(radius()).containsExactly("jdoe:42:suspended:" + sha256("s3cret"));

        // As HookDesk builds it: NEW_* and OLD_* swapped, HOOK_COMPENSATE=1.
        Map<String, String> undo = updated(with(open, "state", "2"), open);
        undo.put("HOOK_CASCADE", "1");
        undo.put("HOOK_CASCADE_FROM", "account:7");
        undo.put("HOOK_COMPENSATE", "1");
        Result back = runHook("service_hook", undo);

        assertThat(back.exit()).as(back.toString()).isZero();
        assertThat(back.stdout()).contains("undoing the change of a failed cascade from account:7", "change undone");
        assertThat(radius()).containsExactly("jdoe:42:active:" + sha256("s3cret"));
        assertThat(mailboxes()).singleElement().asString().startsWith("jdoe:42:active:");
    }

    @Test
    void aCompensationThatFailsForOneSystemStillUndoesTheOthersAndNamesIt() throws Exception {
        Map<String, String> suspended = service(42, 2, "jdoe", "s3cret");
        runHook("service_hook", created(suspended));
        // radius cannot open: its part of the undo fails, the mailbox's must still happen.
        radiusFails("open");
        Map<String, String> undo = updated(suspended, with(suspended, "state", "0"));
        undo.put("HOOK_COMPENSATE", "1");

        Result back = runHook("service_hook", undo);

        assertThat(back.exit()).isEqualTo(1);
        assertThat(back.stderr()).contains("radius: server unreachable",
                "undoing the failed cascade's change did not complete", "radius: open login 'jdoe'", "Fix them by hand");
        assertThat(mailboxes()).singleElement().asString().startsWith("jdoe:42:active:");
        assertThat(radius()).containsExactly("jdoe:42:suspended:" + sha256("s3cret"));
    }

    @Test
    void openingWithoutALoginFailsBeforeTouchingAnything() throws Exception {
        Result run = runHook("service_hook", created(service(42, 0, "", "s3cret")));

        assertThat(run.exit()).isNotZero();
        assertThat(run.stderr()).contains("service 42 cannot be provisioned without a login: fill in the login name (d01)");
        assertThat(demoFiles.resolve("radius-users")).doesNotExist();
        assertThat(demoFiles.resolve("mailboxes")).doesNotExist();
    }

    @Test
    void aLoginThatWouldBreakTheFilesIsRefused() throws Exception {
        Result run = runHook("service_hook", created(service(42, 0, "j doe:x", "s3cret")));

        assertThat(run.exit()).isNotZero();
        assertThat(run.stderr()).contains("login 'j doe:x' is not valid");
        assertThat(Files.exists(demoFiles.resolve("radius-users")) ? radius() : List.of()).isEmpty();
    }

    @Test
    void updateOfNonProvisioningColumnsDoesNothing() throws Exception {
        Map<String, String> before = service(42, 0, "jdoe", "s3cret");
        runHook("service_hook", created(before));
        List<String> radiusBefore = radius();

        Map<String, String> after = with(with(before, "price", "29.95"), "invdate", "2026-12-01");
        Result run = runHook("service_hook", updated(before, after));

        assertThat(run.exit()).isZero();
        assertThat(run.stdout()).contains("service 42 (Open, login 'jdoe'): nothing needs provisioning");
        assertThat(radius()).isEqualTo(radiusBefore);
    }

    @Test
    void newServiceThatIsNotOpenProvisionsNothing() throws Exception {
        Result run = runHook("service_hook", created(service(42, 5, "", "")));

        assertThat(run.exit()).isZero();
        assertThat(run.stdout()).contains("nothing needs provisioning");
        assertThat(demoFiles.resolve("radius-users")).doesNotExist();
    }

    @Test
    void runningTheSameSaveTwiceSucceeds() throws Exception {
        // A hook may succeed and the commit still fail; the CSR then saves again and the hook runs again.
        Map<String, String> env = created(service(42, 0, "jdoe", "s3cret"));
        assertThat(runHook("service_hook", env).exit()).isZero();

        Result again = runHook("service_hook", env);

        assertThat(again.exit()).as(again.toString()).isZero();
        assertThat(again.stdout()).contains("radius: login 'jdoe' of service 42 was already active");
        assertThat(radius()).hasSize(1);
    }

    @Test
    void lockLeftByAKilledRunIsTakenOver() throws Exception {
        Process dead = new ProcessBuilder("true").start();
        dead.waitFor(10, TimeUnit.SECONDS);
        Path lock = Files.createDirectories(demoFiles.resolve(".lock"));
        Files.writeString(lock.resolve("pid"), dead.pid() + "\n");

        Result run = runHook("service_hook", created(service(42, 0, "jdoe", "s3cret")));

        assertThat(run.exit()).as(run.toString()).isZero();
        assertThat(lock).doesNotExist();
    }

    @Test
    void concurrentOpeningsOfOneLoginLetExactlyOneServiceHaveIt() throws Exception {
        List<Process> runs = new ArrayList<>();
        for (int number = 1; number <= 4; number++) {
            ProcessBuilder pb = new ProcessBuilder(hooks.resolve("service_hook").toString()).directory(hooks.toFile())
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD);
            pb.environment().clear();
            pb.environment().putAll(created(service(number, 0, "same", "pw")));
            runs.add(pb.start());
        }
        int succeeded = 0;
        for (Process run : runs) {
            assertThat(run.waitFor(60, TimeUnit.SECONDS)).isTrue();
            succeeded += run.exitValue() == 0 ? 1 : 0;
        }

        assertThat(succeeded).isEqualTo(1);
        assertThat(radius()).hasSize(1);
        assertThat(mailboxes()).hasSize(1);
        assertThat(radius().get(0).split(":")[1]).isEqualTo(mailboxes().get(0).split(":")[1]);
    }

    @Test
    void theExampleKeepsItsFilesInProvisionedNextToIt() throws Exception {
        Result run = runHook("service_hook-example", created(service(42, 0, "jdoe", "s3cret")));

        assertThat(run.exit()).as(run.toString()).isZero();
        assertThat(Files.readAllLines(hooks.resolve("provisioned/radius-users"))).containsExactly(
                "jdoe:42:active:" + sha256("s3cret"));
        assertThat(demoFiles).doesNotExist();
    }

    @Test
    void demoFallsBackToHomeWhenTheHooksDirectoryIsReadOnly() throws Exception {
        if (RUNNING_AS_ROOT) {
            // Root may write anywhere, so as root (CI) the files go to nobody and the hook runs as nobody.
            giveToNobody(temp);
            runAs = List.of("/usr/bin/setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups", "--");
        }
        Files.setPosixFilePermissions(hooks, Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_EXECUTE,
                PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_EXECUTE,
                PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_EXECUTE));
        try {
            Result run = runHook("service_hook", created(service(42, 0, "jdoe", "s3cret")));

            assertThat(run.exit()).as(run.toString()).isZero();
            assertThat(home.resolve(".local/share/hookdesk/provisioned/radius-users")).exists();
            assertThat(demoFiles).doesNotExist();
        } finally {
            Files.setPosixFilePermissions(hooks, Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
                    PosixFilePermission.OWNER_EXECUTE));
        }
    }

    private static void giveToNobody(Path tree) throws IOException {
        var users = tree.getFileSystem().getUserPrincipalLookupService();
        var nobody = users.lookupPrincipalByName("nobody");
        var nogroup = users.lookupPrincipalByGroupName("nogroup");
        try (Stream<Path> files = Files.walk(tree)) {
            for (Path p : files.toList()) {
                Files.setOwner(p, nobody);
                Files.getFileAttributeView(p, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS).setGroup(nogroup);
            }
        }
    }

    // ---- provisioning.conf: which script provisions each system (the real ones are in RealProvisioningTest)

    @Test
    void provisioningConfNamingAMissingScriptStopsTheSaveBeforeAnythingIsTouched() throws Exception {
        Files.writeString(hooks.resolve("provisioning.conf"), "# real RADIUS\nradius = radius-ldap\n");

        Result run = runHook("service_hook-example", created(service(42, 0, "jdoe", "s3cret")));

        assertThat(run.exit()).isNotZero();
        assertThat(run.stderr()).contains("provisioning.conf names radius-ldap for radius, but "
                + hooks.resolve("resources/radius-ldap") + " is not an executable script");
        assertThat(hooks.resolve("provisioned/mailboxes")).doesNotExist();
    }

    @Test
    void realResourceWithoutItsSettingsFileSaysWhatToCreate() throws Exception {
        Files.writeString(hooks.resolve("provisioning.conf"), "radius = radius-sql\nmailbox = mailbox-dovecot\n");

        Result run = runHook("service_hook-example", created(service(42, 0, "jdoe", "s3cret")));

        assertThat(run.exit()).isNotZero();
        assertThat(run.stderr()).contains("service 42 was NOT provisioned, and nothing was left changed: cannot read its settings file "
                + hooks.resolve("radius.conf"));
    }

    @Test
    void settingsAreReadNotRun() throws Exception {
        Path marker = temp.resolve("ran");
        Files.writeString(hooks.resolve("provisioning.conf"), "radius = $(touch " + marker + ")\n");

        Result run = runHook("service_hook-example", created(service(42, 0, "jdoe", "s3cret")));

        assertThat(run.exit()).isNotZero();
        assertThat(run.stderr()).contains("provisioning.conf names '$(touch " + marker + ")' for radius");
        assertThat(marker).doesNotExist();
    }

    // ---- env_hook-example and account_hook

    @Test
    void envHookExamplePrintsTheVariablesSortedWithSecretsMasked() throws Exception {
        Map<String, String> env = updated(service(42, 0, "jdoe", "old pass"), with(service(42, 0, "jdoe", "new pass"),
                "d03", "first line\nsecond line"));

        Result run = runHook("env_hook-example", env);

        assertThat(run.exit()).isZero();
        List<String> lines = run.stdout().lines().toList();
        assertThat(lines).contains("NEW=0", "NEW_d01=jdoe", "NEW_d02=********", "OLD_d02=********", "HOOK_TABLE=service",
                "USER_fname=Jane", "ACCOUNT_company=Acme Widgets", "NEW_d03=first line", "second line");
        assertThat(run.stdout()).doesNotContain("old pass", "new pass");
        List<String> names = lines.stream().filter(l -> l.matches("[A-Z][A-Za-z0-9_]*=.*"))
                .map(l -> l.substring(0, l.indexOf('='))).toList();
        assertThat(names).isSorted();
    }

    @Test
    void accountHookLogsWhatChangedWithoutSecretValues() throws Exception {
        Map<String, String> before = account(7, "a@example.org", "4111111111111111");
        Map<String, String> after = with(with(with(before, "email", "b@example.org"), "ccnum", "4000000000000002"),
                "generation", "2026-11-25 10:00:00");

        Result run = runHook("account_hook", withContext(update(before, after), "account"));

        assertThat(run.exit()).as(run.toString()).isZero();
        List<String> log = Files.readAllLines(demoFiles.resolve("account_hook.log"));
        assertThat(log).singleElement().asString()
                .contains("account 7 by alice updated: ccnum changed, email 'a@example.org' -> 'b@example.org'")
                .doesNotContain("4111", "4000", "generation");
        assertThat(run.stdout()).doesNotContain("4111", "4000");
    }

    @Test
    void accountHookKeepsEachEntryOnOneLine() throws Exception {
        Map<String, String> before = account(7, "a@example.org", "");
        Result run = runHook("account_hook",
                withContext(update(before, with(before, "addr1", "Flat 2\n1 High St")), "account"));

        assertThat(run.exit()).isZero();
        assertThat(Files.readAllLines(demoFiles.resolve("account_hook.log"))).singleElement().asString()
                .contains("addr1 '' -> 'Flat 2\\n1 High St'");
    }

    // ---- what the client insists on before it runs a hook

    @Test
    void shippedHooksAreExecutableAndWritableOnlyByTheirOwner() throws IOException {
        for (String name : List.of("service_hook", "account_hook", "service_hook-example", "env_hook-example",
                "resources/radius", "resources/mailbox", "resources/radius-sql", "resources/mailbox-dovecot")) {
            Path file = ShippedHooks.SHIPPED.resolve(name);
            assertThat(Files.isExecutable(file)).as(name + " is executable").isTrue();
            assertThat(Files.getPosixFilePermissions(file)).as(name)
                    .doesNotContain(PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_WRITE);
        }
        assertThat(Files.getPosixFilePermissions(ShippedHooks.SHIPPED))
                .doesNotContain(PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_WRITE);
    }

    @Test
    void scriptsPassShellcheckWhenItIsInstalled() throws Exception {
        assumeTrue(Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, "shellcheck"))), "shellcheck is not installed");
        List<String> command = new ArrayList<>(List.of("shellcheck", "-x", "-s", "sh"));
        for (String name : List.of("service_hook", "account_hook", "service_hook-example", "env_hook-example",
                "resources/radius", "resources/mailbox", "resources/common.sh", "resources/radius-sql",
                "resources/mailbox-dovecot")) {
            command.add(name);
        }
        Process p = new ProcessBuilder(command).directory(hooks.toFile()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(output).isZero();
    }

    /** Wraps the radius resource so that {@code action} fails with "radius: server unreachable"; the rest still works. */
    private void radiusFails(String action) throws IOException {
        Path radius = hooks.resolve("resources/radius");
        Files.move(radius, hooks.resolve("resources/radius.real"));
        Files.writeString(radius, "#!/bin/sh\n[ \"$1\" = " + action + " ] && { echo \"radius: server unreachable\" >&2; exit 1; }\n"
                + "exec \"$(dirname \"$0\")/radius.real\" \"$@\"\n");
        Files.setPosixFilePermissions(radius, Files.getPosixFilePermissions(hooks.resolve("resources/radius.real")));
    }

    // ---- helpers: environments as the client builds them

    private Map<String, String> service(int number, int state, String login, String password) {
        Map<String, String> row = new LinkedHashMap<>();
        row.put("number", Integer.toString(number));
        row.put("user", "9");
        row.put("state", Integer.toString(state));
        row.put("servdef", "1");
        row.put("d01", login);
        row.put("d02", password);
        for (int i = 3; i <= 10; i++) {
            row.put(String.format("d%02d", i), "");
        }
        row.put("resources", "0");
        row.put("donotprovision", "0");
        row.put("startdate", "2026-11-01");
        row.put("enddate", "");
        row.put("price", "19.95");
        row.put("invdate", "2026-11-01");
        return row;
    }

    private Map<String, String> account(int number, String email, String ccnum) {
        Map<String, String> row = new LinkedHashMap<>();
        row.put("number", Integer.toString(number));
        row.put("state", "0");
        row.put("cfname", "Jane");
        row.put("clname", "Doe");
        row.put("company", "Acme Widgets");
        row.put("email", email);
        row.put("cphone", "555-0100");
        row.put("addr1", "");
        row.put("ccnum", ccnum);
        row.put("generation", "2026-11-24 09:00:00");
        return row;
    }

    private static Map<String, String> with(Map<String, String> row, String column, String value) {
        Map<String, String> copy = new LinkedHashMap<>(row);
        copy.put(column, value);
        return copy;
    }

    /** A service hook's environment for a new service. */
    private Map<String, String> created(Map<String, String> newRow) {
        Map<String, String> env = new TreeMap<>();
        env.put("NEW", "1");
        newRow.forEach((k, v) -> env.put("NEW_" + k, v));
        return withContext(withParents(env), "service");
    }

    /** A service hook's environment for an update. */
    private Map<String, String> updated(Map<String, String> oldRow, Map<String, String> newRow) {
        return withContext(withParents(update(oldRow, newRow)), "service");
    }

    /** A service hook's environment for "Run hook again": NEW=0, OLD_* equal to NEW_*, HOOK_REPROVISION=1. */
    private Map<String, String> reprovision(Map<String, String> row) {
        Map<String, String> env = updated(row, row);
        env.put("HOOK_REPROVISION", "1");
        return env;
    }

    private static Map<String, String> update(Map<String, String> oldRow, Map<String, String> newRow) {
        Map<String, String> env = new TreeMap<>();
        env.put("NEW", "0");
        newRow.forEach((k, v) -> env.put("NEW_" + k, v));
        oldRow.forEach((k, v) -> env.put("OLD_" + k, v));
        return env;
    }

    /** The service's user and account, as USER_* and ACCOUNT_* (the account's secrets withheld, as the client does). */
    private static Map<String, String> withParents(Map<String, String> env) {
        env.put("USER_number", "9");
        env.put("USER_account", "7");
        env.put("USER_fname", "Jane");
        env.put("USER_lname", "Doe");
        env.put("USER_login", "jane");
        env.put("ACCOUNT_number", "7");
        env.put("ACCOUNT_company", "Acme Widgets");
        return env;
    }

    private Map<String, String> withContext(Map<String, String> env, String table) {
        Map<String, String> out = new TreeMap<>(env);
        out.put("HOOK_TABLE", table);
        out.put("HOOK_INTERACTIVE", "1");
        out.put("HOOK_CSR", "alice");
        out.put("PATH", "/usr/local/bin:/usr/bin:/bin");
        out.put("HOME", home.toString());
        out.put("LANG", "C.UTF-8");
        out.put("TMPDIR", temp.toString());
        return out;
    }

    private record Result(int exit, String stdout, String stderr) {
        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
        }
    }

    private Result runHook(String name, Map<String, String> env) throws Exception {
        List<String> command = new ArrayList<>(runAs);
        command.add(hooks.resolve(name).toString());
        ProcessBuilder pb = new ProcessBuilder(command).directory(hooks.toFile());
        pb.environment().clear();
        pb.environment().putAll(env);
        Path out = Files.createTempFile(temp, "stdout", ".txt");
        Path err = Files.createTempFile(temp, "stderr", ".txt");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        Process process = pb.start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(name + " did not finish in 60 s");
        }
        return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
    }

    private List<String> radius() throws IOException {
        return Files.readAllLines(demoFiles.resolve("radius-users"));
    }

    private List<String> mailboxes() throws IOException {
        return Files.readAllLines(demoFiles.resolve("mailboxes"));
    }

    private static String sha256(String text) throws Exception {
        byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        StringBuilder hex = new StringBuilder();
        for (byte b : digest) {
            hex.append(String.format("%02x", b));
        }
        return hex.toString();
    }
}
