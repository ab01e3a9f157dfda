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

    /** For callers that report failures themselves. */
    FailureLog NONE = (request, result) -> { };
}
