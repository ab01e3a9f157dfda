package io.hookdesk.hook;

/**
 * Lets a person stop a running hook (the desktop's Cancel). The runner looks at it while it waits; cancelling kills
 * the hook's whole process group, and the save rolls back. Thread-safe.
 */
public final class HookCancellation {

    private volatile boolean cancelled;

    public static HookCancellation none() {
        return new HookCancellation();
    }

    public void cancel() {
        cancelled = true;
    }

    public boolean isCancelled() {
        return cancelled;
    }
}
