package io.hookdesk.model;

import java.util.function.Consumer;

/**
 * Lets a person stop a running hook (the desktop's Cancel). The runner looks at it while it waits; cancelling kills
 * the hook's whole process group, and the save rolls back. Thread-safe.
 */
public final class HookCancellation {

    private volatile boolean cancelled;
    /** What the save is waiting for before its hook can start, for the person to see; null while not waiting. */
    private volatile String waiting;

    /** Whether the hook's process has been started: until then a save is still reading and writing the database. */
    private volatile boolean started;

    public static HookCancellation none() {
        return new HookCancellation();
    }

    public void cancel() {
        cancelled = true;
    }

    public boolean isCancelled() {
        return cancelled;
    }

    private volatile Consumer<String> waitingListener = w -> { };

    /** The save path says what it waits for ({@code null}: no longer waiting); read by whoever shows progress. */
    public void waiting(String what) {
        waiting = what;
        waitingListener.accept(what);
    }

    /** Tells {@code listener} (on the saving thread) each time the save starts or stops waiting; the command line prints it. */
    public HookCancellation onWaiting(Consumer<String> listener) {
        waitingListener = listener;
        return this;
    }

    /** The runner started the hook's process (called once, on the saving thread). */
    public void started() {
        started = true;
    }

    /** Whether the hook is running (or has run): what a progress display may say from then on, not before. */
    public boolean hookStarted() {
        return started;
    }

    /** What the save waits for before its hook can start, or null. */
    public String waiting() {
        return waiting;
    }
}
