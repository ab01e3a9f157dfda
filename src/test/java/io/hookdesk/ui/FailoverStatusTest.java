package io.hookdesk.ui;

import io.hookdesk.app.AppContext;
import io.hookdesk.db.Database;
import io.hookdesk.save.FailureLog;
import io.hookdesk.testing.StreamingPair;
import io.hookdesk.testing.TestApp;
import io.hookdesk.ui.connect.Session;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The status bar through a primary failover (issue 24 item 3), on a real primary and streaming standby reached by a
 * multi-host URL: "reconnecting" while no server takes writes, then back, saying the promoted standby's address and
 * port. The status bar's label shows exactly these two properties ({@link DatabaseStatusUiTest} checks the label).
 */
class FailoverStatusTest {

    @TempDir
    Path dir;

    @RegisterExtension
    final StreamingPair pair = StreamingPair.withDemoData();
    /** What the checks publish, run on the test's thread as the FX thread would run it. */
    private final BlockingQueue<Runnable> published = new LinkedBlockingQueue<>();
    private final DatabaseStatus status = new DatabaseStatus(Clock.fixed(Instant.parse("2026-12-06T14:02:30Z"),
            ZoneOffset.UTC), ZoneOffset.UTC);

    @AfterEach
    void stopChecking() {
        status.stop();
    }

    @Test
    void theStatusSaysReconnectingWhileNoServerTakesWritesThenTheServerItIsBackOn() throws Exception {
        try (AppContext app = TestApp.wire(Database.connect(pair.url(), "postgres", null), dir.resolve("home"),
                Files.createDirectories(dir.resolve("hooks")), Duration.ofMinutes(1), FailureLog.NONE)) {
            Session session = new Session(app.records(), app.saves(), app.database().description(), "alice", false, null);
            // Checked every 200 ms instead of 15 s, so the test waits on the checks and not on the clock.
            status.checkEvery(Duration.ofMillis(200), published::add);
            status.watch(session);

            pair.stopPrimary();
            awaitPublished(() -> !status.problemProperty().get().isEmpty());
            assertThat(status.problemProperty().get()).isEqualTo("Database unreachable since 14:02 — reconnecting…");
            assertThat(status.detailProperty().get()).contains("cannot reach " + session.databaseDescription());
            assertThat(status.serverProperty().get()).isEmpty();

            pair.promoteStandby();
            awaitPublished(() -> status.problemProperty().get().isEmpty() && !status.serverProperty().get().isEmpty());
            assertThat(status.serverProperty().get()).isEqualTo("127.0.0.1:" + pair.standbyPort() + " since 14:02");
            assertThat(status.detailProperty().get()).isEmpty();
        } catch (AssertionError | RuntimeException e) {
            throw new AssertionError(e.getMessage() + "\n" + pair.logs(), e);
        }
    }

    private void awaitPublished(BooleanSupplier condition) {
        // A generous ceiling: on a loaded machine the pool's own attempts (3 s each) and the checks queue up.
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(50)).until(() -> {
            Runnable r;
            while ((r = published.poll()) != null) {
                r.run();
            }
            return condition.getAsBoolean();
        });
    }
}
