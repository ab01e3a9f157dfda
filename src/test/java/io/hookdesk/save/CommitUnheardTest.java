package io.hookdesk.save;

import io.hookdesk.app.AppContext;
import io.hookdesk.db.Database;
import io.hookdesk.model.HookRun;
import io.hookdesk.model.HookedTable;
import io.hookdesk.model.Origin;
import io.hookdesk.testing.CommitCut;
import io.hookdesk.testing.HookScripts;
import io.hookdesk.testing.TestApp;
import io.hookdesk.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.hookdesk.model.HookedTable.SERVICE;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A save whose COMMIT went and whose answer never came (the connection broke: a network, a server restarted or failed
 * over) may be saved or not. It is not told "nothing was saved" when the database committed it: the save asks the
 * database (txid_status) and says what it says, or that nobody knows. Through a relay ({@link CommitCut}) that breaks
 * the connection exactly as the server's COMMIT reply arrives, and a trigger that ends its own server process at COMMIT.
 */
class CommitUnheardTest {

    @TempDir
    Path dir;
    private String database;
    private CommitCut cut;
    private AppContext app;
    private HookScripts hooks;

    @BeforeEach
    void start() throws IOException {
        try (Database demo = TestDatabase.withDemoData()) {
            database = String.valueOf(demo.dsl().fetchValue("SELECT current_database()"));
        }
        cut = new CommitCut(TestDatabase.port());
        Database db = Database.connect("jdbc:postgresql://127.0.0.1:" + cut.port() + "/" + database, "postgres", null);
        Path hooksDir = Files.createDirectories(dir.resolve("hooks"));
        hooks = new HookScripts(hooksDir);
        app = TestApp.wire(db, Files.createDirectories(dir.resolve("home")), hooksDir, Duration.ofSeconds(20),
                FailureLog.NONE);
    }

    @AfterEach
    void stop() {
        if (app != null) {
            app.close();
        }
        if (cut != null) {
            cut.close();
        }
    }

    @Test
    void aCommitTheDatabaseMadeButNeverToldIsASaveWithOneAuditRow() throws Exception {
        Path provisioned = dir.resolve("provisioned");
        hooks.install(SERVICE, "echo \"$NEW_d01\" >> " + provisioned);
        SaveResult r = update(SERVICE, 1, "AC:DE:48:00:00:01", CommitCut.Cut.THAT_CONNECTION);

        assertThat(cut.cut()).as("the connection broke at the commit").isTrue();
        assertThat(r.outcome()).as(r.message()).isEqualTo(SaveOutcome.COMMITTED);
        assertThat(r.hookRan()).isTrue();
        assertThat(Files.readString(provisioned)).isEqualTo("AC:DE:48:00:00:01\n");
        assertThat(directly("SELECT d01 FROM service WHERE number = 1")).isEqualTo("AC:DE:48:00:00:01");
        List<HookRun> runs = app.records().history(SERVICE, 1, 10);
        assertThat(runs).as("the audit row committed with the save, and no second one").hasSize(1);
        assertThat(runs.get(0).outcome()).isEqualTo("committed");
    }

    @Test
    void aCommitNobodyCanAskAboutIsUnknownNotNothingSaved() throws Exception {
        Path provisioned = dir.resolve("provisioned");
        hooks.install(SERVICE, "echo \"$NEW_d01\" >> " + provisioned);
        SaveResult r = update(SERVICE, 1, "AC:DE:48:00:00:02", CommitCut.Cut.AND_THE_SERVER_GONE);

        assertThat(r.outcome()).as(r.message()).isEqualTo(SaveOutcome.COMMIT_FAILED_AFTER_HOOK);
        assertThat(r.message()).contains("service_hook succeeded", "whether service 1 was saved is not known",
                "open service 1 again and check both before trying again");
        assertThat(r.databaseUnreachable()).isTrue();
        // And indeed it was saved: telling the CSR it was not would have had them save it, and run the hook, again.
        assertThat(directly("SELECT d01 FROM service WHERE number = 1")).isEqualTo("AC:DE:48:00:00:02");
        assertThat(Files.readString(provisioned)).isEqualTo("AC:DE:48:00:00:02\n");
    }

    @Test
    void aSaveWithoutAHookWhoseCommitWentUnheardIsNotToldNothingWasSavedAndSavingAgainIsAConflict() throws Exception {
        long opened = app.records().load(SERVICE, 1).orElseThrow().version();

        SaveResult r = update(SERVICE, 1, "AC:DE:48:00:00:03", CommitCut.Cut.AND_THE_SERVER_GONE);

        assertThat(r.outcome()).as(r.message()).isEqualTo(SaveOutcome.DATABASE_ERROR);
        assertThat(r.message()).startsWith(SaveService.COMMIT_UNANSWERED)
                .contains("whether service 1 was saved is not known").doesNotContain("Nothing was saved");
        assertThat(r.databaseUnreachable()).isTrue();
        assertThat(directly("SELECT d01 FROM service WHERE number = 1")).isEqualTo("AC:DE:48:00:00:03");
        // What the desktop tells the CSR to do (SaveResults): save the same edits again once the database is back. The
        // change did commit, so the second save is refused as a conflict rather than made twice.
        try (AppContext back = TestApp.wire(Database.connect(TestDatabase.url(database), "postgres", null),
                Files.createDirectories(dir.resolve("home2")), dir.resolve("hooks"), Duration.ofSeconds(20), FailureLog.NONE)) {
            SaveResult again = back.saves().save(SaveRequest.update(SERVICE, 1, Map.of("d01", "AC:DE:48:00:00:03"), opened,
                    Origin.DESKTOP, "alice"));
            assertThat(again.outcome()).as(again.message()).isEqualTo(SaveOutcome.CONFLICT);
        }
    }

    @Test
    void aCommitTheServerDiedInIsACommitThatFailedAfterTheHook() throws Exception {
        // The server process ends itself at COMMIT, before the commit is made: the database says the transaction aborted.
        execute("CREATE FUNCTION die_at_commit() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                + "PERFORM pg_terminate_backend(pg_backend_pid()); RETURN NULL; END $$",
                "CREATE CONSTRAINT TRIGGER die_at_commit AFTER UPDATE ON service DEFERRABLE INITIALLY DEFERRED "
                        + "FOR EACH ROW EXECUTE FUNCTION die_at_commit()");
        hooks.install(SERVICE, "exit 0");
        String before = directly("SELECT d01 FROM service WHERE number = 1");

        SaveResult r = update(SERVICE, 1, "AC:DE:48:00:00:04", null);

        assertThat(r.outcome()).as(r.message()).isEqualTo(SaveOutcome.COMMIT_FAILED_AFTER_HOOK);
        assertThat(r.message()).contains("service_hook succeeded but the database did not commit");
        assertThat(directly("SELECT d01 FROM service WHERE number = 1")).isEqualTo(before);
    }

    /** Loads the record as the form does, arms the cut ({@code how}, or none), and saves. */
    private SaveResult update(HookedTable table, int number, String d01, CommitCut.Cut how) {
        var record = app.records().load(table, number).orElseThrow();
        if (how != null) {
            cut.arm(how);
        }
        return app.saves().save(SaveRequest.update(table, number, Map.of("d01", d01), record.version(), Origin.DESKTOP,
                "alice"));
    }

    /** Straight to the server, past the relay. */
    private String directly(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(TestDatabase.url(database), "postgres", null);
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private void execute(String... sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(TestDatabase.url(database), "postgres", null);
             Statement s = c.createStatement()) {
            for (String statement : sql) {
                s.execute(statement);
            }
        }
    }
}
