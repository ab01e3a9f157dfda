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
     * What became of a hook whose HookDesk ended while it ran or before its commit was confirmed, as the next start
     * found it (a line from {@code InFlightHooks}, its verb first: {@code STOPPED:}, {@code NOT STOPPED:},
     * {@code PROVISIONED, ...}).
     */
    default void hookReport(String line) {
    }

    /** For callers that report failures themselves. */
    FailureLog NONE = (request, result) -> { };
}
