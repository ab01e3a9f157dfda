package io.hookdesk.app;

import io.hookdesk.db.DatabaseSettings;
import io.hookdesk.hook.run.HookRunner;
import io.hookdesk.model.ValueSettings;
import io.hookdesk.save.HookSerialization;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * HookDesk's settings, resolved once at start-up from (strongest first) command-line options, environment
 * variables, the config file {@code $HOOKDESK_HOME/hookdesk.properties}, and defaults. The database password is
 * never an option: it comes from {@code HOOKDESK_DB_PASSWORD}, {@code ~/.pgpass} or the login dialog.
 */
public record AppConfig(Path home, String dbUrl, String dbUser, String dbPassword, Path hooksDir,
                        Duration hookTimeout, Path logFile, HookSerialization hookSerialize, ValueSettings values,
                        String dbSchema, HookRunnerSetting hookRunner, String runnerCommand) {

    /**
     * Where the runner is, on this workstation for {@code account:} and on the host for {@code ssh://}, unless configured:
     * the launcher the .deb links there ({@code installer/hookdesk-runner}), HookDesk with the runner's JVM options.
     */
    public static final String DEFAULT_RUNNER_COMMAND = "/usr/bin/hookdesk-runner";
    /** The hook account's hooks directory the .deb makes (0700, owned by the account), unless hooks.dir says another. */
    public static final Path ACCOUNT_HOOKS_DIR = Path.of("/var/lib/hookdesk/hooks");

    public AppConfig {
        values = values == null ? ValueSettings.DEFAULT : values;
        hookRunner = hookRunner == null ? HookRunnerSetting.LOCAL : hookRunner;
        runnerCommand = runnerCommand == null ? DEFAULT_RUNNER_COMMAND : runnerCommand;
    }

    /** Hooks run locally ({@code hook.runner=local}), the runner as installed. */
    public AppConfig(Path home, String dbUrl, String dbUser, String dbPassword, Path hooksDir, Duration hookTimeout,
                     Path logFile, HookSerialization hookSerialize, ValueSettings values, String dbSchema) {
        this(home, dbUrl, dbUser, dbPassword, hooksDir, hookTimeout, logFile, hookSerialize, values, dbSchema, null, null);
    }

    /** Without a {@code db.schema} setting: the schema holding BillMax's tables is found in the catalogue. */
    public AppConfig(Path home, String dbUrl, String dbUser, String dbPassword, Path hooksDir, Duration hookTimeout,
                     Path logFile, HookSerialization hookSerialize, ValueSettings values) {
        this(home, dbUrl, dbUser, dbPassword, hooksDir, hookTimeout, logFile, hookSerialize, values, null);
    }

    /** Without value settings: the defaults ({@link ValueSettings#DEFAULT}). */
    public AppConfig(Path home, String dbUrl, String dbUser, String dbPassword, Path hooksDir, Duration hookTimeout,
                     Path logFile, HookSerialization hookSerialize, String dbSchema) {
        this(home, dbUrl, dbUser, dbPassword, hooksDir, hookTimeout, logFile, hookSerialize, null, dbSchema);
    }

    /** Without value settings or a {@code db.schema} setting. */
    public AppConfig(Path home, String dbUrl, String dbUser, String dbPassword, Path hooksDir, Duration hookTimeout,
                     Path logFile, HookSerialization hookSerialize) {
        this(home, dbUrl, dbUser, dbPassword, hooksDir, hookTimeout, logFile, hookSerialize, null, null);
    }

    /** Without a {@code hook.serialize} setting: the default for the kind of server is used. */
    public AppConfig(Path home, String dbUrl, String dbUser, String dbPassword, Path hooksDir, Duration hookTimeout,
                     Path logFile) {
        this(home, dbUrl, dbUser, dbPassword, hooksDir, hookTimeout, logFile, null);
    }

    /**
     * How runs of one hook are serialised: as configured, else {@code database} on an external server (many
     * workstations) and {@code process} on the embedded one (one workstation).
     */
    public HookSerialization hookSerialization(boolean embedded) {
        return hookSerialize != null ? hookSerialize : embedded ? HookSerialization.PROCESS : HookSerialization.DATABASE;
    }

    /** What the command line said; null where it said nothing. */
    public record Overrides(Path home, String dbUrl, String dbUser, Path hooksDir, String hookTimeout, Path logFile,
                            String dbSchema, String hookRunner) {
        public Overrides(Path home, String dbUrl, String dbUser, Path hooksDir, String hookTimeout, Path logFile) {
            this(home, dbUrl, dbUser, hooksDir, hookTimeout, logFile, null);
        }

        public Overrides(Path home, String dbUrl, String dbUser, Path hooksDir, String hookTimeout, Path logFile,
                         String dbSchema) {
            this(home, dbUrl, dbUser, hooksDir, hookTimeout, logFile, dbSchema, null);
        }

        public static Overrides none() {
            return new Overrides(null, null, null, null, null, null, null, null);
        }
    }

    public static AppConfig resolve(Overrides cli, Map<String, String> env, Map<String, String> sys) {
        Path home = firstPath(cli.home(), env.get("HOOKDESK_HOME"), null);
        if (home == null) {
            String xdg = env.get("XDG_DATA_HOME");
            Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(sys.getOrDefault("user.home", "."), ".local", "share");
            home = base.resolve("hookdesk");
        }
        home = home.toAbsolutePath().normalize();
        Properties file = load(home.resolve("hookdesk.properties"));

        String dbUrl = first(cli.dbUrl(), env.get("HOOKDESK_DB_URL"), file.getProperty("db.url"));
        String dbUser = first(cli.dbUser(), env.get("HOOKDESK_DB_USER"), file.getProperty("db.user"));
        String password = env.get("HOOKDESK_DB_PASSWORD");
        Path hooks = firstPath(cli.hooksDir(), env.get("HOOKDESK_HOOKS_DIR"), file.getProperty("hooks.dir"));
        // Read as hook.serialize is, with the command line first: where hooks run and as whom.
        HookRunnerSetting runner = HookRunnerSetting.parse(first(cli.hookRunner(), env.get("HOOKDESK_HOOK_RUNNER"),
                file.getProperty("hook.runner")));
        String runnerCommand = first(env.get("HOOKDESK_HOOK_RUNNER_COMMAND"), file.getProperty("hook.runner-command"));
        if (runner.kind() == HookRunnerSetting.Kind.SSH) {
            // The host's directory, named in the setting; a local hooks.dir means nothing there.
            hooks = runner.path();
        } else if (hooks == null && runner.kind() == HookRunnerSetting.Kind.ACCOUNT) {
            hooks = ACCOUNT_HOOKS_DIR;
        }
        if (hooks == null) {
            hooks = defaultHooksDir(sys, dbUrl == null, home);
        }
        String timeout = first(cli.hookTimeout(), env.get("HOOKDESK_HOOK_TIMEOUT"), file.getProperty("hook.timeout"));
        Duration hookTimeout = timeout == null ? HookRunner.DEFAULT_TIMEOUT : parseDuration(timeout);
        Path log = firstPath(cli.logFile(), null, file.getProperty("log.file"));
        if (log == null) {
            log = home.resolve("logs").resolve("hooks.log");
        }
        String serialize = first(env.get("HOOKDESK_HOOK_SERIALIZE"), file.getProperty("hook.serialize"));
        String schema = first(cli.dbSchema(), env.get("HOOKDESK_DB_SCHEMA"), file.getProperty("db.schema"));
        ValueSettings values = ValueSettings.parse(
                first(env.get("HOOKDESK_DB_TIME_ZONE"), file.getProperty("db.time-zone")),
                first(env.get("HOOKDESK_HOOK_IGNORE_COLUMNS"), file.getProperty("hook.ignore-columns")),
                first(env.get("HOOKDESK_STATE_LABELS"), file.getProperty("state.labels")));
        return new AppConfig(home, dbUrl, dbUser, password, hooks.toAbsolutePath().normalize(), hookTimeout,
                log.toAbsolutePath().normalize(), serialize == null ? null : HookSerialization.parse(serialize), values,
                schema, runner, runnerCommand);
    }

    public DatabaseSettings databaseSettings() {
        return new DatabaseSettings(dbUrl, dbUser, dbPassword, home, values.timeZone());
    }

    /** This config pointed at another database (the desktop's connection dialog). */
    public AppConfig withDatabase(String url, String user, String password) {
        return new AppConfig(home, url, user, password, hooksDir, hookTimeout, logFile, hookSerialize, values, dbSchema,
                hookRunner, runnerCommand);
    }

    /**
     * The hooks directory when none is configured. On the embedded demo database: the demo hooks, unpacked from the
     * jar into the home ({@link DemoHooks}), so that {@code java -jar hookdesk.jar} anywhere, and the installed app,
     * show a hook succeed and fail, and the demo's files stay under the home. Pointed at a database: the app's
     * {@code local/} when installed ({@code -Dhookdesk.appDir}, set by the installer's launcher), which holds only
     * examples, so a workstation runs nothing until the operator installs hooks; from a source checkout, its {@code local/}.
     */
    static Path defaultHooksDir(Map<String, String> sys, boolean embeddedDatabase, Path home) {
        if (embeddedDatabase) {
            return home.resolve(DemoHooks.DIRECTORY);
        }
        String appDir = sys.get("hookdesk.appDir");
        if (appDir != null && !appDir.isBlank()) {
            return Path.of(appDir).resolve("local");
        }
        return Path.of(sys.getOrDefault("user.dir", ".")).resolve("local");
    }

    /** {@code 90}, {@code 90s}, {@code 2m}, {@code 1m30s}, {@code 500ms} or ISO-8601 {@code PT90S}. */
    public static Duration parseDuration(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        try {
            Duration d;
            if (t.startsWith("pt")) {
                d = Duration.parse(t.toUpperCase(Locale.ROOT));
            } else if (t.matches("\\d+")) {
                d = Duration.ofSeconds(Long.parseLong(t));
            } else if (t.matches("\\d+ms")) {
                d = Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
            } else if (t.matches("(\\d+h)?(\\d+m)?(\\d+s)?") && !t.isEmpty()) {
                d = Duration.parse("PT" + t.toUpperCase(Locale.ROOT));
            } else {
                throw new IllegalArgumentException();
            }
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException();
            }
            if (d.compareTo(MAX_HOOK_TIMEOUT) > 0) {
                throw new TooLong();
            }
            return d;
        } catch (TooLong e) {
            throw new IllegalArgumentException("hook timeout '" + text + "' is longer than the most a hook may be given, "
                    + MAX_HOOK_TIMEOUT.toHours() + "h (a save holds its record locked while its hook runs)");
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("hook timeout '" + text + "' is not a duration such as 60, 90s, 2m or 1m30s");
        }
    }

    /**
     * The longest hook timeout accepted: a day. Beyond it a save would hold its row lock (and an audit row's duration,
     * which the database caps at a day) for longer than anyone waits, and huge values overflowed the deadline.
     */
    public static final Duration MAX_HOOK_TIMEOUT = Duration.ofHours(24);

    private static final class TooLong extends RuntimeException {
        TooLong() {
            super(null, null, false, false);
        }
    }

    private static Properties load(Path file) {
        Properties p = new Properties();
        if (Files.isRegularFile(file)) {
            try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                p.load(r);
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage());
            }
        }
        return p;
    }

    private static String first(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v.trim();
            }
        }
        return null;
    }

    private static Path firstPath(Path cli, String env, String file) {
        if (cli != null) {
            return cli;
        }
        String s = first(env, file);
        return s == null ? null : Path.of(s.startsWith("~/") ? System.getProperty("user.home") + s.substring(1) : s);
    }

    @Override
    public String toString() {
        return "AppConfig[home=" + home + ", db=" + databaseSettings().describe() + ", hooksDir=" + hooksDir
                + ", hookTimeout=" + hookTimeout + ", logFile=" + logFile
                + (dbSchema == null ? "" : ", dbSchema=" + dbSchema) + ", hookRunner=" + hookRunner + "]";
    }
}
