package io.hookdesk.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class ReprovisionCommandTest {

    @RegisterExtension
    static final CliHarness cli = CliHarness.perClass(CliHarness.Data.DEMO).removingHooksAfterEach();

    @Test
    void aSupervisorRunsTheHookAgainWithTheRecordAsItIs() throws Exception {
        Path seen = cli.hooks.resolveSibling("reprovision-env");
        cli.hook("service", "env > '" + seen + "'");
        String rowBefore = cli.value("SELECT row_to_json(s)::text FROM service s WHERE number = 2");

        CliHarness.Run r = cli.run("reprovision", "service", "2", "--csr", "ops");

        assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCodes.OK);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEqualTo("service 2: service_hook ran again for service 2 and succeeded.\n");
        String env = Files.readString(seen);
        String state = cli.value("SELECT state::text FROM service WHERE number = 2");
        assertThat(env).contains("NEW=0\n", "HOOK_REPROVISION=1\n", "HOOK_INTERACTIVE=0\n",
                // The hook is told the database login that ran it; --csr is the label beside it in the audit.
                "HOOK_CSR=postgres\n",
                "NEW_state=" + state + "\n", "OLD_state=" + state + "\n");
        assertThat(cli.value("SELECT row_to_json(s)::text FROM service s WHERE number = 2")).isEqualTo(rowBefore);
        assertThat(cli.value("SELECT operation || ' ' || outcome || ' ' || origin || ' ' || csr || ' ' || db_user "
                + "FROM hookdesk.hook_run WHERE table_name = 'service' AND record_number = 2 ORDER BY id DESC LIMIT 1"))
                .isEqualTo("rerun committed command_line ops postgres");
    }

    @Test
    void aFailingHookExitsThreeAndChangesNothing() {
        cli.hook("service", "echo 'radius down' >&2; exit 9");
        String rowBefore = cli.value("SELECT row_to_json(s)::text FROM service s WHERE number = 2");

        CliHarness.Run r = cli.run("reprovision", "service", "2");

        assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCodes.HOOK);
        assertThat(r.err()).contains("service 2:", "service 2 itself is unchanged", "  | radius down", "logged in");
        assertThat(cli.value("SELECT row_to_json(s)::text FROM service s WHERE number = 2")).isEqualTo(rowBefore);
        assertThat(cli.value("SELECT operation || ' ' || outcome FROM hookdesk.hook_run "
                + "WHERE table_name = 'service' AND record_number = 2 ORDER BY id DESC LIMIT 1"))
                .isEqualTo("rerun rolled_back");
    }

    @Test
    void aMissingHookIsSaidAndExitsThree() {
        CliHarness.Run r = cli.run("reprovision", "user", "1");
        assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCodes.HOOK);
        assertThat(r.err()).contains("user 1: Not run:", "user_hook");
    }

    @Test
    void aRecordThatDoesNotExistIsBadInput() {
        cli.hook("service", "exit 0");
        CliHarness.Run r = cli.run("reprovision", "service", "987654");
        assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err()).contains("There is no service 987654.");
    }

    @Test
    void aDatabaseUserWhoIsNotASupervisorIsRefusedAndNoHookRuns() {
        Path ran = cli.hooks.resolveSibling("reprovision-ran");
        cli.hook("service", "touch '" + ran + "'");
        String user = "csr_reprov_" + ProcessHandle.current().pid();
        cli.db.dsl().execute("CREATE ROLE " + user + " LOGIN");
        try {
            cli.db.dsl().execute("GRANT USAGE ON SCHEMA public, hookdesk TO " + user);
            cli.db.dsl().execute("GRANT ALL ON ALL TABLES IN SCHEMA public, hookdesk TO " + user);
            cli.db.dsl().execute("GRANT ALL ON ALL SEQUENCES IN SCHEMA public, hookdesk TO " + user);
            int runsBefore = cli.hookRuns();

            CliHarness.Run refused = cli.runAs(user, "reprovision", "service", "2");

            assertThat(refused.exit()).as(refused.toString()).isEqualTo(ExitCodes.BAD_INPUT);
            assertThat(refused.err()).contains("reprovision is for supervisors", "hookdesk_supervisor");
            assertThat(Files.exists(ran)).isFalse();
            assertThat(cli.hookRuns()).isEqualTo(runsBefore);
        } finally {
            cli.db.dsl().execute("DROP OWNED BY " + user);
            cli.db.dsl().execute("DROP ROLE " + user);
        }
    }
}
