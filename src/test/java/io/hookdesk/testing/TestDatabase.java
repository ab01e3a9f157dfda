package io.hookdesk.testing;

import io.hookdesk.db.Database;
import io.hookdesk.db.EmbeddedServer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real PostgreSQL for tests: one embedded server per test JVM, a template database migrated once,
 * and a fresh copy of it for every test class (or test) that asks, so tests never see each other's rows.
 */
public final class TestDatabase {

    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static EmbeddedServer server;

    private TestDatabase() {
    }

    /** A new, migrated, empty database. Close it when done. */
    public static Database fresh() {
        String name = "t" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
        exec("CREATE DATABASE " + name + " TEMPLATE hookdesk_template");
        return Database.connect(url(name), "postgres", null);
    }

    /** A new database with the small demo data set. */
    public static Database withDemoData() {
        Database db = fresh();
        new io.hookdesk.db.DemoData(db.dsl()).seed(io.hookdesk.db.DemoData.SMALL, n -> { });
        return db;
    }

    public static synchronized String url(String database) {
        start();
        return "jdbc:postgresql://localhost:" + server.port() + "/" + database;
    }

    private static synchronized void start() {
        if (server != null) {
            return;
        }
        try {
            Path dir = Files.createTempDirectory("hookdesk-test-pg");
            server = EmbeddedServer.scratch(dir.resolve("pgdata"));
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                server.close();
                deleteQuietly(dir);
            }));
            try (Connection c = DriverManager.getConnection(server.jdbcUrl()); Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE hookdesk_template");
            }
            Database.connect(url("hookdesk_template"), "postgres", null).close();
        } catch (IOException | SQLException e) {
            throw new IllegalStateException("cannot start the test PostgreSQL", e);
        }
    }

    private static void exec(String sql) {
        start();
        try (Connection c = DriverManager.getConnection(server.jdbcUrl()); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    private static void deleteQuietly(Path dir) {
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp directory; the OS cleans up what is left
        }
    }
}
