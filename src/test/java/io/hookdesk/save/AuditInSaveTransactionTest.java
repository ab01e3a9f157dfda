package io.hookdesk.save;

import io.hookdesk.model.HookRun;
import io.hookdesk.model.Origin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static io.hookdesk.model.HookedTable.SERVICE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A committed save and its audit row commit together or not at all (issue 10, item 4): the row is written in the
 * save's own transaction, before the hook starts, and nothing in its content can make the insert fail.
 */
class AuditInSaveTransactionTest {

    @RegisterExtension
    final SaveFixture f = SaveFixture.perTest();

    /** The transaction that last wrote service 1 and the one that wrote its newest audit row. */
    private long[] writers() {
        long service = f.app.database().dsl().fetchOne("SELECT xmin::text::bigint FROM service WHERE number = 1").get(0, Long.class);
        long audit = f.app.database().dsl().fetchOne("SELECT xmin::text::bigint FROM hookdesk.hook_run "
                + "WHERE table_name = 'service' AND record_number = 1 ORDER BY id DESC LIMIT 1").get(0, Long.class);
        return new long[] {service, audit};
    }

    @Test
    void aCommittedSaveAndItsRowAreOneTransaction() {
        f.hooks.install(SERVICE, "echo provisioned");

        SaveResult r = f.update(SERVICE, 1, Map.of("state", "2"));

        assertThat(r.committed()).as(r.message()).isTrue();
        long[] w = writers();
        assertThat(w[1]).as("the audit row's transaction").isEqualTo(w[0]);
        HookRun run = f.runs(SERVICE, 1).get(0);
        assertThat(run.outcome()).isEqualTo("committed");
        assertThat(run.exitCode()).isZero();
        assertThat(run.stdout()).isEqualTo("provisioned\n");
    }

    @Test
    void aSaveWithoutAHookIsOneTransactionWithItsRowToo() {
        SaveResult r = f.update(SERVICE, 1, Map.of("state", "2"));

        assertThat(r.committed()).isTrue();
        long[] w = writers();
        assertThat(w[1]).isEqualTo(w[0]);
        assertThat(f.runs(SERVICE, 1).get(0).outcome()).isEqualTo("no_hook");
    }

    @Test
    void aHookPrintingNulBytesCommitsWithItsRowTheNulsEscaped() {
        f.hooks.install(SERVICE, "printf 'before\\000after\\n'; printf 'err\\000\\n' >&2");

        SaveResult r = f.update(SERVICE, 1, Map.of("state", "2"));

        assertThat(r.committed()).as(r.message()).isTrue();
        assertThat(String.valueOf(f.row(SERVICE, 1).get("state"))).isEqualTo("2");
        HookRun run = f.runs(SERVICE, 1).get(0);
        assertThat(run.outcome()).isEqualTo("committed");
        assertThat(run.stdout()).isEqualTo("before\\x00after\n");
        assertThat(run.stderr()).isEqualTo("err\\x00\n");
        assertThat(r.auditProblem()).isNull();
    }

    @Test
    void aFailedHookPrintingNulBytesStillLeavesItsRow() {
        f.hooks.install(SERVICE, "printf 'no\\000way\\n'; exit 1");

        SaveResult r = f.update(SERVICE, 1, Map.of("state", "2"));

        assertThat(r.outcome()).isEqualTo(SaveOutcome.HOOK_FAILED);
        HookRun run = f.runs(SERVICE, 1).get(0);
        assertThat(run.outcome()).isEqualTo("rolled_back");
        assertThat(run.stdout()).isEqualTo("no\\x00way\n");
        assertThat(r.auditProblem()).isNull();
    }

    @Test
    void aLabelTooLongForItsColumnIsRefusedBeforeAnythingIsWrittenAndItsAttemptStillHasARow() {
        f.hooks.install(SERVICE, "exit 0");
        Object before = f.row(SERVICE, 1).get("state");
        String label = "m".repeat(150);

        SaveResult r = f.saves().save(SaveRequest.update(SERVICE, 1, Map.of("state", "2"), null, Origin.COMMAND_LINE, label));

        assertThat(r.outcome()).isEqualTo(SaveOutcome.INVALID);
        assertThat(r.fieldErrors()).containsKey("csr");
        assertThat(r.fieldErrors().get("csr")).contains("150 characters", "at most 100");
        assertThat(f.row(SERVICE, 1).get("state")).isEqualTo(before);
        HookRun run = f.runs(SERVICE, 1).get(0);
        assertThat(run.outcome()).isEqualTo("invalid");
        assertThat(run.csr()).as("cut to its column, never a reason to lose the row").hasSize(100)
                .startsWith("mmmm").endsWith("…[cut]");
        assertThat(r.auditProblem()).isNull();
    }

    @Test
    void theAuditRefusesChangesDeletesAndTruncatesEvenFromItsOwner() {
        f.update(SERVICE, 1, Map.of("state", "2"));
        var dsl = f.app.database().dsl();

        assertThatThrownBy(() -> dsl.execute("UPDATE hookdesk.hook_run SET outcome = 'committed'"))
                .hasMessageContaining("is an audit");
        assertThatThrownBy(() -> dsl.execute("DELETE FROM hookdesk.hook_run")).hasMessageContaining("is an audit");
        assertThatThrownBy(() -> dsl.execute("TRUNCATE hookdesk.hook_run")).hasMessageContaining("is an audit");
        assertThat(f.runs(SERVICE, 1)).hasSize(1);
    }

    @Test
    void theDatabaseNotTheClientSaysWhoWroteTheRow() {
        var dsl = f.app.database().dsl();
        dsl.execute("INSERT INTO hookdesk.hook_run (table_name, operation, origin, started_at, outcome, db_user) "
                + "VALUES ('service', 'update', 'desktop', now(), 'committed', 'somebody_else')");

        assertThat(dsl.fetchOne("SELECT db_user FROM hookdesk.hook_run ORDER BY id DESC LIMIT 1").get(0, String.class))
                .isEqualTo("postgres");
    }

    @Test
    void theGuardStillSetsWhoAndWhichTransactionWhateverTheClientSendsOnInsertAndUpdate() {
        var dsl = f.app.database().dsl();
        long[] seen = dsl.transactionResult(cfg -> {
            var tx = org.jooq.impl.DSL.using(cfg);
            long xid = tx.fetchOne("SELECT txid_current()").get(0, Long.class);
            long id = tx.fetchOne("INSERT INTO hookdesk.hook_run (table_name, operation, origin, started_at, outcome, "
                    + "db_user, written_in) VALUES ('service', 'update', 'desktop', now(), 'running', 'somebody_else', 42) "
                    + "RETURNING id").get(0, Long.class);
            // The inserting transaction may complete its row, but not rewrite who wrote it, in which transaction, or its id.
            tx.execute("UPDATE hookdesk.hook_run SET outcome = 'committed', db_user = 'other', written_in = 7, id = id + 1000 "
                    + "WHERE id = ?", id);
            var row = tx.fetchOne("SELECT id, written_in, db_user, outcome FROM hookdesk.hook_run WHERE id = ?", id);
            assertThat(row).as("the row keeps its id").isNotNull();
            assertThat(row.get(2, String.class)).isEqualTo("postgres");
            assertThat(row.get(3, String.class)).isEqualTo("committed");
            return new long[] {xid, row.get(1, Long.class)};
        });
        assertThat(seen[1]).as("written_in is the inserting transaction").isEqualTo(seen[0]);
    }

    @Test
    void aCompletedRowKeepsTheEnvironmentItWasInsertedWith() {
        f.hooks.install(SERVICE, "echo done");

        SaveResult r = f.update(SERVICE, 1, Map.of("state", "2"));

        assertThat(r.committed()).as(r.message()).isTrue();
        HookRun run = f.runs(SERVICE, 1).get(0);
        assertThat(run.outcome()).isEqualTo("committed");
        assertThat(run.stdout()).isEqualTo("done\n");
        // Completing the row after the hook (finish_run) leaves the environment written before it exactly as it was.
        assertThat(run.environment()).isEqualTo(Masking.environmentText(SERVICE, r.environment()));
        assertThat(run.environment()).contains("NEW_number=1", "NEW_state=2");
    }

    @Test
    void aRowThatCannotBeCompletedAfterTheHookSucceededIsACommitThatFailedAfterIt() {
        Path ran = f.scratch("ran");
        f.hooks.install(SERVICE, "touch '" + ran + "'");
        var dsl = f.app.database().dsl();
        dsl.execute("CREATE FUNCTION public.no_completion() RETURNS trigger LANGUAGE plpgsql AS "
                + "$$BEGIN RAISE EXCEPTION 'completion refused here'; END$$");
        dsl.execute("CREATE TRIGGER no_completion BEFORE UPDATE ON hookdesk.hook_run FOR EACH ROW "
                + "EXECUTE FUNCTION public.no_completion()");
        Object before = f.row(SERVICE, 1).get("state");

        SaveResult r = f.update(SERVICE, 1, Map.of("state", "2"));

        // The hook provisioned, then the row could not be completed (hookdesk.finish_run): the change rolled back, and
        // the result says so with the hook's run and the environment it got.
        assertThat(Files.exists(ran)).isTrue();
        assertThat(r.outcome()).as(r.message()).isEqualTo(SaveOutcome.COMMIT_FAILED_AFTER_HOOK);
        assertThat(r.message()).contains("service_hook succeeded but the database did not commit", "completion refused here");
        assertThat(r.hookRan()).isTrue();
        assertThat(r.hook().succeeded()).isTrue();
        assertThat(r.environment()).containsEntry("NEW_state", "2");
        assertThat(f.row(SERVICE, 1).get("state")).isEqualTo(before);
        assertThat(f.runs(SERVICE, 1)).extracting(HookRun::outcome).containsExactly("commit_failed");
        assertThat(r.auditProblem()).isNull();
    }
}
