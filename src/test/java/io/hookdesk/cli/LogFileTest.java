package io.hookdesk.cli;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The log file cannot be aimed (issue 19 item 3), and the command line says where a failure was logged only when it
 * was written there, exiting 5 when it went nowhere (item 4).
 */
class LogFileTest {

    private static final int NOBODY = 65534;

    @RegisterExtension
    static final CliHarness cli = CliHarness.perClass(CliHarness.Data.DEMO).removingHooksAfterEach();

    /**
     * Another account plants {@code hooks.log} in a shared sticky directory as a link to a file of the CSR's (their
     * {@code ~/.bashrc}): a failing save must neither follow it nor take the directory's sticky bit away.
     */
    @Test
    void aLinkAnotherUserPlantsInAStickyDirectoryIsNotFollowedAndTheDirectoryIsLeftAsItWas() throws Exception {
        Files.setPosixFilePermissions(cli.temp, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path shared = Files.createDirectory(cli.temp.resolve("shared-tmp"));
        Files.setAttribute(shared, "unix:mode", 01777);
        Path bashrc = Files.writeString(cli.temp.resolve("bashrc"), "alias ll='ls -l'\n");
        Path planted = shared.resolve("hooks.log");
        asAnotherUser("ln", "-s", bashrc.toString(), planted.toString());
        cli.hook("service", "echo failing; exit 1");

        CliHarness.Run r = cli.run("apply", "service", "10", "--set", "d04=$(touch /tmp/owned)", "--log-file", planted.toString());

        assertThat(Files.readString(bashrc)).isEqualTo("alias ll='ls -l'\n");
        assertThat((Integer) Files.getAttribute(shared, "unix:mode") & 07777).as("the shared directory's mode").isEqualTo(01777);
        assertThat(Files.isSymbolicLink(planted)).isTrue();
        assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCodes.NOT_LOGGED);
        assertThat(r.err()).contains("hookdesk: service 10: service_hook exited with status 1")
                .contains("hookdesk: NOT logged: " + planted + " could not be written (refusing to write the log " + planted)
                .doesNotContain("logged in");
    }

    @Test
    void aLogFileThatIsALinkOrAnotherUsersIsRefusedEvenInAPrivateDirectory() throws Exception {
        Path dir = Files.createDirectories(cli.temp.resolve("private-logs"));
        Path target = Files.writeString(dir.resolve("target"), "kept\n");
        Path link = Files.createSymbolicLink(dir.resolve("link.log"), target);
        cli.hook("service", "exit 1");

        CliHarness.Run viaLink = cli.run("apply", "service", "10", "--set", "state=2", "--log-file", link.toString());

        assertThat(viaLink.exit()).as(viaLink.toString()).isEqualTo(ExitCodes.NOT_LOGGED);
        assertThat(viaLink.err()).contains("it is not a plain file");
        assertThat(Files.readString(target)).isEqualTo("kept\n");

        Assumptions.assumeTrue(uid() == 0, "giving a file to another user needs root");
        Path theirs = Files.writeString(dir.resolve("theirs.log"), "");
        Files.setAttribute(theirs, "unix:uid", NOBODY);
        CliHarness.Run toTheirs = cli.run("apply", "service", "10", "--set", "state=2", "--log-file", theirs.toString());
        assertThat(toTheirs.exit()).isEqualTo(ExitCodes.NOT_LOGGED);
        assertThat(toTheirs.err()).contains("it belongs to uid " + NOBODY);
        assertThat(Files.size(theirs)).isZero();
    }

    @Test
    void missingDirectoriesAreMadeOwnerOnlyAndAnExistingOneIsNeverChmodded() throws Exception {
        Path existing = Files.createDirectories(cli.temp.resolve("var-log"));
        Files.setPosixFilePermissions(existing, PosixFilePermissions.fromString("rwxr-xr-x"));
        cli.hook("service", "exit 1");

        Path inExisting = existing.resolve("hooks.log");
        CliHarness.Run first = cli.run("apply", "service", "10", "--set", "state=2", "--log-file", inExisting.toString());
        assertThat(first.exit()).as(first.toString()).isEqualTo(ExitCodes.HOOK);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(existing))).isEqualTo("rwxr-xr-x");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(inExisting))).isEqualTo("rw-------");

        Path log = existing.resolve("new/deeper/hooks.log");
        CliHarness.Run r = cli.run("apply", "service", "10", "--set", "state=2", "--log-file", log.toString());

        assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCodes.HOOK);
        assertThat(r.err()).endsWith("hookdesk: logged in " + log + "\n");
        assertThat(Files.readString(log)).contains("ROLLED BACK: update service 10");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(existing))).isEqualTo("rwxr-xr-x");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(existing.resolve("new")))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(log.getParent()))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(log))).isEqualTo("rw-------");
    }

    @Test
    void aBatchWhoseFailuresCouldNotBeLoggedSaysSoAndExits5() throws Exception {
        Path dir = Files.createDirectories(cli.temp.resolve("batch-logs"));
        Path link = Files.createSymbolicLink(dir.resolve("hooks.log"), cli.temp.resolve("nowhere"));
        cli.hook("service", "exit 1");
        Path input = Files.writeString(cli.temp.resolve("batch.jsonl"),
                "{\"table\":\"service\",\"number\":10,\"set\":{\"state\":\"2\"}}\n", StandardCharsets.UTF_8);

        CliHarness.Run r = cli.run("apply", "--file", input.toString(), "--log-file", link.toString());

        assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCodes.NOT_LOGGED);
        assertThat(r.err()).contains("hookdesk: NOT logged: 1 failed saves could not be written to " + link)
                .doesNotContain("described in");
        assertThat(cli.temp.resolve("nowhere")).doesNotExist();
    }

    /** Runs a command as "nobody" when this is root (as another local account would), else as this user. */
    private static void asAnotherUser(String... command) throws IOException, InterruptedException {
        java.util.List<String> argv = new java.util.ArrayList<>();
        if (uid() == 0 && Files.isExecutable(Path.of("/usr/bin/setpriv"))) {
            argv.addAll(java.util.List.of("/usr/bin/setpriv", "--reuid=" + NOBODY, "--regid=" + NOBODY, "--clear-groups"));
        }
        argv.addAll(java.util.List.of(command));
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(output).isZero();
    }

    private static int uid() throws IOException {
        return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
    }
}
