package io.hookdesk.app;

import io.hookdesk.db.Database;
import io.hookdesk.model.HookCancellation;
import io.hookdesk.model.Origin;
import io.hookdesk.records.LoadedRecord;
import io.hookdesk.save.FailureLog;
import io.hookdesk.save.SaveOutcome;
import io.hookdesk.save.SaveRequest;
import io.hookdesk.save.SaveResult;
import io.hookdesk.testing.HookScripts;
import io.hookdesk.testing.StreamingPair;
import io.hookdesk.testing.TestApp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.hookdesk.model.HookedTable.ACCOUNT;
import static io.hookdesk.model.HookedTable.SERVICE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A primary failover in the middle of a working day (issue 24 item 3), against a real PostgreSQL 15 primary and its
 * streaming standby started by the test, reached through the multi-host URL
 * {@code jdbc:postgresql://h1:p1,h2:p2/db?targetServerType=primary}: saves whose hooks are running when the primary
 * goes away end as "commit failed after hook" (the hook provisioned) or rolled back (it failed), each recorded on the
 * promoted standby, never silently lost and never provisioned twice; a save tried while no server takes writes runs no
 * hook; and the next save lands on the new primary. The hooks wait for a file the test creates, so the failover
 * happens exactly while they run.
 */
class FailoverTest {

    private static final Duration TIMEOUT = Duration.ofMinutes(2);

    @TempDir
    Path dir;

    @RegisterExtension
    final StreamingPair pair = StreamingPair.withDemoData();

    @Test
    void savesInFlightAtAFailoverEndRecordedOnThePromotedStandbyAndTheNextSaveLandsThere() throws Exception {
        HookScripts hooks = new HookScripts(Files.createDirectories(dir.resolve("hooks")));
        Path started = dir.resolve("started");
        Path release = dir.resolve("release");
        Path ran = dir.resolve("ran");
        // In flight, each waits for the test's word once started; then the service's provisions (records that it ran)
        // and succeeds, the account's fails. Two tables: one hook's runs take turns (hook.serialize=database).
        String waitForTheWord = "while [ ! -e '" + release + "' ] && [ \"$NEW_d04\" != before ] && [ \"$NEW_d04\" != after ]; "
                + "do sleep 0.05; done\n";
        hooks.install(SERVICE, "echo \"service $NEW_number $NEW_d04\" >> '" + started + "'\n" + waitForTheWord
                + "echo \"$NEW_number $NEW_d04\" >> '" + ran + "'; exit 0");
        hooks.install(ACCOUNT, "echo \"account $NEW_number $NEW_email\" >> '" + started + "'\n" + waitForTheWord
                + "echo 'no such mailbox' >&2; exit 1");
        try (AppContext app = TestApp.wire(Database.connect(pair.url(), "postgres", null), dir.resolve("home"),
                hooks.dir(), TIMEOUT, FailureLog.NONE)) {
            assertThat(save(app, 1, "before").outcome()).isEqualTo(SaveOutcome.COMMITTED);
            assertThat(app.records().checkReachable()).isEqualTo("127.0.0.1:" + pair.primaryPort());

            CompletableFuture<SaveResult> provisioned = CompletableFuture.supplyAsync(() -> save(app, 1, "inflight"));
            CompletableFuture<SaveResult> failing = CompletableFuture.supplyAsync(() -> {
                LoadedRecord loaded = app.records().load(ACCOUNT, 1).orElseThrow();
                return app.saves().save(SaveRequest.update(ACCOUNT, 1L, Map.of("email", "inflight@example.net"),
                        loaded.version(), Origin.DESKTOP, "alice"));
            });
            await("both hooks run").atMost(TIMEOUT).pollInterval(Duration.ofMillis(50)).until(() -> Files.exists(started)
                    && Files.readAllLines(started).containsAll(List.of("service 1 inflight", "account 1 inflight@example.net")));
            pair.awaitStandbyCaughtUp();

            pair.stopPrimary();
            // No server takes writes now: a save finds none, and nothing runs.
            SaveResult meanwhile = app.saves().save(SaveRequest.update(SERVICE, 3L, Map.of("d04", "meanwhile"), null,
                    Origin.DESKTOP, "alice"));
            assertThat(meanwhile.outcome()).as(meanwhile.message()).isEqualTo(SaveOutcome.DATABASE_ERROR);
            assertThat(meanwhile.message()).contains("cannot be reached").contains("no hook ran");
            // A run again then: refused alike, and not recorded (no hook ran, so it does not wait out the pool to try).
            SaveResult rerun = app.saves().reprovision(SERVICE, 3L, Origin.DESKTOP, "alice", HookCancellation.none());
            assertThat(rerun.outcome()).as(rerun.message()).isEqualTo(SaveOutcome.DATABASE_ERROR);
            assertThat(rerun.hookRan()).isFalse();
            assertThat(rerun.auditProblem()).isEqualTo("This attempt could not be recorded in hookdesk.hook_run: the "
                    + "database cannot be reached.");
            pair.promoteStandby();
            Files.createFile(release);

            SaveResult a = provisioned.get(5, TimeUnit.MINUTES);
            assertThat(a.outcome()).as(a.message()).isEqualTo(SaveOutcome.COMMIT_FAILED_AFTER_HOOK);
            assertThat(a.message()).contains("service_hook succeeded but the database did not commit");
            assertThat(a.auditProblem()).as("recorded on the promoted standby").isNull();
            SaveResult b = failing.get(5, TimeUnit.MINUTES);
            assertThat(b.outcome()).as(b.message()).isEqualTo(SaveOutcome.HOOK_FAILED);
            assertThat(b.message()).contains("rolled back");
            assertThat(b.auditProblem()).isNull();

            int newPrimary = pair.standbyPort();
            assertThat(pair.value(newPrimary, "SELECT string_agg(number || '=' || coalesce(d04, ''), ' ' ORDER BY number) "
                    + "FROM service WHERE number IN (1, 3)")).as("nothing of the lost transactions")
                    .doesNotContain("inflight").doesNotContain("meanwhile").startsWith("1=before ");
            assertThat(pair.value(newPrimary, "SELECT email FROM account WHERE number = 1")).isNotEqualTo("inflight@example.net");
            assertThat(pair.value(newPrimary, "SELECT string_agg(table_name || ' ' || record_number || ' ' || outcome, ', ' "
                    + "ORDER BY table_name) FROM hookdesk.hook_run WHERE id > (SELECT max(id) FROM hookdesk.hook_run "
                    + "WHERE outcome = 'committed')"))
                    .as("the two attempts, recorded on the new primary (the one tried with no primary could not be)")
                    .isEqualTo("account 1 rolled_back, service 1 commit_failed");
            assertThat(Files.readAllLines(ran)).as("provisioned once each, never again")
                    .containsExactly("1 before", "1 inflight");

            SaveResult next = save(app, 1, "after");
            assertThat(next.outcome()).as(next.message()).isEqualTo(SaveOutcome.COMMITTED);
            assertThat(pair.value(newPrimary, "SELECT d04 FROM service WHERE number = 1")).isEqualTo("after");
            assertThat(app.records().checkReachable()).isEqualTo("127.0.0.1:" + newPrimary);
            assertThat(Files.readAllLines(ran)).containsExactly("1 before", "1 inflight", "1 after");
            assertThat(Files.readAllLines(started)).doesNotContain("service 3 meanwhile");
        } catch (AssertionError | RuntimeException e) {
            throw new AssertionError(e.getMessage() + "\n" + pair.logs(), e);
        }
    }

    /** As a CSR does: opens the record, changes d04, saves. */
    private static SaveResult save(AppContext app, long number, String d04) {
        LoadedRecord loaded = app.records().load(SERVICE, number).orElseThrow();
        return app.saves().save(SaveRequest.update(SERVICE, number, Map.of("d04", d04), loaded.version(),
                Origin.DESKTOP, "alice"));
    }
}
