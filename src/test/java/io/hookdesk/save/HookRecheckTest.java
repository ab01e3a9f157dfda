package io.hookdesk.save;

import io.hookdesk.model.HookCancellation;
import io.hookdesk.model.Origin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.hookdesk.model.HookedTable.SERVICE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The hook is checked again after the locks, right before it starts (issue 10, item 6): a hook made writable by others
 * while a save waited for its turn is refused, and that save changes nothing. (The waiting save has rolled back and
 * starts again once the turn is free, so it is its new start that refuses the hook.)
 */
class HookRecheckTest {

    @RegisterExtension
    final SaveFixture f = SaveFixture.perTest();

    @Test
    void aHookLoosenedWhileASaveWaitsForItsTurnIsRefusedAtTheStart() throws Exception {
        Path started = f.scratch("first-started");
        Path go = f.scratch("go");
        Path hook = f.hooks.install(SERVICE, "touch '" + started + "'\n"
                + "n=0; while [ ! -e '" + go + "' ] && [ $n -lt 600 ]; do sleep 0.05; n=$((n+1)); done\nexit 0");
        Object before = f.row(SERVICE, 2).get("state");

        CompletableFuture<SaveResult> first = CompletableFuture.supplyAsync(() -> f.update(SERVICE, 1, Map.of("state", "2")));
        while (!Files.exists(started)) {
            Thread.sleep(20);
        }
        // The first save's hook runs; the second passes the first check, finds the hook's turn taken, rolls back and
        // waits outside its transaction for the turn.
        HookCancellation waits = HookCancellation.none();
        CompletableFuture<SaveResult> second = CompletableFuture.supplyAsync(() -> f.saves().save(
                SaveRequest.update(SERVICE, 2, Map.of("state", "2"), null, Origin.DESKTOP, "bob"), waits));
        await("the second save waits for its turn").atMost(Duration.ofSeconds(60)).until(() -> waits.waiting() != null);
        Files.setPosixFilePermissions(hook, PosixFilePermissions.fromString("rwxrwxrwx"));
        Files.createFile(go);

        assertThat(first.get(60, TimeUnit.SECONDS).committed()).isTrue();
        SaveResult refused = second.get(60, TimeUnit.SECONDS);
        assertThat(refused.outcome()).as(refused.message()).isEqualTo(SaveOutcome.HOOK_REFUSED);
        assertThat(refused.message()).contains("writable by its group and others");
        assertThat(f.row(SERVICE, 2).get("state")).isEqualTo(before);
        assertThat(f.runs(SERVICE, 2).get(0).outcome()).isEqualTo("refused");
    }
}
