package io.hookdesk.cli;

/**
 * Ends a command with a message for the operator (on stderr) and an exit code from {@link ExitCodes}.
 * Thrown before anything is written, so the message can promise that nothing changed.
 */
class CliException extends RuntimeException {

    private final int exitCode;

    CliException(int exitCode, String message) {
        super(message, null, false, false);
        this.exitCode = exitCode;
    }

    static CliException badInput(String message) {
        return new CliException(ExitCodes.BAD_INPUT, message);
    }

    int exitCode() {
        return exitCode;
    }
}
