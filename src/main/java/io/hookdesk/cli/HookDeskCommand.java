package io.hookdesk.cli;

import io.hookdesk.model.EnvValues;
import io.hookdesk.model.Failures;
import io.hookdesk.model.HookedTable;
import io.hookdesk.model.TableUnavailableException;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code hookdesk}: the command line. The global options may stand before or after the subcommand; they are
 * inherited by every subcommand and always land in this object's fields, so {@link CliContext} reads them in one place.
 */
@Command(name = "hookdesk", versionProvider = VersionProvider.class, sortOptions = false,
        description = "Edit BillMax records through the one save path that runs their provisioning hooks.",
        footer = {"", "Exit codes: 0 done, 1 internal error, 2 bad input (nothing changed), "
                + "3 hook failed, timed out or refused (rolled back), 4 conflict or database error, "
                + "5 not committed and the log file could not be written.",
                "With no arguments (or only global options) the desktop client starts."},
        subcommands = {EnvCommand.class, ApplyCommand.class, ReprovisionCommand.class, RenewCommand.class, DbCommand.class,
                HooksCommand.class, SearchCommand.class, RunhookCommand.class})
public final class HookDeskCommand implements Callable<Integer> {

    @Option(names = "--db-url", scope = ScopeType.INHERIT, paramLabel = "URL",
            description = "PostgreSQL JDBC URL (also HOOKDESK_DB_URL, db.url); none: the embedded database under --home")
    String dbUrl;

    @Option(names = "--db-user", scope = ScopeType.INHERIT, paramLabel = "USER",
            description = "database user (also HOOKDESK_DB_USER, db.user); the password comes from HOOKDESK_DB_PASSWORD or ~/.pgpass")
    String dbUser;

    @Option(names = "--db-schema", scope = ScopeType.INHERIT, paramLabel = "SCHEMA",
            description = "the schema holding the BillMax tables (also HOOKDESK_DB_SCHEMA, db.schema); none: the one the "
                    + "catalogue shows holding them")
    String dbSchema;

    @Option(names = "--home", scope = ScopeType.INHERIT, paramLabel = "DIR",
            description = "HookDesk's data directory (also HOOKDESK_HOME; default ~/.local/share/hookdesk)")
    Path home;

    @Option(names = "--hooks-dir", scope = ScopeType.INHERIT, paramLabel = "DIR",
            description = "where <table>_hook files are (also HOOKDESK_HOOKS_DIR, hooks.dir)")
    Path hooksDir;

    @Option(names = "--log-file", scope = ScopeType.INHERIT, paramLabel = "FILE",
            description = "where failed non-interactive saves are logged (also log.file; default HOME/logs/hooks.log)")
    Path logFile;

    @Option(names = "--hook-timeout", scope = ScopeType.INHERIT, paramLabel = "DURATION",
            description = "how long a hook may run: seconds or 90s, 2m, PT90S (also HOOKDESK_HOOK_TIMEOUT, hook.timeout; default 60)")
    String hookTimeout;

    @Option(names = "--hook-runner", scope = ScopeType.INHERIT, paramLabel = "RUNNER",
            description = "where hooks run: local, account:NAME (through sudo) or ssh://[USER@]HOST[:PORT]/PATH "
                    + "(also HOOKDESK_HOOK_RUNNER, hook.runner; default local)")
    String hookRunner;

    @Option(names = {"-h", "--help"}, usageHelp = true, scope = ScopeType.INHERIT, description = "show this help")
    boolean help;

    @Option(names = {"-V", "--version"}, versionHelp = true, description = "show the version")
    boolean version;

    @Spec
    CommandLine.Model.CommandSpec spec;

    private final CliRuntime runtime;
    private final CliContext context;

    public HookDeskCommand(CliRuntime runtime) {
        this.runtime = runtime;
        this.context = new CliContext(runtime, this::options);
    }

    CliContext context() {
        return context;
    }

    GlobalOptions options() {
        return new GlobalOptions(home, dbUrl, dbUser, hooksDir, hookTimeout, logFile, dbSchema, hookRunner);
    }

    /** Only global options: what {@code java -jar hookdesk.jar} with no arguments does, with those settings. */
    @Override
    public Integer call() {
        if (runtime.desktop() == null) {
            spec.commandLine().usage(spec.commandLine().getErr());
            return ExitCodes.BAD_INPUT;
        }
        return runtime.desktop().applyAsInt(options());
    }

    /** The command line for one run, with HookDesk's error handling and exit codes. */
    public CommandLine commandLine() {
        CommandLine cl = new CommandLine(this);
        cl.registerConverter(HookedTable.class, new TableNames());
        cl.setParameterExceptionHandler(HookDeskCommand::parameterError);
        cl.setExecutionExceptionHandler((e, c, parsed) -> executionError(e, c));
        return cl;
    }

    /** Runs one command line and closes what it opened; returns the exit code. */
    public static int run(CliRuntime runtime, PrintWriter out, PrintWriter err, String... args) {
        HookDeskCommand root = new HookDeskCommand(runtime);
        CommandLine cl = root.commandLine();
        cl.setOut(out);
        // Everything on stderr (a hook's output, values, messages quoting them) with its control characters escaped.
        PrintWriter safeErr = new PrintWriter(new TerminalSafeWriter(err), true);
        cl.setErr(safeErr);
        try {
            for (String arg : args) {
                if (arg.indexOf('\uFFFD') >= 0) {
                    // The JVM decodes arguments that are not valid UTF-8 with U+FFFD: storing that would change the
                    // value silently, so the whole command is refused before anything is opened.
                    err.println("hookdesk: an argument is not valid UTF-8 (" + EnvValues.oneLine(arg)
                            + "); nothing changed. Give values in UTF-8.");
                    return ExitCodes.BAD_INPUT;
                }
            }
            return cl.execute(args);
        } finally {
            root.context.close();
            out.flush();
            safeErr.flush();
        }
    }

    private static int parameterError(CommandLine.ParameterException e, String[] args) {
        CommandLine c = e.getCommandLine();
        PrintWriter err = c.getErr();
        err.println("hookdesk: " + e.getMessage());
        CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
        err.println("Try '" + c.getCommandSpec().qualifiedName() + " --help' for more information.");
        return ExitCodes.BAD_INPUT;
    }

    private static int executionError(Exception e, CommandLine c) {
        PrintWriter err = c.getErr();
        if (e instanceof CliException cli) {
            err.println("hookdesk: " + cli.getMessage());
            return cli.exitCode();
        }
        if (e instanceof TableUnavailableException missing) {
            // A table the connected database lacks: the operator named it, and nothing was changed.
            err.println("hookdesk: " + missing.getMessage());
            return ExitCodes.BAD_INPUT;
        }
        // One line here; the stack trace goes to the log file only (never to stderr, where scripts read).
        LoggerFactory.getLogger("hookdesk.diagnostics").error("internal error in hookdesk {}",
                String.join(" ", c.getCommandSpec().qualifiedName()), e);
        err.println("hookdesk: internal error (please report it): " + e.getClass().getName() + ": "
                + Failures.rootMessage(e) + " (the details are in the log file)");
        return ExitCodes.INTERNAL;
    }
}
