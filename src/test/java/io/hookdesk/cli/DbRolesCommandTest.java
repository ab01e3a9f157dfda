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
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code hookdesk db roles} with real roles on a real server: a CSR's login granted {@code hookdesk_csr} can save,
 * and cannot edit the audit or create anything (issue 10, items 2 and 3). Roles belong to the whole test server:
 * the two real role names are shared by every test class that runs {@code db roles}, which is why setting them up
 * must be, and is, safe to repeat.
 */
class DbRolesCommandTest {

    @RegisterExtension
    static final CliHarness cli = CliHarness.perClass(CliHarness.Data.DEMO).removingHooksAfterEach();

    private static final String LOGIN = "csr_roles_" + ProcessHandle.current().pid();

    @BeforeAll
    static void roles() {
        CliHarness.Run first = cli.run("db", "roles");
        assertThat(first.exit()).as(first.toString()).isZero();
        cli.db.dsl().execute("CREATE ROLE " + LOGIN + " LOGIN");
        cli.db.dsl().execute("GRANT hookdesk_csr TO " + LOGIN);
    }

    @AfterAll
    static void dropLogin() {
        cli.db.dsl().execute("DROP ROLE IF EXISTS " + LOGIN);
    }

    /** Runs {@code sql} as the CSR's own login, as someone with its password in psql would. */
    private static void asCsr(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(cli.url(), LOGIN, null); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    @Test
    void runningItAgainChangesNothingAndSucceeds() {
        CliHarness.Run again = cli.run("db", "roles");

        assertThat(again.exit()).as(again.toString()).isZero();
        assertThat(again.out()).contains("GRANT SELECT, INSERT, UPDATE ON \"public\".\"service\" TO hookdesk_csr",
                "GRANT SELECT ON \"public\".\"servdef\" TO hookdesk_csr").doesNotContain("CREATE ROLE");
        assertThat(again.err()).contains("GRANT hookdesk_csr TO alice");
    }

    @Test
    void aCsrLoginSavesAndItsRowSaysWho() {
        cli.hook("service", "exit 0");

        CliHarness.Run r = cli.runAs(LOGIN, "apply", "service", "8", "--set", "state=2", "--csr", "mallory");

        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(cli.value("SELECT db_user || ' ' || csr || ' ' || outcome FROM hookdesk.hook_run ORDER BY id DESC LIMIT 1"))
                .isEqualTo(LOGIN + " mallory committed");
    }

    @Test
    void aCsrLoginCanCreateARecordDrawingOnItsSequence() {
        CliHarness.Run r = cli.runAs(LOGIN, "apply", "ticket", "--new", "--set", "account=1", "--set", "queue=1",
                "--set", "subject=roles");

        assertThat(r.exit()).as(r.toString()).isZero();
    }

    @Test
    void aCsrLoginMayNotChangeDeleteOrTruncateTheAudit() {
        for (String sql : new String[] {"UPDATE hookdesk.hook_run SET outcome = 'committed'", "DELETE FROM hookdesk.hook_run",
                "TRUNCATE hookdesk.hook_run"}) {
            assertThatThrownBy(() -> asCsr(sql)).as(sql).hasMessageContaining("permission denied");
        }
    }

    @Test
    void aCsrLoginMayNotCreateInHookdeskNorCompleteAnotherTransactionsRow() {
        assertThatThrownBy(() -> asCsr("CREATE TABLE hookdesk.mine (x int)")).hasMessageContaining("permission denied");
        long id = cli.db.dsl().fetchOne("INSERT INTO hookdesk.hook_run (table_name, operation, origin, started_at, outcome) "
                + "VALUES ('service', 'update', 'desktop', now(), 'rolled_back') RETURNING id").get(0, Long.class);
        assertThatThrownBy(() -> asCsr("SELECT hookdesk.finish_run(" + id + ", 'committed', '', 0, NULL, 0, '', '')"))
                .hasMessageContaining("not written by this transaction");
        assertThat(cli.value("SELECT outcome FROM hookdesk.hook_run WHERE id = " + id)).isEqualTo("rolled_back");
    }

    @Test
    void aCsrLoginMayNotInsertAnAuditRowWithAnIdOfItsOwnAndSavesGoOnWorking() throws SQLException {
        long next = cli.db.dsl().fetchOne("SELECT coalesce(max(id), 0) + 1 FROM hookdesk.hook_run").get(0, Long.class);
        for (long id : new long[] {next, next + 1, next + 1000}) {
            assertThatThrownBy(() -> asCsr("INSERT INTO hookdesk.hook_run (id, table_name, operation, origin, outcome) "
                    + "VALUES (" + id + ", 'service', 'update', 'desktop', 'rolled_back')"))
                    .as("an id chosen by the client").hasMessageContaining("permission denied");
            assertThatThrownBy(() -> asCsr("INSERT INTO hookdesk.hook_run (id, table_name, operation, origin, outcome) "
                    + "OVERRIDING SYSTEM VALUE VALUES (" + id + ", 'service', 'update', 'desktop', 'rolled_back')"))
                    .hasMessageContaining("permission denied");
        }
        cli.hook("service", "exit 0");

        CliHarness.Run saved = cli.runAs(LOGIN, "apply", "service", "9", "--set", "state=2", "--csr", "after");
        cli.hook("service", "exit 3");
        CliHarness.Run failed = cli.runAs(LOGIN, "apply", "service", "9", "--set", "state=0", "--csr", "after");

        assertThat(saved.exit()).as(saved.toString()).isZero();
        assertThat(failed.exit()).as(failed.toString()).isEqualTo(ExitCodes.HOOK);
        assertThat(cli.value("SELECT string_agg(outcome, ' ' ORDER BY id) FROM hookdesk.hook_run WHERE csr = 'after'"))
                .isEqualTo("committed rolled_back");
    }

    @Test
    void aCsrLoginCannotDateARowNorWriteItCommittedNorSayWhoWroteIt() throws SQLException {
        assertThatThrownBy(() -> asCsr("INSERT INTO hookdesk.hook_run (table_name, operation, origin, started_at, outcome) "
                + "VALUES ('service', 'update', 'desktop', '2001-01-01', 'rolled_back')")).hasMessageContaining("permission denied");
        assertThatThrownBy(() -> asCsr("INSERT INTO hookdesk.hook_run (table_name, operation, origin, outcome, db_user) "
                + "VALUES ('service', 'update', 'desktop', 'rolled_back', 'alice')")).hasMessageContaining("permission denied");
        assertThatThrownBy(() -> asCsr("INSERT INTO hookdesk.hook_run (table_name, operation, origin, outcome, csr) "
                + "VALUES ('service', 'update', 'desktop', 'committed', 'forger')")).hasMessageContaining("cannot be written directly");
        // A duration of years does not move the start back by years: the database's clock dates the row.
        asCsr("INSERT INTO hookdesk.hook_run (table_name, operation, origin, outcome, csr, duration_ms) "
                + "VALUES ('service', 'update', 'desktop', 'rolled_back', 'forger', 700000000000)");

        assertThat(cli.value("SELECT (started_at >= now() - interval '1 day 1 minute' AND started_at <= clock_timestamp())::text "
                + "|| ' ' || duration_ms || ' ' || db_user FROM hookdesk.hook_run WHERE csr = 'forger'"))
                .isEqualTo("true 86400000 " + LOGIN);
    }

    @Test
    void aRunCanBeFinishedOnceOnlyAndOnlyWithAnOutcomeARunEndsWith() throws SQLException {
        try (Connection c = DriverManager.getConnection(cli.url(), LOGIN, null); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            var rs = s.executeQuery("INSERT INTO hookdesk.hook_run (table_name, operation, origin, outcome, csr) "
                    + "VALUES ('service', 'update', 'desktop', 'running', 'twice') RETURNING id");
            rs.next();
            long id = rs.getLong(1);
            assertThatThrownBy(() -> s.execute("SELECT hookdesk.finish_run(" + id + ", 'invented', '', 0, NULL, 0, '', '')"))
                    .hasMessageContaining("not an outcome");
            c.rollback();
            rs = s.executeQuery("INSERT INTO hookdesk.hook_run (table_name, operation, origin, outcome, csr) "
                    + "VALUES ('service', 'update', 'desktop', 'running', 'twice') RETURNING id");
            rs.next();
            long again = rs.getLong(1);
            s.execute("SELECT hookdesk.finish_run(" + again + ", 'rolled_back', '', 1, NULL, 0, '', '')");
            assertThatThrownBy(() -> s.execute("SELECT hookdesk.finish_run(" + again + ", 'committed', '', 0, NULL, 0, '', '')"))
                    .hasMessageContaining("not written by this transaction");
            c.rollback();
        }
    }

    @Test
    void aCsrLoginAgainstAnOutOfDateSchemaIsToldToAskAnAdministratorAndChangesNothing() throws SQLException {
        String url = TestDatabase.withOutOfDateHookdeskSchema(LOGIN);
        try {
            String before = TestDatabase.fingerprint(url, "hookdesk");

            CliHarness.Run r = cli.raw("--db-url", url, "--db-user", LOGIN, "--home", cli.home.toString(),
                    "--hooks-dir", cli.hooks.toString(), "db", "migrate");

            assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCodes.DATABASE);
            assertThat(r.err()).contains("ask your administrator to run hookdesk db migrate", "Nothing was changed");
            assertThat(TestDatabase.fingerprint(url, "hookdesk")).isEqualTo(before);
        } finally {
            try (Connection c = DriverManager.getConnection(url, "postgres", null); Statement s = c.createStatement()) {
                s.execute("DROP OWNED BY " + LOGIN);
            }
        }
    }
}
