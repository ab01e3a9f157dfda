package io.hookdesk.cli;

import io.hookdesk.hook.run.HookHost;
import io.hookdesk.model.Failures;
import picocli.CommandLine.Model.CommandSpec;

import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * One run of the command line: the settings resolved from the global options, and the database opened at most once,
 * when the first command needs it, and closed (embedded server stopped, hooks.log flushed) when the run ends.
 */
final class CliContext implements AutoCloseable {

    private final CliRuntime runtime;
    private final Supplier<GlobalOptions> options;
    private Backend.Settings settings;
    private Backend.Services services;

    CliContext(CliRuntime runtime, Supplier<GlobalOptions> options) {
        this.runtime = runtime;
        this.options = options;
    }

    /** The context of the run {@code spec}'s command belongs to. */
    static CliContext of(CommandSpec spec) {
        return ((HookDeskCommand) spec.root().userObject()).context();
    }

    CliRuntime runtime() {
        return runtime;
    }

    /** The settings; a bad value (such as {@code --hook-timeout soon}) is bad input. */
    synchronized Backend.Settings settings() {
        if (settings == null) {
            try {
                settings = runtime.backend().settings(options.get());
            } catch (IllegalArgumentException e) {
                throw CliException.badInput(e.getMessage());
            }
        }
        return settings;
    }

    /** The database and services, opened on first use; an unreachable database ends the run with exit code 4. */
    synchronized Backend.Services services() {
        if (services == null) {
            settings();
            try {
                services = runtime.backend().open(options.get());
            } catch (Backend.Unavailable e) {
                if (e.schemaNotCurrent()) {
                    throw new SchemaNotCurrent(e.getMessage());
                }
                throw new CliException(ExitCodes.DATABASE, e.getMessage());
            } catch (IllegalArgumentException e) {
                throw CliException.badInput(e.getMessage());
            } catch (RuntimeException e) {
                throw new CliException(ExitCodes.DATABASE, "Cannot open the database: " + Failures.rootMessage(e));
            }
        }
        return services;
    }

    /** Where hooks run, without a database ({@code hooks list}); the caller closes it. */
    HookHost hookHost() {
        settings();
        try {
            return runtime.backend().hookHost(options.get());
        } catch (IllegalArgumentException e) {
            throw CliException.badInput(e.getMessage());
        }
    }

    /** Where failed saves are written. */
    Path logFile() {
        return settings().logFile();
    }

    /** HookDesk's own schema needs migrations this login may not run: exit 4, but {@code db check} reports it. */
    static final class SchemaNotCurrent extends CliException {
        SchemaNotCurrent(String message) {
            super(ExitCodes.DATABASE, message);
        }
    }

    @Override
    public synchronized void close() {
        if (services != null) {
            services.close();
            services = null;
        }
    }

}
