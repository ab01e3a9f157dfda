package io.hookdesk.save;

import io.hookdesk.model.Origin;
import io.hookdesk.records.LoadedRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.hookdesk.model.HookedTable.SERVICE;
import static org.assertj.core.api.Assertions.assertThat;

/** Two people saving the same record: one wins, the other is told, nothing is lost or provisioned twice. */
class ConcurrencyTest {

    @RegisterExtension
    final SaveFixture f = SaveFixture.perTest();

    @Test
    void secondSaverOfTheSameVersionGetsConflictAndNothingIsLost() throws Exception {
        Path started = f.scratch("started");
        Path runs = f.scratch("runs");
        // The first save's hook holds the row lock for a while; the second saver waits for it, then sees the new version.
        f.hooks.install(SERVICE, "echo \"$NEW_d04\" >> '" + runs + "'; touch '" + started + "'; sleep 1; exit 0");
        LoadedRecord loaded = f.load(SERVICE, 1);

        CompletableFuture<SaveResult> alice = CompletableFuture.supplyAsync(() -> f.saves().save(
                SaveRequest.update(SERVICE, 1, Map.of("d04", "alice"), loaded.version(), Origin.DESKTOP, "alice")));
        waitFor(started);
        SaveResult bob = f.saves().save(
                SaveRequest.update(SERVICE, 1, Map.of("d04", "bob"), loaded.version(), Origin.DESKTOP, "bob"));

        assertThat(alice.get(30, TimeUnit.SECONDS).outcome()).isEqualTo(SaveOutcome.COMMITTED);
        assertThat(bob.outcome()).isEqualTo(SaveOutcome.CONFLICT);
        assertThat(bob.row().get("d04")).isEqualTo("alice");
        assertThat(f.row(SERVICE, 1).get("d04")).isEqualTo("alice");
        assertThat(Files.readAllLines(runs)).containsExactly("alice");
        assertThat(f.runs(SERVICE, 1)).extracting(r -> r.outcome()).containsExactlyInAnyOrder("committed", "conflict");
    }

    @Test
    void savingAgainWithTheReturnedVersionIsNoConflict() {
        LoadedRecord loaded = f.load(SERVICE, 2);
        SaveResult first = f.saves().save(SaveRequest.update(SERVICE, 2, Map.of("d04", "one"), loaded.version(), Origin.DESKTOP, "a"));
        SaveResult second = f.saves().save(SaveRequest.update(SERVICE, 2, Map.of("d04", "two"), first.version(), Origin.DESKTOP, "a"));
        SaveResult stale = f.saves().save(SaveRequest.update(SERVICE, 2, Map.of("d04", "three"), first.version(), Origin.DESKTOP, "a"));
        assertThat(List.of(first.outcome(), second.outcome(), stale.outcome()))
                .containsExactly(SaveOutcome.COMMITTED, SaveOutcome.COMMITTED, SaveOutcome.CONFLICT);
        assertThat(f.row(SERVICE, 2).get("d04")).isEqualTo("two");
    }

    @Test
    void commitFailureAfterASucceededHookIsReportedAsSuch() {
        // A deferred constraint is checked at COMMIT, after the hook has already provisioned.
        f.app.database().dsl().execute("""
                CREATE FUNCTION fail_at_commit() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                  IF NEW.d05 = 'explode' THEN RAISE EXCEPTION 'deferred check failed for service %', NEW.number; END IF;
                  RETURN NULL;
                END $$;
                CREATE CONSTRAINT TRIGGER service_fail_at_commit AFTER UPDATE ON service
                  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION fail_at_commit();
                """);
        Path provisioned = f.scratch("provisioned");
        f.hooks.install(SERVICE, "echo provisioned > '" + provisioned + "'; exit 0");
        Object before = f.row(SERVICE, 4).get("d05");

        SaveResult r = f.update(SERVICE, 4, Map.of("d05", "explode"));

        assertThat(r.outcome()).isEqualTo(SaveOutcome.COMMIT_FAILED_AFTER_HOOK);
        assertThat(r.message()).contains("ahead of the database").contains("deferred check failed");
        assertThat(Files.exists(provisioned)).isTrue();
        assertThat(f.row(SERVICE, 4).get("d05")).isEqualTo(before);
        assertThat(f.runs(SERVICE, 4).get(0).outcome()).isEqualTo("commit_failed");
    }

    private static void waitFor(Path file) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!Files.exists(file) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(file).exists();
    }
}
