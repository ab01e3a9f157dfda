package io.hookdesk.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class HooksListCommandTest {

    @RegisterExtension
    final CliHarness cli = CliHarness.perTest(CliHarness.Data.EMPTY);

    @Test
    void showsReadyNotExecutableUnsafeAndMissingHooks() throws Exception {
        Path service = cli.hook("service", "exit 0");
        Path user = cli.hook("user", "exit 0", "rw-r--r--");
        Path account = cli.hook("account", "exit 0", "rwxrwxr-x");
        Path ticket = cli.hooks.resolve("ticket_hook");
        Files.createSymbolicLink(ticket, cli.temp.resolve("nowhere"));

        CliHarness.Run r = cli.run("hooks", "list");

        assertThat(r.exit()).as(r.toString()).isZero();
        Path h = cli.hooks;
        assertThat(r.out()).startsWith("hooks run: here, as " + System.getProperty("user.name") + " (local)\n"
                + "hooks directory: " + h + "\n"
                + "TABLE      PRESENT  EXECUTABLE  SAFE  RUNS      PATH\n"
                + "account    yes      yes         NO    REFUSED   " + account + "\n"
                + "user       yes      NO          yes   REFUSED   " + user + "\n"
                + "service    yes      yes         yes   yes       " + service + "\n"
                + "efpstate   no       -           -     no hook   " + h.resolve("efpstate_hook") + "\n"
                + "efpdata    no       -           -     no hook   " + h.resolve("efpdata_hook") + "\n"
                + "payhist    no       -           -     no hook   " + h.resolve("payhist_hook") + "\n"
                + "queue      no       -           -     no hook   " + h.resolve("queue_hook") + "\n"
                + "ticket     yes      -           -     REFUSED   " + ticket + "\n"
                + "message    no       -           -     no hook   " + h.resolve("message_hook") + "\n"
                + "datacall   no       -           -     no hook   " + h.resolve("datacall_hook") + "\n"
                + "\n");
        assertThat(r.out()).contains("account_hook: refusing to run: the file " + account + " is writable by its group",
                "user_hook: " + user + " exists but is not executable; make it executable with: chmod 755 " + user,
                "ticket_hook: " + ticket + " is not a regular file");
    }

    @Test
    void needsNoDatabaseAndSaysWhenTheDirectoryIsMissing() {
        Path missing = cli.temp.resolve("no-such-dir");
        CliHarness.Run r = cli.raw("hooks", "list", "--hooks-dir", missing.toString(), "--home", cli.temp.toString(),
                "--db-url", "jdbc:postgresql://127.0.0.1:1/unreachable");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).contains("hooks directory: " + missing + " (unusable: every save to a hooked table is refused: "
                + "the hooks directory " + missing + " does not exist;");
    }
}
