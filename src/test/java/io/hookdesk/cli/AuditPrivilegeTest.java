package io.hookdesk.cli;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A login that may change services but not write the audit: its saves are refused, the hook never starts, and the
 * operator is told that not even the refused attempt could be recorded (issue 10, item 4).
 */
class AuditPrivilegeTest {

    @RegisterExtension
    static final CliHarness cli = CliHarness.perClass(CliHarness.Data.DEMO);

    private final String user = "csr_noaudit_" + ProcessHandle.current().pid();

    @BeforeEach
    void loginWithoutAuditRights() {
        cli.db.dsl().execute("CREATE ROLE " + user + " LOGIN");
        cli.db.dsl().execute("GRANT USAGE ON SCHEMA public, hookdesk TO " + user);
        cli.db.dsl().execute("GRANT ALL ON ALL TABLES IN SCHEMA public TO " + user);
        cli.db.dsl().execute("GRANT ALL ON ALL SEQUENCES IN SCHEMA public TO " + user);
        cli.db.dsl().execute("GRANT SELECT ON ALL TABLES IN SCHEMA hookdesk TO " + user);
    }

    @AfterEach
    void dropLogin() {
        cli.db.dsl().execute("DROP OWNED BY " + user);
        cli.db.dsl().execute("DROP ROLE " + user);
    }

    @Test
    void aSaveWhoseAuditRowCannotBeWrittenIsNotCommittedAndItsHookDoesNotRun() {
        Path ran = cli.temp.resolve("hook-ran");
        cli.hook("service", "touch '" + ran + "'");
        String before = cli.value("SELECT row_to_json(s)::text FROM service s WHERE number = 1");
        int runs = cli.hookRuns();

        CliHarness.Run r = cli.runAs(user, "apply", "service", "1", "--set", "state=2");

        assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCodes.DATABASE);
        assertThat(r.err()).contains("audit row", "hookdesk.hook_run", "nothing was changed", "permission denied")
                .contains("WARNING: This attempt could not be recorded");
        assertThat(Files.exists(ran)).as("the hook must not have run").isFalse();
        assertThat(cli.value("SELECT row_to_json(s)::text FROM service s WHERE number = 1")).isEqualTo(before);
        assertThat(cli.hookRuns()).isEqualTo(runs);
        cli.removeHooks();
    }

    @Test
    void aSaveWithoutAHookIsNotCommittedWithoutItsRowEither() {
        String before = cli.value("SELECT row_to_json(s)::text FROM service s WHERE number = 2");

        CliHarness.Run r = cli.runAs(user, "apply", "service", "2", "--set", "state=2");

        assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCodes.DATABASE);
        assertThat(cli.value("SELECT row_to_json(s)::text FROM service s WHERE number = 2")).isEqualTo(before);
    }
}
