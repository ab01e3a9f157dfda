package io.hookdesk.ui.task;

import javafx.beans.property.ReadOnlyIntegerProperty;

import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * Runs database and hook work away from the FX thread and hands the result back on it. View models take one of
 * these in their constructor: {@link FxTaskExecutor} in the application; tests give a same-thread executor, so
 * a view model test reads results right after a command.
 */
public interface TaskExecutor {

    /**
     * Runs {@code work} in the background; then {@code onSuccess} or {@code onFailure} on the FX thread.
     *
     * @param title what is being done, for the status bar ("Searching accounts")
     */
    <T> void execute(String title, Callable<T> work, Consumer<? super T> onSuccess, Consumer<Throwable> onFailure);

    /** How many tasks are running now; the status bar shows a progress indicator while this is above zero. */
    ReadOnlyIntegerProperty runningProperty();

    /** Stops accepting work; running tasks finish on their own. */
    void shutdown();
}
