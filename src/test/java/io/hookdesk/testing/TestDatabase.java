package io.hookdesk.testing;

import io.hookdesk.db.Database;
import io.hookdesk.db.embedded.EmbeddedServer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
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
        new io.hookdesk.db.demo.DemoData(db.dsl()).seed(io.hookdesk.db.demo.DemoData.SMALL, n -> { });
        return db;
    }

    /** A new database with nothing in it, not yet connected to by HookDesk: its URL. */
    public static String bare() {
        String name = "b" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
        exec("CREATE DATABASE " + name + " TEMPLATE template0");
        return url(name);
    }

    /**
     * A new database holding the hand-written foreign BillMax schema of {@code foreign-billmax.sql} (not made by
     * HookDesk), not yet connected to by HookDesk: its URL.
     */
    public static String foreignBillMax() {
        return fromScript("f", "/foreign-billmax.sql");
    }

    /**
     * A new database holding the hand-written BillMax schema of {@code mysql-migrated-billmax.sql} (migrated from MySQL
     * by an ISP's staff: nullable everything, identity keys, an enum state, numeric and integer money, a domain, inet,
     * uuid, jsonb and array columns, infinity and daylight-saving-gap timestamps, a bigint user past 2^32, a stamping
     * trigger, a partitioned payhist), not yet connected to by HookDesk: its URL.
     */
    public static String migratedBillMax() {
        return fromScript("m", "/mysql-migrated-billmax.sql");
    }

    private static String fromScript(String prefix, String resource) {
        String name = prefix + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
        exec("CREATE DATABASE " + name + " TEMPLATE template0");
        String url = url(name);
        try (Connection c = DriverManager.getConnection(url, "postgres", null); Statement s = c.createStatement();
             var in = TestDatabase.class.getResourceAsStream(resource)) {
            s.execute(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
        } catch (IOException | SQLException e) {
            throw new IllegalStateException("cannot create the schema of " + resource, e);
        }
        return url;
    }

    /**
     * A database holding {@code drifted-billmax.sql}, not yet connected to by HookDesk, and the logins made for it: its
     * owner {@code admin} (CREATEROLE, not a superuser; it made the billing tables, so it may grant on them), the
     * {@code support} login with column-level grants, and the {@code rls} login subject to queue's row-level security.
     */
    public record Drifted(String url, String admin, String support, String rls) {
    }

    /**
     * A new database holding the hand-written drifted BillMax schema of {@code drifted-billmax.sql}: the tables in
     * schema {@code billing}, on the database's {@code search_path} when {@code onSearchPath} (else reached only by
     * name), a web application's {@code public.account} beside them; with {@code cLocale} created with
     * {@code LC_COLLATE} and {@code LC_CTYPE} C, where {@code lower()} folds ASCII only.
     */
    public static Drifted driftedBillMax(boolean onSearchPath, boolean cLocale) {
        String name = "d" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
        String admin = "admin_" + name;
        exec("CREATE ROLE " + admin + " LOGIN CREATEROLE");
        exec("CREATE DATABASE " + name + " OWNER " + admin + " TEMPLATE template0 ENCODING 'UTF8'"
                + (cLocale ? " LC_COLLATE 'C' LC_CTYPE 'C'" : ""));
        if (onSearchPath) {
            exec("ALTER DATABASE " + name + " SET search_path = billing, public");
        }
        String url = url(name);
        try (Connection c = DriverManager.getConnection(url, admin, null); Statement s = c.createStatement();
             var in = TestDatabase.class.getResourceAsStream("/drifted-billmax.sql")) {
            s.execute(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
                    .replace("{SUPPORT}", "support_" + name).replace("{RLS}", "rls_" + name));
        } catch (IOException | SQLException e) {
            throw new IllegalStateException("cannot create the drifted BillMax schema", e);
        }
        return new Drifted(url, admin, "support_" + name, "rls_" + name);
    }

    /**
     * {@link #fingerprint} of every schema of the database but HookDesk's own ({@code hookdesk}) and PostgreSQL's,
     * each line prefixed with its schema: equal before and after means HookDesk changed nothing of the ISP's.
     */
    public static String schemasFingerprint(String url) {
        StringBuilder all = new StringBuilder();
        try (Connection c = DriverManager.getConnection(url, "postgres", null); Statement s = c.createStatement();
             var r = s.executeQuery("SELECT nspname FROM pg_namespace WHERE nspname NOT IN ('hookdesk', 'information_schema') "
                     + "AND nspname NOT LIKE 'pg\\_%' ORDER BY 1")) {
            List<String> schemas = new java.util.ArrayList<>();
            while (r.next()) {
                schemas.add(r.getString(1));
            }
            for (String schema : schemas) {
                // pg_trgm in HookDesk's own schema is HookDesk's: every other extension's schema counts.
                String lines = fingerprint(url, schema).lines().filter(l -> !l.matches("ext \\S+ hookdesk"))
                        .collect(java.util.stream.Collectors.joining("\n"));
                all.append("schema ").append(schema).append('\n').append(lines).append('\n');
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return all.toString();
    }

    /** A new, completely empty database (not even HookDesk's schema), not connected to: its URL. */
    public static String emptyDatabase() {
        String name = "e" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
        exec("CREATE DATABASE " + name + " TEMPLATE template0");
        return url(name);
    }

    /**
     * A new database whose {@code hookdesk} schema stops at HookDesk's first migration, {@code login} allowed to read
     * its version but not to migrate it: a database an administrator has not yet upgraded. Its URL.
     */
    public static String withOutOfDateHookdeskSchema(String login) {
        String url = emptyDatabase();
        org.flywaydb.core.Flyway.configure().dataSource(url, "postgres", null).locations("classpath:db/hookdesk")
                .schemas("hookdesk").defaultSchema("hookdesk").createSchemas(true).target("1").load().migrate();
        try (Connection c = DriverManager.getConnection(url, "postgres", null); Statement s = c.createStatement()) {
            s.execute("GRANT USAGE ON SCHEMA hookdesk TO " + login);
            s.execute("GRANT SELECT ON hookdesk.flyway_schema_history TO " + login);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return url;
    }

    /**
     * Everything in schema {@code public} that a schema-only dump would show, one line per object, sorted: relations,
     * columns with types, defaults and nullability, constraints, indexes, triggers, functions, privileges, and the
     * database's extensions. Equal before and after means HookDesk changed nothing of the ISP's schema.
     * (pg_dump here is older than the test server, which it refuses to dump.)
     */
    public static String publicSchemaFingerprint(String url) {
        return fingerprint(url, "public");
    }

    /** {@link #publicSchemaFingerprint} for any schema (HookDesk's own, to see that nothing changed in it). */
    public static String fingerprint(String url, String schema) {
        String sql = """
                SELECT string_agg(line, E'\n' ORDER BY line) FROM (
                  SELECT 'rel ' || c.relname || ' ' || c.relkind::text || ' ' || coalesce(c.relacl::text, '') AS line
                    FROM pg_class c WHERE c.relnamespace = 'public'::regnamespace
                  UNION ALL
                  SELECT 'col ' || c.relname || '.' || a.attname || ' ' || format_type(a.atttypid, a.atttypmod) || ' '
                         || a.attnotnull || ' ' || coalesce(pg_get_expr(d.adbin, d.adrelid), '') || ' ' || a.attnum
                    FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
                    LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
                   WHERE c.relnamespace = 'public'::regnamespace AND a.attnum > 0 AND NOT a.attisdropped
                  UNION ALL
                  SELECT 'con ' || conrelid::regclass || ' ' || conname || ' ' || pg_get_constraintdef(oid)
                    FROM pg_constraint WHERE connamespace = 'public'::regnamespace
                  UNION ALL
                  SELECT 'idx ' || pg_get_indexdef(x.indexrelid) FROM pg_index x JOIN pg_class c ON c.oid = x.indrelid
                   WHERE c.relnamespace = 'public'::regnamespace
                  UNION ALL
                  SELECT 'trg ' || pg_get_triggerdef(t.oid) FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
                   WHERE c.relnamespace = 'public'::regnamespace AND NOT t.tgisinternal
                  UNION ALL
                  SELECT 'fn ' || p.oid::regprocedure || ' ' || md5(p.prosrc) FROM pg_proc p
                   WHERE p.pronamespace = 'public'::regnamespace
                  UNION ALL
                  SELECT 'ext ' || extname || ' ' || extnamespace::regnamespace FROM pg_extension
                  UNION ALL
                  SELECT 'nsp ' || nspname || ' ' || coalesce(nspacl::text, '') FROM pg_namespace WHERE nspname = 'public'
                ) objects
                """.replace("'public'", "'" + schema + "'");
        try (Connection c = DriverManager.getConnection(url, "postgres", null); Statement s = c.createStatement();
             var r = s.executeQuery(sql)) {
            r.next();
            return r.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    /**
     * Turns away every connection to the database at {@code url}, superusers' too: new ones are refused and those open
     * (a pool's) are ended, as when its server goes away. {@link #reopen} lets them in again.
     */
    public static void cutOff(String url) {
        String name = databaseOf(url);
        exec("ALTER DATABASE " + name + " ALLOW_CONNECTIONS false");
        exec("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + name + "' AND pid <> pg_backend_pid()");
    }

    /**
     * Roles belong to the whole server, so another test class may have made HookDesk's roles already (as a superuser):
     * hands those that exist to {@code login} WITH ADMIN OPTION, as a DBA delegating {@code db roles} to a CREATEROLE
     * owner must (PostgreSQL lets such a login grant only roles it administers).
     */
    public static void handExistingRolesTo(String login) {
        if (!login.matches("[a-z0-9_]+")) {
            throw new IllegalArgumentException("not a test login: " + login);
        }
        exec("DO $$ BEGIN "
                + "IF to_regrole('hookdesk_csr') IS NOT NULL THEN GRANT hookdesk_csr TO " + login + " WITH ADMIN OPTION; END IF; "
                + "IF to_regrole('hookdesk_supervisor') IS NOT NULL THEN GRANT hookdesk_supervisor TO " + login
                + " WITH ADMIN OPTION; END IF; END $$");
    }

    /** Lets connections to the database at {@code url} in again after {@link #cutOff}. */
    public static void reopen(String url) {
        exec("ALTER DATABASE " + databaseOf(url) + " ALLOW_CONNECTIONS true");
    }

    private static String databaseOf(String url) {
        String name = url.substring(url.lastIndexOf('/') + 1).replaceFirst("\\?.*", "");
        if (!name.matches("[a-z0-9_]+")) {
            throw new IllegalArgumentException("not a test database: " + url);
        }
        return name;
    }

    public static synchronized String url(String database) {
        start();
        return "jdbc:postgresql://localhost:" + server.port() + "/" + database;
    }

    /** The port of the embedded server, for clients that are not JDBC (psql, FreeRADIUS). */
    public static synchronized int port() {
        start();
        return server.port();
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
            try (Database template = Database.connect(url("hookdesk_template"), "postgres", null)) {
                template.initDemoTables();
            }
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
