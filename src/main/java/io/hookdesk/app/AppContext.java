package io.hookdesk.app;

import io.hookdesk.db.Database;
import io.hookdesk.db.schema.Catalog;
import io.hookdesk.db.schema.Roles;
import io.hookdesk.db.schema.Tables;
import io.hookdesk.db.store.AuditStore;
import io.hookdesk.db.store.RecordStore;
import io.hookdesk.hook.run.HookHost;
import io.hookdesk.hook.run.HookLocator;
import io.hookdesk.hook.run.HookRunner;
import io.hookdesk.hook.run.InFlightHooks;
import io.hookdesk.hook.run.LocalHookHost;
import io.hookdesk.hook.run.RemoteHookHost;
import io.hookdesk.records.RecordService;
import io.hookdesk.save.FailureLog;
import io.hookdesk.save.SaveService;
import io.hookdesk.save.StateCascade;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.Map;

/**
 * The composition root's product: one open database and the services built on it, passed down by constructor.
 * There is exactly one of these per open connection, and nothing static holds it.
 */
public final class AppContext implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AppContext.class);

    private final AppConfig config;
    private final Database database;
    private final SaveService saves;
    private final StateCascade cascades;
    private final RecordService records;
    /** Where hooks run ({@code hook.runner}); closed last but one, before the database. */
    private final HookHost hooks;
    private final FailureLog failureLog;
    /** Stops running hooks when the JVM is told to end (Ctrl+C, SIGTERM) without this context being closed. */
    private final Thread stopHooksAtExit;

    private AppContext(AppConfig config, Database database, SaveService saves, RecordService records, HookHost hooks,
                       FailureLog failureLog) {
        this.config = config;
        this.database = database;
        this.saves = saves;
        this.cascades = new StateCascade(saves);
        this.records = records;
        this.hooks = hooks;
        this.failureLog = failureLog;
        this.stopHooksAtExit = new Thread(() -> hooks.stopRunning(failureLog::hookStopped), "hookdesk-stop-hooks");
        Runtime.getRuntime().addShutdownHook(stopHooksAtExit);
    }

    /** Opens (starting the embedded server if configured so) and wires everything. */
    public static AppContext open(AppConfig config, FailureLog failureLog) {
        if (config.dbUrl() == null && config.hooksDir().equals(config.home().resolve(DemoHooks.DIRECTORY))) {
            DemoHooks.unpack(config.hooksDir());
        }
        return wire(config, Database.open(config.databaseSettings()), failureLog, Clock.systemUTC(), System.getenv());
    }

    /** Wires services over an already open database (tests, benchmarks). */
    public static AppContext wire(AppConfig config, Database db, FailureLog failureLog, Clock clock, Map<String, String> clientEnv) {
        return wire(config, db, failureLog, clock, clientEnv, null);
    }

    /** The same with hooks run on {@code hooks} rather than where the config says (tests of the runners, benchmarks). */
    public static AppContext wire(AppConfig config, Database db, FailureLog failureLog, Clock clock, Map<String, String> clientEnv,
                                  HookHost hooksHere) {
        Tables tables = Catalog.read(db.dsl(), config.dbSchema());
        RecordStore store = new RecordStore(tables);
        AuditStore audit = new AuditStore(db.dsl());
        // No hook outlives its save: the runner knows the hooks it runs, and a HookDesk that ended while one ran
        // (killed, crashed) left a marker, reported here by the next one on the home.
        InFlightHooks inFlight = new InFlightHooks(config.home().resolve("hooks-running"), db.description());
        HookHost hooks = hooksHere != null ? hooksHere : hookHost(config, inFlight);
        SaveService saves = new SaveService(db.dsl(), store, hooks, audit, failureLog, clock, clientEnv, identity(db),
                config.hookSerialization(db.embedded()), config.values());
        // Before any save of this start: a hook still running is stopped, a hook that exited 0 checked against the commit.
        inFlight.reportAbandoned(failureLog::hookReport, saves::transactionStatus);
        // ... and the same of hooks run elsewhere, which the runner keeps for this home.
        hooks.reportAbandoned(client(config), db.description(), failureLog::hookReport, saves::transactionStatus);
        RecordService records = new RecordService(db.dsl(), store, audit);
        return new AppContext(config, db, saves, records, hooks, failureLog);
    }

    /**
     * Where hooks run ({@code hook.runner}): here, as the user; here as the hook account through sudo; or on a host over
     * SSH. The far side's runner is started now, at connect, and kept for the session.
     */
    static HookHost hookHost(AppConfig config, InFlightHooks inFlight) {
        HookRunnerSetting where = config.hookRunner();
        return switch (where.kind()) {
            case LOCAL -> new LocalHookHost(new HookLocator(config.hooksDir()),
                    new HookRunner(config.hookTimeout(), HookRunner.DEFAULT_OUTPUT_CAP, inFlight));
            case ACCOUNT -> RemoteHookHost.account(where.account(), config.runnerCommand(), config.hooksDir(),
                    config.hookTimeout());
            case SSH -> RemoteHookHost.ssh(where.text(), where.user(), where.host(), where.port(), config.runnerCommand(),
                    where.path(), config.hookTimeout());
        };
    }

    /** This HookDesk home as a hook runner keeps its runs: the OS user, the machine and the home's path. */
    private static String client(AppConfig config) {
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            host = "unknown host";
        }
        return System.getProperty("user.name", "?") + "@" + host + ":" + config.home().toAbsolutePath();
    }

    /**
     * Who saves, as the hook is told: on an external server the database login (what the server authenticated, not
     * what anyone typed); on the embedded database, which every local user reaches as its superuser, the OS user.
     */
    private static String identity(Database db) {
        return db.embedded() ? System.getProperty("user.name", "unknown")
                : db.dsl().fetchOne("SELECT session_user::text").get(0, String.class);
    }

    public AppConfig config() {
        return config;
    }

    public Database database() {
        return database;
    }

    public SaveService saves() {
        return saves;
    }

    /** Account-wide actions: an account's or user's state change with everything under it. */
    public StateCascade cascades() {
        return cascades;
    }

    public RecordService records() {
        return records;
    }

    public HookHost hooks() {
        return hooks;
    }

    /**
     * Whether the connected database user may reveal stored secrets ({@link Roles}); asks the database. If it cannot
     * answer, the user is not one: secrets stay masked, and connecting does not fail over it.
     */
    public boolean supervisor() {
        try {
            return new Roles().supervisor(database.dsl());
        } catch (RuntimeException e) {
            LOG.warn("could not check membership of {}; secrets stay masked", Roles.SUPERVISOR, e);
            return false;
        }
    }

    /** Stops any hook still running (its save rolls back, and the log says so), then closes the database. */
    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(stopHooksAtExit);
        } catch (IllegalStateException alreadyEnding) {
            // the JVM is ending: the hook runs anyway
        }
        hooks.stopRunning(failureLog::hookStopped);
        hooks.close();
        database.close();
    }
}
