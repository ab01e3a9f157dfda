package io.hookdesk.ui.task;

import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;

import java.util.concurrent.Callable;
import java.util.function.Consumer;

/** Runs work at once on the calling thread, so a view model test reads results right after a command. */
public final class SameThreadTaskExecutor implements TaskExecutor {

    private final ReadOnlyIntegerWrapper running = new ReadOnlyIntegerWrapper(0);

    @Override
    public <T> void execute(String title, Callable<T> work, Consumer<? super T> onSuccess, Consumer<Throwable> onFailure) {
        T result;
        try {
            result = work.call();
        } catch (Exception e) {
            onFailure.accept(e);
            return;
        }
        onSuccess.accept(result);
    }

    @Override
    public ReadOnlyIntegerProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    @Override
    public void shutdown() {
        // nothing runs in the background
    }
}
