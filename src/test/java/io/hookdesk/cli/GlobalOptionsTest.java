package io.hookdesk.cli;

import io.hookdesk.testing.Migrations;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class GlobalOptionsTest {

    @RegisterExtension
    final CliHarness cli = CliHarness.perTest(CliHarness.Data.EMPTY);

    @Test
    void globalOptionsWorkBeforeAndAfterTheSubcommand() throws Exception {
        Path other = Files.createDirectory(cli.temp.resolve("other-hooks"));
        CliHarness.Run before = cli.raw("--hooks-dir", other.toString(), "hooks", "list");
        CliHarness.Run after = cli.raw("hooks", "list", "--hooks-dir", other.toString());
        CliHarness.Run between = cli.raw("hooks", "--hooks-dir", other.toString(), "list");
        assertThat(before.exit()).as(before.toString()).isZero();
        assertThat(before.out()).contains("\nhooks directory: " + other + "\n");
        assertThat(after.out()).isEqualTo(before.out());
        assertThat(between.out()).isEqualTo(before.out());
    }

    @Test
    void aHookRunnerThatIsNoneOfTheFormsIsRefusedNamingTheSetting() {
        for (String runner : new String[] {"sudo:hooks", "account:Bad Name", "ssh://billing", "ssh:///no/host"}) {
            CliHarness.Run r = cli.raw("hooks", "list", "--hook-runner", runner, "--home", cli.temp.toString());
            assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCodes.BAD_INPUT);
            assertThat(r.err()).contains("hook runner '" + runner + "' (hook.runner, --hook-runner, HOOKDESK_HOOK_RUNNER)");
        }
    }

    @Test
    void anAccountRunnerThatCannotStartIsShownLikeAMissingHooksDirectory() throws Exception {
        Path hooks = Files.createDirectory(cli.temp.resolve("account-hooks"));
        CliHarness.Run r = cli.raw("hooks", "list", "--hook-runner", "account:hookdesk-nobody-" + ProcessHandle.current().pid(),
                "--hooks-dir", hooks.toString(), "--home", cli.temp.toString());
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).startsWith("hooks run: account:hookdesk-nobody-" + ProcessHandle.current().pid() + " (hook.runner)\n"
                + "hooks directory: " + hooks + " (unusable: every save to a hooked table is refused: the hook runner for "
                + "account:hookdesk-nobody-").contains("REFUSED");
    }

    @Test
    void databaseOptionsAfterTheSubcommandReachTheDatabase() {
        CliHarness.Run r = cli.raw("db", "migrate", "--db-url", cli.url(), "--db-user", "postgres", "--home", cli.temp.toString());
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).isEqualTo(Migrations.latestVersion() + "\n");
    }

    @Test
    void badHookTimeoutIsBadInputNamingTheOption() {
        CliHarness.Run r = cli.run("apply", "service", "1", "--set", "state=2", "--hook-timeout", "soon");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("hook timeout 'soon' is not a duration");
    }

    @Test
    void unreachableDatabaseIsExitCode4() {
        CliHarness.Run r = cli.raw("--db-url", "jdbc:postgresql://127.0.0.1:1/nowhere", "--db-user", "postgres",
                "--home", cli.temp.toString(), "env", "service", "1");
        assertThat(r.exit()).as(r.toString()).isEqualTo(4);
        assertThat(r.err()).startsWith("hookdesk: Cannot open the database");
    }

    @Test
    void helpAndVersionExitZero() {
        CliHarness.Run help = cli.raw("--help");
        assertThat(help.exit()).isZero();
        assertThat(help.out()).contains("apply", "env", "renew", "hooks", "db", "--hook-timeout").doesNotContain("--password");
        CliHarness.Run applyHelp = cli.raw("apply", "--help");
        assertThat(applyHelp.exit()).isZero();
        assertThat(applyHelp.out()).contains("--set=COLUMN=VALUE", "--file=FILE", "--db-url");
        CliHarness.Run version = cli.raw("--version");
        assertThat(version.exit()).isZero();
        assertThat(version.out()).startsWith("hookdesk ");
    }

    @Test
    void unknownSubcommandOrOptionIsBadInput() {
        assertThat(cli.raw("aply").exit()).isEqualTo(2);
        CliHarness.Run r = cli.raw("apply", "service", "1", "--password", "x");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("Unknown options: '--password'");
        assertThat(cli.raw("db").exit()).isEqualTo(2);
    }
}
