package io.hookdesk.cli;

import io.hookdesk.admin.DatabaseAdmin;
import io.hookdesk.hook.run.HookHost;
import io.hookdesk.hook.run.HookLocator;
import io.hookdesk.hook.run.HookRunner;
import io.hookdesk.hook.run.LocalHookHost;
import io.hookdesk.records.RecordService;
import io.hookdesk.renewal.Renewal;
import io.hookdesk.save.FailureLog;
import io.hookdesk.save.SaveService;
import io.hookdesk.save.StateCascade;

import java.nio.file.Path;

/**
 * What the command line needs from the composition root ({@code io.hookdesk.app}), which implements it: the settings
 * the global options resolve to, and the services over an open database. The command line never builds services itself
 * and reaches the database only through them.
 */
public interface Backend {

    /** The resolved settings the commands report or use without a database. */
    record Settings(Path hooksDir, Path logFile) {
    }

    /** The services of one run over one open database; closing stops an embedded server and flushes hooks.log. */
    interface Services extends AutoCloseable {
        SaveService saves();

        /** Account-wide actions ({@code apply account N --set state=2 --cascade}). */
        StateCascade cascades();

        RecordService records();

        /** The database's administration: what HookDesk finds there, demo tables and data, roles, search indexes. */
        DatabaseAdmin admin();

        /** Renewal of the services due, with the service hook's path recorded in its audit rows. */
        Renewal renewal();

        /** Failures that could not be written to the log file so far (its path is {@link Settings#logFile}). */
        default FailureLog.Unwritten unlogged() {
            return FailureLog.Unwritten.NONE;
        }

        /** Whether the database user may see secrets unmasked (a member of {@code hookdesk_supervisor}). */
        boolean supervisor();

        /**
         * Lets this run hold up to {@code connections} database connections at once (never fewer than its budget of
         * three): {@code apply --file --parallel N} gives each lane its own, since a lane holds one while its hook runs.
         */
        default void allowConnections(int connections) {
        }

        @Override
        void close();
    }

    /** Resolves the options with the environment and config file; {@link IllegalArgumentException} names a bad value. */
    Settings settings(GlobalOptions options);

    /**
     * Where hooks run ({@code hook.runner}), without a database: {@code hooks list} asks it. The caller closes it. By
     * default this workstation's hooks directory.
     */
    default HookHost hookHost(GlobalOptions options) {
        Settings s = settings(options);
        return new LocalHookHost(new HookLocator(s.hooksDir()), new HookRunner(HookRunner.DEFAULT_TIMEOUT,
                HookRunner.DEFAULT_OUTPUT_CAP));
    }

    /** Opens the database and wires the services; {@link Unavailable} if it cannot be started or reached. */
    Services open(GlobalOptions options);

    /** The database could not be started or reached; the message says why and what to do instead. */
    final class Unavailable extends RuntimeException {
        private final boolean schemaNotCurrent;

        public Unavailable(String message, Throwable cause) {
            this(message, cause, false);
        }

        /** {@code schemaNotCurrent}: reached, but HookDesk's own schema is behind and this login may not migrate it. */
        public Unavailable(String message, Throwable cause, boolean schemaNotCurrent) {
            super(message, cause);
            this.schemaNotCurrent = schemaNotCurrent;
        }

        public boolean schemaNotCurrent() {
            return schemaNotCurrent;
        }
    }
}
