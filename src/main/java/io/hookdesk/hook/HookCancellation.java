package io.hookdesk.hook;

import java.util.ArrayList;
import java.util.List;

/**
 * Lets a person stop a running hook (the desktop's Cancel). Cancelling kills the hook's whole process group,
 * and the save rolls back. Thread-safe; listeners registered after cancellation run at once.
 */
public final class HookCancellation {

    private final List<Runnable> listeners = new ArrayList<>();
    private boolean cancelled;
    /** What the save is waiting for before its hook can start, for the person to see; null while not waiting. */
    private volatile String waiting;

    public static HookCancellation none() {
        return new HookCancellation();
    }

    public void cancel() {
        List<Runnable> toRun;
        synchronized (this) {
            if (cancelled) {
                return;
            }
            cancelled = true;
            toRun = List.copyOf(listeners);
            listeners.clear();
        }
        toRun.forEach(Runnable::run);
    }

    public synchronized boolean isCancelled() {
        return cancelled;
    }

    /** Runs {@code action} when cancelled (at once if already cancelled). */
    public void onCancel(Runnable action) {
        synchronized (this) {
            if (!cancelled) {
                listeners.add(action);
                return;
            }
        }
        action.run();
    }

    private volatile java.util.function.Consumer<String> waitingListener = w -> { };

    /** The save path says what it waits for ({@code null}: no longer waiting); read by whoever shows progress. */
    public void waiting(String what) {
        waiting = what;
        waitingListener.accept(what);
    }

    /** Tells {@code listener} (on the saving thread) each time the save starts or stops waiting; the command line prints it. */
    public HookCancellation onWaiting(java.util.function.Consumer<String> listener) {
        waitingListener = listener;
        return this;
    }

    /** What the save waits for before its hook can start, or null. */
    public String waiting() {
        return waiting;
    }
}
