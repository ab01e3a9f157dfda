package io.hookdesk.app;

import io.hookdesk.db.Database;
import io.hookdesk.db.schema.Catalog;
import io.hookdesk.db.schema.Roles;
import io.hookdesk.db.schema.Tables;
import io.hookdesk.db.store.AuditStore;
import io.hookdesk.db.store.RecordStore;
import io.hookdesk.hook.run.HookLocator;
import io.hookdesk.hook.run.HookRunner;
import io.hookdesk.hook.run.InFlightHooks;
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
    private final HookLocator hooks;
    private final HookRunner runner;
    private final FailureLog failureLog;
    /** Stops running hooks when the JVM is told to end (Ctrl+C, SIGTERM) without this context being closed. */
    private final Thread stopHooksAtExit;

    private AppContext(AppConfig config, Database database, SaveService saves, RecordService records, HookLocator hooks,
                       HookRunner runner, FailureLog failureLog) {
        this.config = config;
        this.database = database;
        this.saves = saves;
        this.cascades = new StateCascade(saves);
        this.records = records;
        this.hooks = hooks;
        this.runner = runner;
        this.failureLog = failureLog;
        this.stopHooksAtExit = new Thread(() -> runner.stopRunning(failureLog::hookStopped), "hookdesk-stop-hooks");
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
        Tables tables = Catalog.read(db.dsl(), config.dbSchema());
        RecordStore store = new RecordStore(tables);
        AuditStore audit = new AuditStore(db.dsl());
        HookLocator hooks = new HookLocator(config.hooksDir());
        // No hook outlives its save: the runner knows the hooks it runs, and a HookDesk that ended while one ran
        // (killed, crashed) left a marker, reported here by the next one on the home.
        InFlightHooks inFlight = new InFlightHooks(config.home().resolve("hooks-running"), db.description());
        HookRunner runner = new HookRunner(config.hookTimeout(), HookRunner.DEFAULT_OUTPUT_CAP, inFlight);
        SaveService saves = new SaveService(db.dsl(), store, hooks, runner, audit, failureLog, clock, clientEnv, identity(db),
                config.hookSerialization(db.embedded()), config.values());
        // Before any save of this start: a hook still running is stopped, a hook that exited 0 checked against the commit.
        inFlight.reportAbandoned(failureLog::hookReport, saves::transactionStatus);
        RecordService records = new RecordService(db.dsl(), store, audit);
        return new AppContext(config, db, saves, records, hooks, runner, failureLog);
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

    public HookLocator hooks() {
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
        runner.stopRunning(failureLog::hookStopped);
        runner.close();
        database.close();
    }
}
