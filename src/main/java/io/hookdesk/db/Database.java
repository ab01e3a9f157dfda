package io.hookdesk.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.hookdesk.model.Failures;
import org.flywaydb.core.Flyway;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;

/**
 * An open connection pool to BillMax's tables, migrated to the current schema. Owns the embedded server when
 * there is one, and stops it on close.
 */
public final class Database implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Database.class);
    /** Where the schema's migrations are, for migrating, reporting the version and the start-up warm-up alike. */
    private static final String MIGRATIONS = "classpath:db/migration";

    private final HikariDataSource dataSource;
    private final DSLContext dsl;
    private final EmbeddedServer embedded;
    private final String description;
    /** True when this open seeded the demo data (see {@link DemoSeed}). */
    private boolean freshlyCreated;

    private Database(HikariDataSource dataSource, EmbeddedServer embedded, String description) {
        this.dataSource = dataSource;
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
                HikariDataSource ds = pool(server.jdbcUrl(), server.user(), server.password(), "embedded");
                Database db = new Database(ds, server, settings.describe());
                db.migrate();
                db.freshlyCreated = DemoSeed.seedOnce(db.dsl());
                return db;
            } catch (RuntimeException e) {
                server.close();
                throw e;
            }
        }
        String password = settings.password() != null ? settings.password() : pgPassFor(settings).orElse(null);
        try {
            HikariDataSource ds = pool(settings.jdbcUrl(), settings.user(), password, "external");
            Database db = new Database(ds, null, settings.describe());
            db.migrate();
            return db;
        } catch (RuntimeException e) {
            throw new DatabaseUnavailableException("Cannot use the database at " + settings.describe() + ": "
                    + Failures.rootMessage(e) + ". Check the URL, the user, and the password (HOOKDESK_DB_PASSWORD or ~/.pgpass).", e);
        }
    }

    /** Uses an already running server (tests, benchmarks): nothing is started or stopped but the pool. */
    public static Database connect(String jdbcUrl, String user, String password) {
        Database db = new Database(pool(jdbcUrl, user, password, "external"), null, jdbcUrl);
        db.migrate();
        return db;
    }

    /**
     * While the embedded postmaster boots (a process of its own, about half a second), loads and initialises on another
     * thread what the first statements need: Flyway and jOOQ's rendering and the generated schema. Done in line, that
     * cost the desktop's start another 0.7 s (Flyway) and 0.5 s (jOOQ's first query) after the server was up.
     */
    private static void warmUpInBackground() {
        Thread warm = new Thread(() -> {
            try {
                Flyway.configure().locations(MIGRATIONS);
                DSL.using(SQLDialect.POSTGRES).render(DSL.select(Tables.warmUpFields()).from(Tables.warmUpTable())
                        .where(DSL.field(DSL.name("number")).eq(1)).forUpdate());
            } catch (RuntimeException | LinkageError e) {
                LOG.debug("warm-up failed; the first statements will load what they need", e);
            }
        }, "hookdesk-warm-up");
        warm.setDaemon(true);
        warm.start();
    }

    private static HikariDataSource pool(String url, String user, String password, String name) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        if (user != null) {
            config.setUsername(user);
        }
        if (password != null) {
            config.setPassword(password);
        }
        config.setPoolName("hookdesk-" + name);
        config.setMaximumPoolSize(8);
        config.setMinimumIdle(1);
        config.setConnectionTimeout(10_000);
        // Saves manage their own transactions; a pooled connection must never carry one over.
        config.setAutoCommit(true);
        config.addDataSourceProperty("ApplicationName", "HookDesk");
        return new HikariDataSource(config);
    }

    static Optional<String> pgPassFor(DatabaseSettings settings) {
        String file = System.getenv("PGPASSFILE");
        Path pgpass = file != null ? Path.of(file) : Path.of(System.getProperty("user.home"), ".pgpass");
        try {
            URI uri = URI.create(settings.jdbcUrl().substring("jdbc:".length()));
            String dbName = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/", "");
            int port = uri.getPort() < 0 ? 5432 : uri.getPort();
            String user = settings.user() == null ? System.getProperty("user.name") : settings.user();
            return PgPass.lookup(pgpass, uri.getHost(), port, dbName, user);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private Flyway flyway() {
        return Flyway.configure().dataSource(dataSource).locations(MIGRATIONS).load();
    }

    private void migrate() {
        flyway().migrate();
        LOG.info("database schema is current ({})", description);
    }

    /** The version of the newest migration applied, e.g. {@code 3}. */
    public String schemaVersion() {
        var current = flyway().info().current();
        return current == null || current.getVersion() == null ? "none" : current.getVersion().getVersion();
    }


    public DSLContext dsl() {
        return dsl;
    }

    public javax.sql.DataSource dataSource() {
        return dataSource;
    }

    /** For the status bar and logs: where the data is, never a password. */
    public String description() {
        return description;
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
