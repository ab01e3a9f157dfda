package io.hookdesk.save;

/**
 * Where a failed save goes when nobody is at the screen to read it (the command line, batch work).
 * The desktop shows failures in a dialog instead.
 */
public interface FailureLog {

    void record(SaveRequest request, SaveResult result);

    /** For callers that report failures themselves. */
    FailureLog NONE = (request, result) -> { };
}
