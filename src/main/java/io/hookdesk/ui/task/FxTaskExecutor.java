package io.hookdesk.ui.task;

import javafx.application.Platform;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.concurrent.Task;
import org.slf4j.LoggerFactory;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The application's executor: each piece of work becomes a {@link Task} on a small pool of daemon threads, and its
 * callbacks run on the FX thread. A handful of threads is enough: a CSR saves one record at a time, and a save
 * waiting on a slow hook must not hold up a search.
 */
public final class FxTaskExecutor implements TaskExecutor {


    private final ExecutorService pool;
    private final ReadOnlyIntegerWrapper running = new ReadOnlyIntegerWrapper(0);

    public FxTaskExecutor(int threads) {
        AtomicInteger n = new AtomicInteger();
        ThreadFactory factory = r -> {
            Thread t = new Thread(r, "hookdesk-task-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        this.pool = Executors.newFixedThreadPool(threads, factory);
    }

    @Override
    public <T> void execute(String title, Callable<T> work, Consumer<? super T> onSuccess, Consumer<Throwable> onFailure) {
        Task<T> task = new Task<>() {
            @Override
            protected T call() throws Exception {
                return work.call();
            }
        };
        task.setOnSucceeded(e -> {
            running.set(running.get() - 1);
            onSuccess.accept(task.getValue());
        });
        task.setOnFailed(e -> {
            running.set(running.get() - 1);
            // Looked up here, not when the class loads: the executor is made before the start-up shell shows, and
            // the first logger starts logback.
            LoggerFactory.getLogger(FxTaskExecutor.class).warn("{} failed", title, task.getException());
            onFailure.accept(task.getException());
        });
        runOnFx(() -> running.set(running.get() + 1));
        pool.execute(task);
    }

    private static void runOnFx(Runnable r) {
        if (Platform.isFxApplicationThread()) {
            r.run();
        } else {
            Platform.runLater(r);
        }
    }

    @Override
    public ReadOnlyIntegerProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    @Override
    public void shutdown() {
        pool.shutdown();
    }

    /** Waits for work already started (a save rolling back) after {@link #shutdown()}. */
    public boolean awaitTermination(long time, TimeUnit unit) throws InterruptedException {
        return pool.awaitTermination(time, unit);
    }
}
