package io.hookdesk.save;

import io.hookdesk.app.AppContext;
import io.hookdesk.model.HookRun;
import io.hookdesk.model.HookedTable;
import io.hookdesk.model.Origin;
import io.hookdesk.model.Row;
import io.hookdesk.records.LoadedRecord;
import io.hookdesk.testing.HookScripts;
import io.hookdesk.testing.ScopedFixture;
import io.hookdesk.testing.TestApp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A demo database, a hooks directory and helpers shared by the save-path tests. A JUnit extension on the shared
 * {@link ScopedFixture} life cycle: register it in an instance field and every test gets a fresh database and
 * directory, ready before the class's own {@code @BeforeEach} methods run.
 */
final class SaveFixture extends ScopedFixture {

    private final Duration timeout;
    AppContext app;
    HookScripts hooks;
    Path scratch;

    private SaveFixture(Duration timeout) {
        super(false, "hookdesk-save-test");
        this.timeout = timeout;
    }

    /** A fresh fixture per test, with hooks timing out after {@code timeout}. */
    static SaveFixture perTest(Duration timeout) {
        return new SaveFixture(timeout);
    }

    /** The same, with a 20 s hook timeout. */
    static SaveFixture perTest() {
        return perTest(Duration.ofSeconds(20));
    }

    @Override
    protected void start(Path dir) throws IOException {
        Path hooksDir = Files.createDirectories(dir.resolve("hooks"));
        scratch = Files.createDirectories(dir.resolve("scratch"));
        hooks = new HookScripts(hooksDir);
        app = TestApp.demo(Files.createDirectories(dir.resolve("home")), hooksDir, timeout, FailureLog.NONE);
    }

    @Override
    protected void stop() {
        if (app != null) {
            app.close();
        }
    }

    SaveService saves() {
        return app.saves();
    }

    LoadedRecord load(HookedTable table, int number) {
        return app.records().load(table, number).orElseThrow();
    }

    Row row(HookedTable table, int number) {
        return load(table, number).row();
    }

    SaveResult update(HookedTable table, int number, Map<String, String> changes) {
        LoadedRecord r = load(table, number);
        return saves().save(SaveRequest.update(table, number, changes, r.version(), Origin.DESKTOP, "alice"));
    }

    SaveResult create(HookedTable table, Map<String, String> values) {
        return saves().save(SaveRequest.create(table, values, Origin.DESKTOP, "alice"));
    }

    List<HookRun> runs(HookedTable table, int number) {
        return app.records().history(table, number, 100);
    }

    int countRows(String sql) {
        return app.database().dsl().fetchOne(sql).get(0, Integer.class);
    }

    /** A path in the scratch directory, for hooks to write what they saw. */
    Path scratch(String name) {
        return scratch.resolve(name);
    }

    /** The environment a hook saw, written by {@code env -0 > file}; PWD (added by /bin/sh) removed. */
    static Map<String, String> readEnv0(Path file) {
        try {
            String all = Files.readString(file, StandardCharsets.UTF_8);
            Map<String, String> env = new TreeMap<>();
            for (String entry : all.split("\0")) {
                if (entry.isEmpty()) {
                    continue;
                }
                int eq = entry.indexOf('=');
                env.put(entry.substring(0, eq), entry.substring(eq + 1));
            }
            return env;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
