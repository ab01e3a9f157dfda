package io.hookdesk.ui;

import io.hookdesk.model.HookedTable;
import io.hookdesk.testing.TestDatabase;
import io.hookdesk.ui.task.SameThreadTaskExecutor;
import io.hookdesk.ui.task.TaskExecutor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.util.WaitForAsyncUtils;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A background task that fails is the prompt to check the database at once, not at the next period; what the check
 * finds is said with the time it started and why. Against the test's own database, cut off for real.
 */
class DatabaseStatusTest {

    /** A database of this class's own, since it is cut off. */
    @RegisterExtension
    static final UiFixture fx = UiFixture.demo();

    /** What the checks publish, run on the test's thread as the FX thread would run it. */
    final BlockingQueue<Runnable> published = new LinkedBlockingQueue<>();
    final DatabaseStatus status = new DatabaseStatus(Clock.fixed(Instant.parse("2026-11-29T14:02:30Z"), ZoneOffset.UTC),
            ZoneOffset.UTC);

    @AfterEach
    void reopen() {
        status.stop();
        TestDatabase.reopen(url());
    }

    @Test
    void aFailedTaskPromptsACheckAtOnceAndTheStatusClearsWhenTheDatabaseAnswersAgain() throws Exception {
        // The period is an hour: only the failure can prompt the check this test waits for.
        status.checkEvery(Duration.ofHours(1), published::add);
        status.watch(fx.session);
        TaskExecutor executor = status.noticingFailuresOf(new SameThreadTaskExecutor());
        String[] failed = new String[1];

        TestDatabase.cutOff(url());
        executor.execute("Opening account 1", () -> fx.session.records().load(HookedTable.ACCOUNT, 1),
                loaded -> failed[0] = "no", error -> failed[0] = "yes");

        assertThat(failed[0]).isEqualTo("yes");
        awaitPublished(() -> !status.problemProperty().get().isEmpty());
        assertThat(status.problemProperty().get()).isEqualTo("Database unreachable since 14:02 — reconnecting…");
        assertThat(status.detailProperty().get()).startsWith("Since 14:02:30 HookDesk cannot reach " + url() + ": ")
                .containsAnyOf("is not currently accepting connections", "terminating connection").contains("every 2 s");

        TestDatabase.reopen(url());
        // The pool may still be in the back-off of its own failed attempts when the first check after the reopening
        // asks for a connection, and the period is an hour: suspect again at every look, as the application's 15 s
        // period would, until a check finds the database (the checks do not pile up: one is queued at a time).
        awaitPublished(() -> {
            status.suspect();
            return status.problemProperty().get().isEmpty();
        });
        assertThat(status.detailProperty().get()).isEmpty();
    }

    @Test
    void anUnreachableDatabaseIsAskedAgainEveryFewSecondsNotAfterThePeriod() throws Exception {
        // The period is an hour: only the checks while it is down (every 2 s) can find it back within the wait.
        status.checkEvery(Duration.ofHours(1), published::add);
        status.watch(fx.session);
        TaskExecutor executor = status.noticingFailuresOf(new SameThreadTaskExecutor());

        TestDatabase.cutOff(url());
        executor.execute("Opening account 1", () -> fx.session.records().load(HookedTable.ACCOUNT, 1), loaded -> { },
                error -> { });
        awaitPublished(() -> !status.problemProperty().get().isEmpty());
        TestDatabase.reopen(url());

        // The check publishes the cleared problem and then, in a second step, which server answered: both awaited, or
        // the test could look between the two (it did, once, on a loaded machine).
        awaitPublished(() -> status.problemProperty().get().isEmpty() && !status.serverProperty().get().isEmpty());
        assertThat(status.serverProperty().get()).endsWith(" since 14:02");
    }

    private void awaitPublished(BooleanSupplier condition) throws Exception {
        // A generous ceiling: on a loaded machine the pool's own attempts (3 s each) and the check queue up.
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> {
            Runnable r;
            while ((r = published.poll()) != null) {
                r.run();
            }
            return condition.getAsBoolean();
        });
    }

    private static String url() {
        return fx.context.database().description();
    }
}
