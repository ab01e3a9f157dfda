package io.hookdesk.ui.form;

import io.hookdesk.model.HookCancellation;
import io.hookdesk.model.HookedTable;
import io.hookdesk.model.Origin;
import io.hookdesk.save.CascadePlan;
import io.hookdesk.save.CascadeResult;
import io.hookdesk.save.SaveRequest;
import io.hookdesk.save.SaveResult;
import io.hookdesk.save.StateCascade;
import io.hookdesk.ui.connect.Session;
import io.hookdesk.ui.task.TaskExecutor;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * One save in flight: runs it through the save path in the background, says what is running and for how long,
 * and can cancel the hook (the save path kills its process group and rolls back).
 */
final class SaveCommand {

    private final HookedTable table;
    private final Session session;
    private final TaskExecutor executor;
    private final Clock clock;
    private final ReadOnlyBooleanWrapper saving = new ReadOnlyBooleanWrapper(this, "saving");
    private final ReadOnlyStringWrapper runningText = new ReadOnlyStringWrapper(this, "runningText", "");
    private final ReadOnlyStringWrapper elapsedText = new ReadOnlyStringWrapper(this, "elapsedText", "");
    private HookCancellation cancellation;
    private Instant since;
    private String beforeStart = "";
    private String onceStarted = "";
    /** Which hook of how many a cascade runs, set on its thread; shown at the next tick. */
    private volatile String progress;

    SaveCommand(HookedTable table, Session session, TaskExecutor executor, Clock clock) {
        this.table = table;
        this.session = session;
        this.executor = executor;
        this.clock = clock;
    }

    void run(SaveRequest request, boolean hookWillRun, Consumer<SaveResult> done, Consumer<Throwable> crashed) {
        start("Saving…", "Running " + table.hookName(), "Saving " + table,
                c -> session.saves().save(request, c), done, crashed);
    }

    /** "Run hook again" for record {@code number} as it is saved; the same running bar, Cancel and elapsed time. */
    void runAgain(long number, Consumer<SaveResult> done, Consumer<Throwable> crashed) {
        start("Reading " + table + " " + number + "…", "Running " + table.hookName() + " again",
                "Running " + table.hookName() + " again for " + table + " " + number,
                c -> session.saves().reprovision(table, number, Origin.DESKTOP, session.csr(), c), done, crashed);
    }

    /**
     * An account-wide action ({@link StateCascade#run}): the same running bar and Cancel (which rolls everything back
     * after undoing the hooks that ran), saying which hook of how many runs.
     */
    void runCascade(CascadePlan plan, int limit, StateCascade cascades, Consumer<CascadeResult> done, Consumer<Throwable> crashed) {
        start("Saving " + plan.size() + " records…", "Running hooks", "Cascading from " + plan.cascadeFrom(),
                c -> cascades.run(plan, limit, c, (k, n, step) -> progress = "Hook " + k + " of " + n + ": "
                        + step.table().hookName() + " for " + step.table() + " " + step.number()), done, crashed);
    }

    /**
     * @param before what the cover says until the hook's process starts (the save is still at the database, which
     *               may not even answer): never that a hook runs before one does
     * @param running what it says once the hook runs
     */
    private <T> void start(String before, String running, String taskName, Function<HookCancellation, T> work,
                           Consumer<T> done, Consumer<Throwable> crashed) {
        HookCancellation c = new HookCancellation();
        progress = null;
        cancellation = c;
        since = clock.instant();
        beforeStart = before;
        onceStarted = running;
        runningText.set(before);
        elapsedText.set("0 s");
        saving.set(true);
        executor.execute(taskName, () -> work.apply(c),
                result -> {
                    finished();
                    done.accept(result);
                },
                error -> {
                    finished();
                    crashed.accept(error);
                });
    }

    private void finished() {
        saving.set(false);
        cancellation = null;
    }

    void cancel() {
        HookCancellation c = cancellation;
        if (c != null && saving.get()) {
            runningText.set(progress != null ? "Cancelling: undoing the hooks that ran, then rolling back…"
                    : "Cancelling " + table.hookName() + "…");
            c.cancel();
        }
    }

    void tick() {
        HookCancellation c = cancellation;
        String waiting = c == null ? null : c.waiting();
        if (saving.get() && c != null && !c.isCancelled()) {
            // Another workstation's run of the same hook goes first (hook.serialize=database): say so, not "Running".
            runningText.set(waiting != null ? Character.toUpperCase(waiting.charAt(0)) + waiting.substring(1)
                    : progress != null ? progress : c.hookStarted() ? onceStarted : beforeStart);
        }
        if (saving.get() && since != null) {
            long s = Duration.between(since, clock.instant()).toSeconds();
            elapsedText.set(s < 60 ? s + " s" : s / 60 + " min " + s % 60 + " s");
        }
    }

    boolean running() {
        return saving.get();
    }

    ReadOnlyBooleanProperty savingProperty() {
        return saving.getReadOnlyProperty();
    }

    ReadOnlyStringProperty runningTextProperty() {
        return runningText.getReadOnlyProperty();
    }

    ReadOnlyStringProperty elapsedTextProperty() {
        return elapsedText.getReadOnlyProperty();
    }
}
