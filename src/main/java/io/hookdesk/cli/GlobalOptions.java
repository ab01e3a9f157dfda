package io.hookdesk.cli;

import java.nio.file.Path;

/** The global options as typed; null where the command line said nothing. Resolved by the {@link Backend}. */
public record GlobalOptions(Path home, String dbUrl, String dbUser, Path hooksDir, String hookTimeout, Path logFile,
                            String dbSchema, String hookRunner) {

    public GlobalOptions(Path home, String dbUrl, String dbUser, Path hooksDir, String hookTimeout, Path logFile,
                         String dbSchema) {
        this(home, dbUrl, dbUser, hooksDir, hookTimeout, logFile, dbSchema, null);
    }

    public GlobalOptions(Path home, String dbUrl, String dbUser, Path hooksDir, String hookTimeout, Path logFile) {
        this(home, dbUrl, dbUser, hooksDir, hookTimeout, logFile, null);
    }
}
