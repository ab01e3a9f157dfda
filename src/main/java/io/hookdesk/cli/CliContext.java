package io.hookdesk.cli;

import io.hookdesk.app.AppConfig;
import io.hookdesk.app.AppContext;
import io.hookdesk.app.HookLogFile;
import io.hookdesk.db.DatabaseUnavailableException;
import picocli.CommandLine.Model.CommandSpec;

import java.util.function.Supplier;

/**
 * One run of the command line: the settings resolved from the global options, and the database opened at most once,
 * when the first command needs it, and closed (embedded server stopped, hooks.log flushed) when the run ends.
 */
public final class CliContext implements AutoCloseable {

    private final CliRuntime runtime;
    private final Supplier<AppConfig.Overrides> overrides;
    private AppConfig config;
    private AppContext app;
    private HookLogFile failureLog;

    CliContext(CliRuntime runtime, Supplier<AppConfig.Overrides> overrides) {
        this.runtime = runtime;
        this.overrides = overrides;
    }

    /** The context of the run {@code spec}'s command belongs to. */
    static CliContext of(CommandSpec spec) {
        return ((HookDeskCommand) spec.root().userObject()).context();
    }

    CliRuntime runtime() {
        return runtime;
    }

    /** The settings; a bad value (such as {@code --hook-timeout soon}) is bad input. */
    synchronized AppConfig config() {
        if (config == null) {
            try {
                config = AppConfig.resolve(overrides.get(), runtime.env(), runtime.sys());
            } catch (IllegalArgumentException e) {
                throw CliException.badInput(e.getMessage());
            }
        }
        return config;
    }

    /** The database and services, opened on first use; an unreachable database ends the run with exit code 4. */
    synchronized AppContext app() {
        if (app == null) {
            AppConfig c = config();
            HookLogFile log = new HookLogFile(c.logFile());
            try {
                app = runtime.opener().open(c, log);
            } catch (DatabaseUnavailableException e) {
                log.close();
                throw new CliException(ExitCodes.DATABASE, e.getMessage());
            } catch (RuntimeException e) {
                log.close();
                throw new CliException(ExitCodes.DATABASE, "Cannot open the database ("
                        + c.databaseSettings().describe() + "): " + rootMessage(e));
            }
            failureLog = log;
        }
        return app;
    }

    /** Where failed saves are written. */
    java.nio.file.Path logFile() {
        return config().logFile();
    }

    @Override
    public synchronized void close() {
        if (app != null) {
            app.close();
            app = null;
        }
        if (failureLog != null) {
            failureLog.close();
            failureLog = null;
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
