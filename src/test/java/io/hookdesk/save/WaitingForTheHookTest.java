package io.hookdesk.save;

import io.hookdesk.model.HookCancellation;
import io.hookdesk.model.Origin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.hookdesk.model.HookedTable.SERVICE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A save whose hook is running for another save waits for its turn outside its transaction, then starts again from the
 * beginning: Cancel ends the wait with nothing saved, and a record the other save changed meanwhile is a conflict.
 */
class WaitingForTheHookTest {

    @RegisterExtension
    final SaveFixture f = SaveFixture.perTest();

    private Path go;

    /** Installs a service_hook that waits for the test's word (or 30 s), and starts a save of service 1 that runs it. */
    private CompletableFuture<SaveResult> aSaveInItsHook(long expectedVersion) throws Exception {
        Path started = f.scratch("first-started");
        go = f.scratch("go");
        f.hooks.install(SERVICE, "touch '" + started + "'\n"
                + "n=0; while [ ! -e '" + go + "' ] && [ $n -lt 600 ]; do sleep 0.05; n=$((n+1)); done\nexit 0");
        CompletableFuture<SaveResult> first = CompletableFuture.supplyAsync(() -> f.saves().save(SaveRequest.update(
                SERVICE, 1, Map.of("d05", "first"), expectedVersion, Origin.DESKTOP, "alice")));
        await("the first save's hook runs").atMost(Duration.ofSeconds(60)).until(() -> Files.exists(started));
        return first;
    }

    @Test
    void cancellingAWaitingSaveSavesNothingAndRecordsTheCancel() throws Exception {
        Object before = f.row(SERVICE, 2).get("d05");
        CompletableFuture<SaveResult> first = aSaveInItsHook(f.load(SERVICE, 1).version());
        HookCancellation cancel = HookCancellation.none();
        CompletableFuture<SaveResult> second = CompletableFuture.supplyAsync(() -> f.saves().save(SaveRequest.update(
                SERVICE, 2, Map.of("d05", "second"), null, Origin.DESKTOP, "bob"), cancel));
        await("the second save waits for its turn").atMost(Duration.ofSeconds(60)).until(() -> cancel.waiting() != null);
        assertThat(cancel.waiting()).startsWith("waiting for service_hook");

        cancel.cancel();
        SaveResult cancelled = second.get(60, TimeUnit.SECONDS);
        Files.createFile(go);

        assertThat(cancelled.outcome()).as(cancelled.message()).isEqualTo(SaveOutcome.CANCELLED);
        assertThat(cancelled.message()).startsWith("Cancelled while waiting for service_hook").contains("nothing was saved");
        assertThat(cancelled.hookRan()).isFalse();
        assertThat(cancel.waiting()).as("no longer said to wait").isNull();
        assertThat(f.row(SERVICE, 2).get("d05")).isEqualTo(before);
        assertThat(f.runs(SERVICE, 2).get(0).outcome()).isEqualTo("cancelled");
        assertThat(first.get(60, TimeUnit.SECONDS).committed()).isTrue();
    }

    @Test
    void aSaveThatWaitedReadsTheRecordAgainAndMeetsAChangeMadeMeanwhileAsAConflict() throws Exception {
        CompletableFuture<SaveResult> first = aSaveInItsHook(f.load(SERVICE, 1).version());
        long opened = f.load(SERVICE, 2).version();
        HookCancellation waits = HookCancellation.none();
        CompletableFuture<SaveResult> second = CompletableFuture.supplyAsync(() -> f.saves().save(SaveRequest.update(
                SERVICE, 2, Map.of("d05", "second"), opened, Origin.DESKTOP, "bob"), waits));
        await("the second save waits for its turn").atMost(Duration.ofSeconds(60)).until(() -> waits.waiting() != null);
        // Meanwhile service 2 changes by automated processing, which runs no hook and so needs no turn.
        SaveResult meanwhile = f.saves().save(SaveRequest.update(SERVICE, 2, Map.of("d05", "meanwhile"), opened,
                Origin.AUTOMATED, "renewal"));
        assertThat(meanwhile.committed()).as(meanwhile.message()).isTrue();
        Files.createFile(go);

        assertThat(first.get(60, TimeUnit.SECONDS).committed()).isTrue();
        SaveResult later = second.get(60, TimeUnit.SECONDS);
        assertThat(later.outcome()).as(later.message()).isEqualTo(SaveOutcome.CONFLICT);
        assertThat(f.row(SERVICE, 2).get("d05")).isEqualTo("meanwhile");
    }
}
