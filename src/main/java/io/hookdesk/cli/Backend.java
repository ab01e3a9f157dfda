package io.hookdesk.cli;

import io.hookdesk.db.Database;
import io.hookdesk.records.RecordService;
import io.hookdesk.save.FailureLog;
import io.hookdesk.save.SaveService;

import java.nio.file.Path;

/**
 * What the command line needs from the composition root ({@code io.hookdesk.app}), which implements it: the settings
 * the global options resolve to, and the services over an open database. The command line never builds services itself.
 */
public interface Backend {

    /** The resolved settings the commands report or use without a database. */
    record Settings(Path hooksDir, Path logFile) {
    }

    /** The services of one run over one open database; closing stops an embedded server and flushes hooks.log. */
    interface Services extends AutoCloseable {
        SaveService saves();

        RecordService records();

        Database database();

        /** Failures that could not be written to the log file so far (its path is {@link Settings#logFile}). */
        default FailureLog.Unwritten unlogged() {
            return FailureLog.Unwritten.NONE;
        }

        /** Whether the database user may see secrets unmasked (a member of {@code hookdesk_supervisor}). */
        boolean supervisor();

        @Override
        void close();
    }

    /** Resolves the options with the environment and config file; {@link IllegalArgumentException} names a bad value. */
    Settings settings(GlobalOptions options);

    /** Opens the database and wires the services; {@link io.hookdesk.db.DatabaseUnavailableException} if it cannot. */
    Services open(GlobalOptions options);
}
