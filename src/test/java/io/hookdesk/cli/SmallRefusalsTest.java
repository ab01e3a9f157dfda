package io.hookdesk.cli;

import io.hookdesk.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The small refusals of issue 19 item 9 and issue 25 item 9: each is exit 2 with a message naming what is wrong,
 * nothing changed, no stack trace.
 */
class SmallRefusalsTest {

    @RegisterExtension
    static final CliHarness cli = CliHarness.perClass(CliHarness.Data.DEMO).removingHooksAfterEach();

    private static final String LOGIN = "csr_state_only_" + ProcessHandle.current().pid();

    @BeforeAll
    static void aLoginThatMayChangeOnlyTheState() {
        var dsl = cli.db.dsl();
        dsl.execute("CREATE ROLE " + LOGIN + " LOGIN");
        dsl.execute("GRANT USAGE ON SCHEMA public, hookdesk TO " + LOGIN);
        dsl.execute("GRANT SELECT ON ALL TABLES IN SCHEMA public, hookdesk TO " + LOGIN);
        dsl.execute("GRANT UPDATE (state) ON service TO " + LOGIN);
        dsl.execute("GRANT INSERT (table_name, record_number, operation, csr, origin, duration_ms, hook_path, exit_code, "
                + "signal, outcome, message, stdout, stderr, environment) ON hookdesk.hook_run TO " + LOGIN);
    }

    @AfterAll
    static void dropLogin() {
        cli.db.dsl().execute("DROP OWNED BY " + LOGIN);
        cli.db.dsl().execute("DROP ROLE " + LOGIN);
    }

    @Test
    void aValueThatWasNotValidUtf8IsRefused() {
        String before = cli.value("SELECT d01 FROM service WHERE number = 1");

        // What the JVM makes of the bytes 'ab\xffc' given as an argument under a UTF-8 locale.
        CliHarness.Run r = cli.run("apply", "service", "1", "--set", "d01=ab\uFFFDc");

        assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err()).contains("not valid UTF-8", "nothing changed");
        assertThat(cli.value("SELECT d01 FROM service WHERE number = 1")).isEqualTo(before);
    }

    @Test
    void aHookTimeoutBeyondADayIsRefused() {
        for (String timeout : new String[] {"10000000000", "25h", "PT100000H"}) {
            CliHarness.Run r = cli.run("--hook-timeout", timeout, "apply", "service", "1", "--set", "state=2");

            assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCodes.BAD_INPUT);
            assertThat(r.err()).contains("hook timeout '" + timeout + "' is longer than the most a hook may be given, 24h")
                    .doesNotContain("overflow");
        }
        assertThat(cli.run("--hook-timeout", "24h", "apply", "service", "1", "--set", "state=2").exit()).isZero();
    }

    @Test
    void aCsrLabelOfAHundredEmojiIsStoredWholeAndOneMoreIsRefused() {
        String hundred = "\uD83D\uDE00".repeat(100);

        CliHarness.Run ok = cli.run("apply", "service", "2", "--set", "state=2", "--csr", hundred);
        CliHarness.Run tooLong = cli.run("apply", "service", "2", "--set", "state=0", "--csr", hundred + "\uD83D\uDE00");

        assertThat(ok.exit()).as(ok.toString()).isZero();
        assertThat(cli.value("SELECT csr FROM hookdesk.hook_run ORDER BY id DESC LIMIT 1")).isEqualTo(hundred);
        assertThat(tooLong.exit()).as(tooLong.toString()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(tooLong.err()).contains("is 101 characters long; at most 100");
    }

    @Test
    void aLoginWithoutUpdateOnAColumnIsToldWhichColumn() {
        CliHarness.Run allowed = cli.runAs(LOGIN, "apply", "service", "3", "--set", "state=2");
        CliHarness.Run refused = cli.runAs(LOGIN, "apply", "service", "3", "--set", "d01=someone");

        assertThat(allowed.exit()).as(allowed.toString()).isZero();
        assertThat(refused.exit()).as(refused.toString()).isEqualTo(ExitCodes.BAD_INPUT);
        // Refused before any statement, by the column grants the catalogue read at connect (the server's own
        // privilege refusal names the column too, where a grant changed after HookDesk connected).
        assertThat(refused.err()).contains("d01: your login may not change service.d01").doesNotContain("\tat ");
    }

    @Test
    void dbCheckOnAnUnmigratedHookdeskSchemaReportsAndExitsTwo() throws SQLException {
        String url = TestDatabase.withOutOfDateHookdeskSchema(LOGIN);
        try {
            CliHarness.Run r = cli.raw("--db-url", url, "--db-user", LOGIN, "--home", cli.home.toString(),
                    "--hooks-dir", cli.hooks.toString(), "db", "check");

            assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCodes.BAD_INPUT);
            assertThat(r.out()).contains("hookdesk schema: not current", "verdict: HookDesk cannot work on this database",
                    "an administrator runs hookdesk db migrate");
        } finally {
            try (Connection c = DriverManager.getConnection(url, "postgres", null); Statement s = c.createStatement()) {
                s.execute("DROP OWNED BY " + LOGIN);
            }
        }
    }
}
