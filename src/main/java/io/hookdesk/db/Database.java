package io.hookdesk.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.hookdesk.db.demo.DemoSeed;
import io.hookdesk.db.embedded.EmbeddedServer;
import io.hookdesk.db.schema.SchemaMigrations;
import io.hookdesk.db.schema.SchemaOutOfDateException;
import io.hookdesk.model.Failures;
import io.hookdesk.model.JdbcUrls;
import org.flywaydb.core.Flyway;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.OptionalInt;

/**
 * An open connection pool to BillMax's tables, migrated to the current schema. Owns the embedded server when
 * there is one, and stops it on close.
 */
public final class Database implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Database.class);
    /** pgjdbc's own default: the fifth run of a statement prepares it on the server. */
    private static final int DRIVER_PREPARE_THRESHOLD = 5;

    private final HikariDataSource dataSource;
    /** Whether a connection pooler (PgBouncer) sits between this desk and the server ({@link ConnectionBudget#behindPooler}). */
    private final boolean pooled;
    /** pgjdbc's prepareThreshold in effect: the URL's, else 0 behind a pooler, else the driver's 5. */
    private final int prepareThreshold;
    private final DSLContext dsl;
    private final EmbeddedServer embedded;
    private final String description;
    /** True when this open seeded the demo data (see {@link DemoSeed}). */
    private boolean freshlyCreated;

    private Database(Pool pool, EmbeddedServer embedded, String description) {
        this.dataSource = pool.dataSource;
        this.pooled = pool.pooled;
        this.prepareThreshold = pool.prepareThreshold;
        this.embedded = embedded;
        this.description = description;
        this.dsl = DSL.using(dataSource, SQLDialect.POSTGRES, new Settings().withExecuteLogging(false));
    }

    /** Starts or reaches the database and migrates it. A newly created embedded database gets the demo data. */
    public static Database open(DatabaseSettings settings) {
        if (settings.embedded()) {
            warmUpInBackground();
            EmbeddedServer server = EmbeddedServer.open(settings.home());
            try {
                Pool ds = pool(server.jdbcUrl(), server.user(), server.password(), "embedded", settings.timeZone());
                Database db = new Database(ds, server, settings.describe());
                db.migrate();
                db.freshlyCreated = DemoSeed.seedOnce(db.dsl());
                return db;
            } catch (RuntimeException e) {
                server.close();
                throw e;
            }
        }
        String password = settings.password();
        if (password == null) {
            // pgjdbc then reads ~/.pgpass (or PGPASSFILE) itself: only if no one else can.
            PasswordFile.requirePrivate(System.getenv(), System.getProperties());
        }
        try {
            Pool ds = pool(settings.jdbcUrl(), settings.user(), password, "external", settings.timeZone());
            return migrated(new Database(ds, null, settings.describe()));
        } catch (DatabaseUnavailableException e) {
            // Already says why (a schema out of date, statements prepared behind a pooler) and what to do.
            throw e;
        } catch (RuntimeException e) {
            throw new DatabaseUnavailableException("Cannot use the database at " + settings.describe() + ": "
                    + Failures.rootMessage(e) + ". Check the URL, the user, and the password (HOOKDESK_DB_PASSWORD or ~/.pgpass).", e);
        }
    }

    /** Uses an already running server (tests, benchmarks): nothing is started or stopped but the pool. */
    public static Database connect(String jdbcUrl, String user, String password) {
        return connect(jdbcUrl, user, password, null);
    }

    /** The same, with timestamptz values written in {@code timeZone} (null: the database's own zone). */
    public static Database connect(String jdbcUrl, String user, String password, String timeZone) {
        return migrated(new Database(pool(jdbcUrl, user, password, "external", timeZone), null, JdbcUrls.masked(jdbcUrl)));
    }

    /**
     * {@code db} migrated, or closed and the failure thrown: said as what it most likely is when statements are
     * prepared on the server behind a pooler (the URL's {@code prepareThreshold} through PgBouncer before 1.21, whose
     * transaction mode keeps no prepared statement from one transaction to the next: the pool's connections hang and
     * the connect ends in a bare pool timeout).
     */
    private static Database migrated(Database db) {
        try {
            db.migrate();
            return db;
        } catch (RuntimeException e) {
            db.close();
            if (db.pooled && db.prepareThreshold > 0 && !(e instanceof SchemaOutOfDateException)) {
                throw new DatabaseUnavailableException("Cannot use the database at " + db.description + " through the "
                        + "connection pooler in front of it (PgBouncer: the server's port is not the URL's) with "
                        + "prepareThreshold=" + db.prepareThreshold + " in the URL: statements are then prepared on the "
                        + "server, which PgBouncer before 1.21 cannot keep in transaction pooling mode (" + Failures.rootMessage(e)
                        + "). Remove prepareThreshold from the URL (HookDesk then prepares no statement on the server behind "
                        + "a pooler), or use PgBouncer 1.21 or newer with max_prepared_statements set.", e);
            }
            throw e;
        }
    }

    /**
     * While the embedded postmaster boots (a process of its own, about half a second), loads and initialises on another
     * thread what the first statements need: Flyway and jOOQ's rendering and the generated schema. Done in line, that
     * cost the desktop's start another 0.7 s (Flyway) and 0.5 s (jOOQ's first query) after the server was up.
     */
    private static void warmUpInBackground() {
        Thread warm = new Thread(() -> {
            try {
                Flyway.configure().locations(SchemaMigrations.OWN_LOCATION);
                DSL.using(SQLDialect.POSTGRES).render(DSL.select(DSL.field(DSL.name("d01")), DSL.field(DSL.name("number")))
                        .from(DSL.table(DSL.name("public", "service"))).where(DSL.field(DSL.name("number")).eq(1)).forUpdate());
            } catch (RuntimeException | LinkageError e) {
                LOG.debug("warm-up failed; the first statements will load what they need", e);
            }
        }, "hookdesk-warm-up");
        warm.setDaemon(true);
        warm.start();
    }

    /** A Hikari pool, and whether it reaches the server through a pooler. */
    private record Pool(HikariDataSource dataSource, boolean pooled, int prepareThreshold) {
    }

    /**
     * Opens the pool and looks at what it reached: through a connection pooler (PgBouncer in transaction mode, whose
     * 1.18 keeps no prepared statement from one transaction to the next), and with no {@code prepareThreshold} in the
     * URL, the pool is opened again with statements never prepared on the server. The URL's own
     * {@code prepareThreshold} is always kept (PgBouncer 1.21+ with {@code max_prepared_statements} takes them).
     */
    private static Pool pool(String url, String user, String password, String name, String timeZone) {
        HikariDataSource ds = hikari(url, user, password, name, timeZone, false);
        boolean pooled;
        try {
            pooled = ConnectionBudget.behindPooler(url, serverPort(ds));
        } catch (RuntimeException e) {
            ds.close();
            throw e;
        }
        OptionalInt given = ConnectionBudget.prepareThreshold(url);
        if (pooled && given.isEmpty()) {
            LOG.info("{} is reached through a connection pooler: statements are not prepared on the server "
                    + "(prepareThreshold=0)", JdbcUrls.masked(url));
            ds.close();
            ds = hikari(url, user, password, name, timeZone, true);
        }
        return new Pool(ds, pooled, given.orElse(pooled ? 0 : DRIVER_PREPARE_THRESHOLD));
    }

    /** The port the server itself listens on (its {@code port} setting). */
    private static int serverPort(DataSource ds) {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT current_setting('port')::int")) {
            r.next();
            return r.getInt(1);
        } catch (SQLException e) {
            throw new IllegalStateException(Failures.rootMessage(e), e);
        }
    }

    private static HikariDataSource hikari(String url, String user, String password, String name, String timeZone,
                                           boolean unprepared) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        if (user != null) {
            config.setUsername(user);
        }
        if (password != null) {
            config.setPassword(password);
        }
        config.setPoolName("hookdesk-" + name);
        // The connection budget (issue 24): a save, the reads, the background checks; none kept open while idle.
        config.setMaximumPoolSize(ConnectionBudget.CONNECTIONS);
        config.setMinimumIdle(0);
        config.setIdleTimeout(ConnectionBudget.IDLE_CLOSE.toMillis());
        // A database that stopped answering is said on screen within 5 s (issue 20): the pool gives up after 3 s
        // (refused at once, or the server not answering the connect), checks a pooled connection within 2 s, and the
        // driver waits no longer for a socket. A save that finds no connection is not half done; it says so.
        config.setConnectionTimeout(3_000);
        config.setValidationTimeout(2_000);
        config.addDataSourceProperty("connectTimeout", "3");
        // Saves manage their own transactions; a pooled connection must never carry one over.
        config.setAutoCommit(true);
        config.addDataSourceProperty("ApplicationName", ConnectionBudget.applicationName());
        if (unprepared) {
            config.addDataSourceProperty("prepareThreshold", "0");
        }
        // An exception's message never carries the server's DETAIL ("Failing row contains (...)" holds every value of
        // the row, passwords included, and "Key (col)=(value)" the key): refusals read it from the structured error
        // and mask it (save.ConstraintMessages); logs and dialogs get the message without it.
        config.addDataSourceProperty("logServerErrorDetail", "false");
        // Nor the server's log, where this login may say so (a superuser: the embedded database's): a refused statement
        // is logged without its DETAIL and without the statement. CSR logins may not set these; administration.md says
        // what their server's log can then hold.
        // And the driver sets each session's TimeZone to this JVM's: timestamptz values would read differently on every
        // desk, so every connection is set to one zone before it is used. Both in the one init statement Hikari runs on
        // a new connection (a second setConnectionInitSql would replace the first).
        config.setConnectionInitSql(timeZoneStatement(timeZone) + ";\n"
                + "SELECT set_config('log_error_verbosity', 'terse', false), "
                + "set_config('log_min_error_statement', 'panic', false) FROM pg_catalog.pg_roles "
                + "WHERE rolname = current_user AND rolsuper");
        return new HikariDataSource(config);
    }

    /**
     * The statement that sets a session's TimeZone to {@code timeZone} (the operator's {@code db.time-zone}), or when
     * that is null to the database's own: what {@code ALTER ROLE/DATABASE ... SET TimeZone} says for this login and
     * database (the most specific first, as PostgreSQL applies them), else the server's configured zone, which the
     * server also logs in ({@code log_timezone}; no client changes that one). The same zone on every desk, whatever
     * the workstation's TZ.
     */
    public static String timeZoneStatement(String timeZone) {
        String chosen = timeZone == null ? "NULL::text" : "'" + timeZone.replace("'", "''") + "'";
        return "SELECT pg_catalog.set_config('TimeZone', coalesce(" + chosen + ",\n"
                + "  (SELECT substr(c, strpos(c, '=') + 1) FROM pg_catalog.pg_db_role_setting s\n"
                + "     CROSS JOIN LATERAL unnest(s.setconfig) AS c\n"
                + "    WHERE lower(split_part(c, '=', 1)) = 'timezone'\n"
                + "      AND s.setdatabase IN (0, (SELECT oid FROM pg_catalog.pg_database WHERE datname = current_database()))\n"
                + "      AND s.setrole IN (0, (SELECT oid FROM pg_catalog.pg_roles WHERE rolname = session_user))\n"
                + "    ORDER BY (s.setrole <> 0 AND s.setdatabase <> 0) DESC, (s.setrole <> 0) DESC LIMIT 1),\n"
                + "  current_setting('log_timezone')), false)";
    }

    SchemaMigrations migrations() {
        return new SchemaMigrations(dataSource);
    }

    /**
     * Brings HookDesk's own schema up to date, and the BillMax tables too where HookDesk made them (the demo database,
     * one {@code db init} prepared). An existing BillMax schema is read, never changed.
     */
    private void migrate() {
        SchemaMigrations migrations = migrations();
        if (!migrations.mayMigrate()) {
            // A CSR's login: it may not create or alter anything, and a half-migrated database helps nobody.
            int pending;
            try {
                pending = migrations.ownPending() + migrations.demoPending();
            } catch (RuntimeException e) {
                throw new SchemaOutOfDateException("This login cannot read HookDesk's schema version in " + description
                        + " (" + Failures.rootMessage(e) + "): ask your administrator to run hookdesk db migrate and "
                        + "hookdesk db roles, and to grant you hookdesk_csr.", e);
            }
            if (pending > 0) {
                throw new SchemaOutOfDateException("The database " + description + " needs " + pending + " schema "
                        + "update(s) for this version of HookDesk, and this login may not make them: ask your administrator "
                        + "to run hookdesk db migrate. Nothing was changed.", null);
            }
            LOG.info("database schema is current ({}); this login does not migrate", description);
            return;
        }
        migrations.migrateOwn();
        if (embedded != null || migrations.hasDemoTables()) {
            migrations.migrateDemo();
        }
        LOG.info("database schema is current ({})", description);
    }

    /**
     * Creates the BillMax demo tables in an empty database ({@code hookdesk db init}). Refuses a database that already
     * has BillMax tables HookDesk did not make: those belong to the ISP and are never altered.
     */
    public void initDemoTables() {
        SchemaMigrations migrations = migrations();
        if (migrations.hasDemoTables()) {
            throw new IllegalStateException(description + " already has HookDesk's demo tables: nothing to do");
        }
        if (migrations.hasBillMaxTables()) {
            throw new IllegalStateException(description + " already has BillMax tables; HookDesk works on them as they "
                    + "are and never creates or alters tables in an existing billing database");
        }
        migrations.migrateDemo();
    }

    /** Whether the BillMax tables here are HookDesk's demo tables (so demo data may be added). */
    public boolean hasDemoTables() {
        return migrations().hasDemoTables();
    }

    /** How many of HookDesk's own migrations this database still lacks (0: current). */
    public int schemaPending() {
        return migrations().ownPending();
    }

    /** The version of HookDesk's own schema, e.g. {@code 2}. */
    public String schemaVersion() {
        return migrations().ownVersion();
    }


    public DSLContext dsl() {
        return dsl;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    /**
     * Lets this process hold up to {@code connections} connections (never fewer than {@link ConnectionBudget#CONNECTIONS}):
     * {@code apply --file --parallel N} gives each lane one, as each holds it while its hook runs.
     */
    public void allowConnections(int connections) {
        int size = Math.max(ConnectionBudget.CONNECTIONS, connections);
        dataSource.getHikariConfigMXBean().setMaximumPoolSize(size);
    }

    /** The most connections this process holds at once. */
    public int connectionLimit() {
        return dataSource.getMaximumPoolSize();
    }

    /** pgjdbc's prepareThreshold in effect (0: statements are never prepared on the server). */
    public int prepareThreshold() {
        return prepareThreshold;
    }

    /** Whether a connection pooler sits between this desk and the server (a port the URL does not name). */
    public boolean pooled() {
        return pooled;
    }

    /** For the status bar and logs: where the data is, never a password. */
    public String description() {
        return description;
    }

    /** Whether this is HookDesk's embedded server (reached by every local user as its superuser). */
    public boolean embedded() {
        return embedded != null;
    }

    public boolean freshlyCreated() {
        return freshlyCreated;
    }

    @Override
    public void close() {
        dataSource.close();
        if (embedded != null) {
            embedded.close();
        }
    }
}
