package io.hookdesk.cli;

import io.hookdesk.app.AppContext;
import io.hookdesk.app.CliBackend;
import io.hookdesk.db.Database;
import io.hookdesk.testing.ScopedFixture;
import io.hookdesk.testing.TestDatabase;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs the command line in-process against a fresh test database reached through {@code --db-url}, as an operator
 * would, with a controlled environment (no machine settings leak in) and a hooks directory of real scripts.
 *
 * <p>It is also the JUnit extension that sets itself up and tears itself down (temporary directory, database), so that
 * each CLI test class says in one {@code @RegisterExtension} field what it needs instead of repeating a {@code @TempDir}
 * and set-up and tear-down methods. {@link #perClass} in a static field shares one database among the class's tests,
 * for speed; {@link #perTest} gives every test its own, for isolation.
 */
final class CliHarness extends ScopedFixture {

    /** What one run printed and returned. */
    record Run(int exit, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    /**
     * What the test database holds at the start: the demo tables without rows, the small demo data set, the
     * hand-written foreign BillMax schema of {@code foreign-billmax.sql} (made by someone else; HookDesk adds only its
     * own schema), or nothing but HookDesk's own schema (a new, empty server database); MIGRATED: the hand-written
     * {@code mysql-migrated-billmax.sql} (identity keys, enum state, domain, inet, infinity timestamps, ...).
     */
    enum Data { EMPTY, DEMO, FOREIGN, BARE, MIGRATED, DRIFTED, DRIFTED_OFF_PATH, DRIFTED_C_LOCALE }

    static final Map<String, String> CLIENT_ENV = Map.of("PATH", "/usr/bin:/bin", "LANG", "C.UTF-8", "HOME", "/home/tester");

    private final Data data;
    private final boolean removeHooksAfterEach;

    /** The temporary directory holding {@link #home} and {@link #hooks}; tests may put their own files here too. */
    Path temp;
    Database db;
    Path home;
    Path hooks;
    Path logFile;
    /** With {@link Data#FOREIGN}: the public schema as it was before HookDesk first connected. */
    String foreignSchemaBefore;
    /** With a {@code DRIFTED} database: its logins, and every schema but HookDesk's as it was before HookDesk connected. */
    TestDatabase.Drifted drifted;
    String schemasBefore;
    private CliRuntime runtime;

    private CliHarness(boolean perClass, Data data, boolean removeHooksAfterEach) {
        super(perClass, "hookdesk-cli-test");
        this.data = data;
        this.removeHooksAfterEach = removeHooksAfterEach;
    }

    /** One harness for all tests of the class; register it in a static field. */
    static CliHarness perClass(Data data) {
        return new CliHarness(true, data, false);
    }

    /** A new harness (directory and database) for every test. */
    static CliHarness perTest(Data data) {
        return new CliHarness(false, data, false);
    }

    /** A per-class harness that also empties the hooks directory after each test, so no test sees another's hooks. */
    CliHarness removingHooksAfterEach() {
        return new CliHarness(perClass(), data, true);
    }

    @Override
    protected void start(Path temp) throws IOException {
        this.temp = temp;
        this.home = Files.createDirectory(temp.resolve("home"));
        this.hooks = Files.createDirectory(temp.resolve("hooks"));
        this.logFile = home.resolve("logs").resolve("hooks.log");
        this.db = switch (data) {
            case DEMO -> TestDatabase.withDemoData();
            case EMPTY -> TestDatabase.fresh();
            case BARE -> Database.connect(TestDatabase.bare(), "postgres", null);
            case FOREIGN -> {
                String url = TestDatabase.foreignBillMax();
                foreignSchemaBefore = TestDatabase.publicSchemaFingerprint(url);
                yield Database.connect(url, "postgres", null);
            }
            case MIGRATED -> {
                String url = TestDatabase.migratedBillMax();
                foreignSchemaBefore = TestDatabase.publicSchemaFingerprint(url);
                yield Database.connect(url, "postgres", null);
            }
            case DRIFTED, DRIFTED_OFF_PATH, DRIFTED_C_LOCALE -> {
                drifted = TestDatabase.driftedBillMax(data != Data.DRIFTED_OFF_PATH, data == Data.DRIFTED_C_LOCALE);
                schemasBefore = TestDatabase.schemasFingerprint(drifted.url());
                // The database's owner connects first, as its administrator would: HookDesk's schema is then its own.
                yield Database.connect(drifted.url(), drifted.admin(), null);
            }
        };
        Map<String, String> sys = Map.of("user.name", "tester", "user.home", temp.toString(), "user.dir", temp.toString());
        this.runtime = new CliRuntime("tester", new CliBackend(CLIENT_ENV, sys, (config, log) -> AppContext.wire(config,
                Database.connect(config.dbUrl(), config.dbUser(), null, config.values().timeZone()), log, Clock.systemUTC(), CLIENT_ENV)), null);
    }

    @Override
    protected void stop() {
        if (db != null) {
            db.close();
        }
    }

    @Override
    protected void afterEachShared() {
        if (removeHooksAfterEach) {
            removeHooks();
        }
    }

    String url() {
        return db.description();
    }

    /** The public schema now, to compare with {@link #foreignSchemaBefore}. */
    String publicSchema() {
        return TestDatabase.publicSchemaFingerprint(url());
    }

    /** Every schema but HookDesk's now, to compare with {@link #schemasBefore}. */
    String schemas() {
        return TestDatabase.schemasFingerprint(url());
    }

    /** Runs exactly these arguments. */
    Run raw(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = HookDeskCommand.run(runtime, new PrintWriter(out), new PrintWriter(err), args);
        return new Run(exit, out.toString(), err.toString());
    }

    /** Runs with this harness's database, home and hooks directory given as global options before the arguments. */
    Run run(String... args) {
        return runAs("postgres", args);
    }

    /** The same against the database at {@code dbUrl} instead (through a pooler, a primary and standby), as postgres. */
    Run runOn(String dbUrl, String... args) {
        List<String> all = new ArrayList<>(List.of("--db-url", dbUrl, "--db-user", "postgres", "--home", home.toString(),
                "--hooks-dir", hooks.toString()));
        all.addAll(List.of(args));
        return raw(all.toArray(String[]::new));
    }

    /** The same, connected as database user {@code dbUser} (the test server trusts local logins). */
    Run runAs(String dbUser, String... args) {
        List<String> all = new ArrayList<>(List.of("--db-url", url(), "--db-user", dbUser, "--home", home.toString(),
                "--hooks-dir", hooks.toString()));
        all.addAll(List.of(args));
        return raw(all.toArray(String[]::new));
    }

    /** Writes an executable {@code <table>_hook} shell script. */
    Path hook(String table, String body) {
        return hook(table, body, "rwxr-xr-x");
    }

    Path hook(String table, String body, String permissions) {
        Path p = hooks.resolve(table + "_hook");
        try {
            Files.writeString(p, "#!/bin/sh\n" + body + "\n");
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(permissions));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return p;
    }

    int count(String sql) {
        return db.dsl().fetchOne(sql).get(0, Integer.class);
    }

    String value(String sql) {
        return db.dsl().fetchOne(sql).get(0, String.class);
    }

    int hookRuns() {
        return count("SELECT count(*) FROM hookdesk.hook_run");
    }

    /** Empties the hooks directory between tests that share one database. */
    void removeHooks() {
        try (java.util.stream.Stream<Path> files = java.nio.file.Files.list(hooks)) {
            for (Path p : files.toList()) {
                java.nio.file.Files.delete(p);
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
