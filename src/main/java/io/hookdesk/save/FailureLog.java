package io.hookdesk.save;

/**
 * Where a failed save goes when nobody is at the screen to read it (the command line, batch work).
 * The desktop shows failures in a dialog instead.
 */
public interface FailureLog {

    void record(SaveRequest request, SaveResult result);

    /** A hook stopped because HookDesk ended while it ran (a line from {@code InFlightHooks}); its save rolled back. */
    default void hookStopped(String line) {
    }

    /**
     * How many entries could not be written so far, and why the last one could not: the command line says where a
     * failure went only when it did go there. {@link Unwritten#NONE} when every entry was written.
     */
    default Unwritten unwritten() {
        return Unwritten.NONE;
    }

    /** Entries that went nowhere: how many, and the last reason (a refused or unwritable file, a full disk). */
    record Unwritten(int count, String problem) {
        public static final Unwritten NONE = new Unwritten(0, null);
    }

    /**
     * What became of a hook whose HookDesk ended while it ran or before its commit was confirmed, as the next start
     * found it (a line from {@code InFlightHooks}, its verb first: {@code STOPPED:}, {@code NOT STOPPED:},
     * {@code PROVISIONED, ...}).
     */
    default void hookReport(String line) {
    }

    /** For callers that report failures themselves. */
    FailureLog NONE = (request, result) -> { };
}
