package io.hookdesk.save;

import io.hookdesk.app.AppContext;
import io.hookdesk.model.HookRun;
import io.hookdesk.model.HookedTable;
import io.hookdesk.model.Origin;
import io.hookdesk.model.Row;
import io.hookdesk.records.LoadedRecord;
import io.hookdesk.testing.HookScripts;
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

/** A demo database, a hooks directory and helpers shared by the save-path tests. */
final class SaveFixture implements AutoCloseable {

    final AppContext app;
    final HookScripts hooks;
    final Path scratch;

    SaveFixture(Path tmp, Duration timeout) {
        try {
            Path hooksDir = Files.createDirectories(tmp.resolve("hooks"));
            scratch = Files.createDirectories(tmp.resolve("scratch"));
            hooks = new HookScripts(hooksDir);
            app = TestApp.demo(Files.createDirectories(tmp.resolve("home")), hooksDir, timeout, FailureLog.NONE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    SaveFixture(Path tmp) {
        this(tmp, Duration.ofSeconds(20));
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

    @Override
    public void close() {
        app.close();
    }
}
