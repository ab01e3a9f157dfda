package io.hookdesk.save;

import io.hookdesk.model.HookCancellation;
import io.hookdesk.model.HookRun;
import io.hookdesk.model.Origin;
import io.hookdesk.model.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static io.hookdesk.model.HookedTable.SERVICE;
import static io.hookdesk.model.HookedTable.USER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/** "Run hook again": the hook gets the record as it is, flagged as a reprovision, under the row lock; nothing changes. */
class ReprovisionTest {

    @RegisterExtension
    final SaveFixture f = SaveFixture.perTest();

    private SaveResult reprovision(int number) {
        return f.saves().reprovision(SERVICE, number, Origin.DESKTOP, "supervisor", HookCancellation.none());
    }

    private String rowText(int number) {
        return f.app.database().dsl().fetchOne("SELECT row_to_json(s)::text FROM service s WHERE number = " + number)
                .get(0, String.class);
    }

    @Test
    void theHookGetsTheRecordAsItIsWithOldEqualToNewAndTheReprovisionFlag() {
        Path seen = f.scratch("env");
        f.hooks.install(SERVICE, "env -0 > '" + seen + "'");
        Row before = f.row(SERVICE, 1);
        String rowBefore = rowText(1);

        SaveResult r = reprovision(1);

        assertThat(r.outcome()).as(r.message()).isEqualTo(SaveOutcome.COMMITTED);
        assertThat(r.message()).isEqualTo("service_hook ran again for service 1 and succeeded.");
        Map<String, String> env = SaveFixture.readEnv0(seen);
        env.remove("PWD");
        assertThat(env).isEqualTo(r.environment());
        assertThat(env).containsEntry("NEW", "0").containsEntry("HOOK_REPROVISION", "1")
                .containsEntry("HOOK_TABLE", "service").containsEntry("HOOK_CSR", "postgres")
                .containsEntry("HOOK_INTERACTIVE", "1").containsEntry("USER_number", "1")
                .containsEntry("NEW_d02", (String) before.get("d02"));
        for (String column : before.columns()) {
            assertThat(env.get("OLD_" + column)).as(column).isNotNull().isEqualTo(env.get("NEW_" + column));
        }
        assertThat(rowText(1)).isEqualTo(rowBefore);

        HookRun run = f.runs(SERVICE, 1).get(0);
        assertThat(run.operation()).isEqualTo("rerun");
        assertThat(run.outcome()).isEqualTo("committed");
        assertThat(run.csr()).isEqualTo("supervisor");
        assertThat(run.environment()).contains("HOOK_REPROVISION=1", "NEW_d02=********").doesNotContain((String) before.get("d02"));
    }

    @Test
    void anOrdinarySaveIsNotFlagged() {
        Path seen = f.scratch("env");
        f.hooks.install(SERVICE, "env -0 > '" + seen + "'");
        f.update(SERVICE, 1, Map.of("state", "2"));
        assertThat(SaveFixture.readEnv0(seen)).doesNotContainKey("HOOK_REPROVISION");
    }

    @Test
    void aFailingHookLeavesTheRecordUnchangedAndIsRecorded() {
        f.hooks.install(SERVICE, "echo 'radius said no' >&2; exit 5");
        String rowBefore = rowText(1);

        SaveResult r = reprovision(1);

        assertThat(r.outcome()).isEqualTo(SaveOutcome.HOOK_FAILED);
        assertThat(r.message()).contains("service_hook", "exit", "5", "service 1 itself is unchanged");
        assertThat(rowText(1)).isEqualTo(rowBefore);
        HookRun run = f.runs(SERVICE, 1).get(0);
        assertThat(run.operation()).isEqualTo("rerun");
        assertThat(run.outcome()).isEqualTo("rolled_back");
        assertThat(run.exitCode()).isEqualTo(5);
        assertThat(run.stderr()).isEqualTo("radius said no\n");
    }

    @Test
    void theFirePolicyIsNotAskedButAMissingHookIsReportedAndNothingIsRecordedAsASuccess() {
        SaveResult missing = reprovision(1);
        assertThat(missing.outcome()).isEqualTo(SaveOutcome.HOOK_REFUSED);
        assertThat(missing.hookRan()).isFalse();
        assertThat(missing.message()).startsWith("Not run: ").contains("service_hook");
        assertThat(f.runs(SERVICE, 1)).extracting(HookRun::outcome).containsExactly("refused");

        f.hooks.write(SERVICE.hookName(), "#!/bin/sh\nexit 0\n", "rw-r--r--");   // not executable
        assertThat(reprovision(1).outcome()).isEqualTo(SaveOutcome.HOOK_REFUSED);
    }

    @Test
    void aRecordThatDoesNotExistRunsNothing() {
        Path ran = f.scratch("ran");
        f.hooks.install(USER, "touch '" + ran + "'");
        SaveResult r = f.saves().reprovision(USER, 999_999, Origin.COMMAND_LINE, "ops", HookCancellation.none());
        assertThat(r.outcome()).isEqualTo(SaveOutcome.NOT_FOUND);
        assertThat(Files.exists(ran)).isFalse();
    }

    @Test
    void theRowIsLockedWhileTheHookRuns() throws Exception {
        Path started = f.scratch("started");
        Path release = f.scratch("release");
        f.hooks.install(SERVICE, "touch '" + started + "'; while [ ! -e '" + release + "' ]; do sleep 0.05; done");
        CompletableFuture<SaveResult> run = CompletableFuture.supplyAsync(() -> reprovision(1));
        try {
            while (!Files.exists(started)) {
                assertThat(run).isNotDone();
                Thread.sleep(20);
            }
            assertThatThrownBy(() -> f.app.database().dsl().transaction(cfg ->
                    org.jooq.impl.DSL.using(cfg).execute("SELECT 1 FROM service WHERE number = 1 FOR UPDATE NOWAIT")))
                    .hasMessageContaining("could not obtain lock");
        } finally {
            Files.createFile(release);
        }
        assertThat(run.get().outcome()).isEqualTo(SaveOutcome.COMMITTED);
    }

    @Test
    void aRunAgainThatSucceedsHasOneAuditRowCommittedInItsOwnTransaction() {
        f.hooks.install(SERVICE, "echo reprovisioned");

        SaveResult r = reprovision(1);

        assertThat(r.outcome()).as(r.message()).isEqualTo(SaveOutcome.COMMITTED);
        assertThat(r.auditProblem()).isNull();
        assertThat(f.runs(SERVICE, 1)).extracting(HookRun::operation, HookRun::outcome, HookRun::stdout)
                .containsExactly(tuple("rerun", "committed", "reprovisioned\n"));
        // The run locked the row (FOR UPDATE leaves its transaction in xmax): the audit row was written by that same
        // transaction, so it committed with the run rather than after it.
        var dsl = f.app.database().dsl();
        long locker = dsl.fetchOne("SELECT xmax::text::bigint FROM service WHERE number = 1").get(0, Long.class);
        long writer = dsl.fetchOne("SELECT xmin::text::bigint FROM hookdesk.hook_run WHERE table_name = 'service' "
                + "AND record_number = 1").get(0, Long.class);
        assertThat(writer).as("the audit row's transaction").isEqualTo(locker);
    }

    @Test
    void aRunAgainWhoseAuditRowCannotBeWrittenRunsNoHook() {
        Path ran = f.scratch("ran");
        f.hooks.install(SERVICE, "touch '" + ran + "'");
        var dsl = f.app.database().dsl();
        dsl.execute("CREATE FUNCTION public.no_rerun_rows() RETURNS trigger LANGUAGE plpgsql AS "
                + "$$BEGIN IF NEW.operation = 'rerun' THEN RAISE EXCEPTION 'rerun rows refused here'; END IF; RETURN NEW; END$$");
        dsl.execute("CREATE TRIGGER no_rerun_rows BEFORE INSERT ON hookdesk.hook_run FOR EACH ROW "
                + "EXECUTE FUNCTION public.no_rerun_rows()");

        SaveResult r = reprovision(1);

        assertThat(r.outcome()).isEqualTo(SaveOutcome.DATABASE_ERROR);
        assertThat(r.hookRan()).isFalse();
        assertThat(r.message()).startsWith("Not run: the audit row for this run could not be written")
                .contains("rerun rows refused here", "no hook ran");
        assertThat(Files.exists(ran)).as("the hook ran without its audit row").isFalse();
        assertThat(r.auditProblem()).as("recorded apart, refused again").contains("rerun rows refused here");
        assertThat(f.runs(SERVICE, 1)).isEmpty();
    }
}
