package io.hookdesk.bench;

import io.hookdesk.app.AppContext;
import io.hookdesk.db.Database;
import io.hookdesk.db.schema.Catalog;
import io.hookdesk.db.store.AuditStore;
import io.hookdesk.db.store.RecordStore;
import io.hookdesk.db.store.VersionedRow;
import io.hookdesk.hook.HookEnvironment;
import io.hookdesk.hook.HookInput;
import io.hookdesk.hook.run.HookRunner;
import io.hookdesk.model.HookRun;
import io.hookdesk.model.HookedTable;
import io.hookdesk.model.Operation;
import io.hookdesk.model.Origin;
import io.hookdesk.model.Row;
import io.hookdesk.save.FailureLog;
import io.hookdesk.save.SaveRequest;
import io.hookdesk.save.SaveResult;
import io.hookdesk.testing.HookScripts;
import io.hookdesk.testing.TestApp;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;

/**
 * One service update through the whole save path (lock, version check, update ... returning, related rows,
 * environment, no-op hook, commit, audit row) against its floor measured in the same rounds: the same UPDATE and
 * COMMIT over a plain JDBC connection plus a plain {@link ProcessBuilder} start and wait of the same hook.
 * The pieces (the floor's two halves, the product's hook runner alone, the audit insert alone, the save without a
 * hook, and the save's database phases timed one by one) run in the same rounds, so the gap can be attributed.
 */
final class SaveLatencyBench {

    static final String SECTION = "Save latency";
    private static final int SERVICES = 2_000;
    private static final int POOL = 200;

    private final BenchServer server;
    private final Path work;
    private final int warmup;
    private final int rounds;

    SaveLatencyBench(BenchServer server, Path work, int warmup, int rounds) {
        this.server = server;
        this.work = work;
        this.warmup = warmup;
        this.rounds = rounds;
    }

    void run(Report report) throws Exception {
        Path hooksDir = Files.createDirectories(work.resolve("hooks"));
        Path noHooks = Files.createDirectories(work.resolve("no-hooks"));
        Path hook = new HookScripts(hooksDir).install(HookedTable.SERVICE, "exit 0");
        new HookScripts(noHooks);
        try (Database db = server.scratch(SERVICES);
             AppContext app = TestApp.wire(db, Files.createDirectories(work.resolve("home")), hooksDir,
                     Duration.ofSeconds(60), FailureLog.NONE);
             Connection jdbc = DriverManager.getConnection(server.url("bench_scratch"), "postgres", null)) {
            // The save without a hook shares the pool and database, only its hooks directory is empty.
            AppContext bare = TestApp.wire(db, work.resolve("home"), noHooks, Duration.ofSeconds(60), FailureLog.NONE);
            jdbc.setAutoCommit(false);
            Map<Integer, Long> versions = versions(jdbc);
            AuditStore audit = new AuditStore(db.dsl());
            RecordStore store = new RecordStore(Catalog.read(db.dsl()));
            HookRunner runner = new HookRunner(Duration.ofSeconds(60), HookRunner.DEFAULT_OUTPUT_CAP);
            int[] counter = {0};

            // Services 1..200 are saved through SaveService, 201..400 by the floor, 401..600 without a hook,
            // 601..800 by the phase breakdown: no variant invalidates another's versions.
            SaveResult first = save(app, 1, versions, counter);
            SortedMap<String, String> env = first.environment();
            HookRun auditRow = app.records().history(HookedTable.SERVICE, 1, 1).get(0);
            Map<String, Samples> phases = new HashMap<>();
            for (String p : new String[] {"lock and update", "related", "environment", "commit"}) {
                phases.put(p, new Samples());
            }
            boolean[] measuring = {false};

            Rounds r = new Rounds()
                    .add("floor", () -> Rounds.time(
                            () -> floorUpdate(jdbc, POOL + 1 + counter[0] % POOL, "f" + counter[0]++, hook)))
                    .add("save", () -> Rounds.time(() -> {
                        SaveResult s = save(app, 1 + counter[0] % POOL, versions, counter);
                        if (!s.committed() || !s.hookRan()) {
                            throw new IllegalStateException("save did not commit with its hook: " + s.message());
                        }
                    }))
                    .add("floor: UPDATE + COMMIT", () -> Rounds.time(
                            () -> floorUpdate(jdbc, POOL + 1 + counter[0] % POOL, "f" + counter[0]++, null)))
                    .add("floor: ProcessBuilder start + wait", () -> Rounds.time(() -> spawn(hook)))
                    .add("ProcessBuilder start + wait through setsid", () -> Rounds.time(() -> spawn(SETSID, hook.toString())))
                    .add("same, with the hook's environment and stdin /dev/null", () -> Rounds.time(
                            () -> spawnLikeRunner(hook, env, hooksDir)))
                    .add("HookRunner.run alone", () -> Rounds.time(() -> {
                        if (!runner.run(hook, env, hooksDir, null).succeeded()) {
                            throw new IllegalStateException("hook failed");
                        }
                    }))
                    .add("audit insert alone", () -> Rounds.time(() -> audit.record(auditRow)))
                    .add("save with no hook installed", () -> Rounds.time(() -> {
                        SaveResult s = save(bare, 2 * POOL + 1 + counter[0] % POOL, versions, counter);
                        if (!s.committed()) {
                            throw new IllegalStateException(s.message());
                        }
                    }))
                    .add("phases", () -> Rounds.time(() -> phases(db.dsl(), store, 3 * POOL + 1 + counter[0] % POOL,
                            "p" + counter[0]++, measuring[0] ? phases : null)));
            // Every variant is warmed (JIT, pgjdbc's server-side prepare after 5 uses) before anything counts.
            Map<String, Samples> s = runMeasured(r, measuring);

            Samples floor = s.get("floor");
            Samples save = s.get("save");
            report.add(new Result("save latency (median)", "<= 1.25 x floor", "ms", floor.medianMs(), save.medianMs(),
                    Result.Kind.RATIO_AT_MOST, 1.25, null));
            report.detail(SECTION, String.format(Locale.ROOT, "p99: save %.3f ms, floor %.3f ms (ratio %.2f); %d warm-up "
                    + "rounds then %d measured rounds, every variant once per round in rotating order",
                    save.p99Ms(), floor.p99Ms(), save.p99Ms() / floor.p99Ms(), warmup, rounds));
            s.forEach((name, samples) -> {
                if (!name.equals("phases")) {
                    report.detail(SECTION, name + ": " + samples.describe());
                }
            });
            phases.forEach((name, samples) -> report.detail(SECTION, "save phase '" + name + "' (jOOQ, in a transaction): "
                    + samples.describe()));
            report.detail(SECTION, String.format(Locale.ROOT, "cost of the hook spawn alone (medians): plain ProcessBuilder "
                    + "%.3f ms, through setsid %.3f ms, HookRunner.run %.3f ms; of the audit write alone: %.3f ms",
                    s.get("floor: ProcessBuilder start + wait").medianMs(),
                    s.get("ProcessBuilder start + wait through setsid").medianMs(),
                    s.get("HookRunner.run alone").medianMs(), s.get("audit insert alone").medianMs()));
            report.detail(SECTION, String.format(Locale.ROOT, "gap (save - floor) at the median: %.3f ms",
                    save.medianMs() - floor.medianMs()));
        }
    }

    private Map<String, Samples> runMeasured(Rounds r, boolean[] measuring) throws Exception {
        r.run(warmup, 0);
        measuring[0] = true;
        return r.run(0, rounds);
    }

    private static SaveResult save(AppContext app, int number, Map<Integer, Long> versions, int[] counter) {
        SaveResult s = app.saves().save(SaveRequest.update(HookedTable.SERVICE, number,
                Map.of("d03", "AC:DE:48:" + String.format("%08X", counter[0]++)), versions.get(number),
                Origin.DESKTOP, "bench"));
        if (s.version() != null) {
            versions.put(number, s.version());
        }
        return s;
    }

    /** The floor: UPDATE, then (if given) the hook while the transaction is open, as a save runs it, then COMMIT. */
    private static void floorUpdate(Connection c, int number, String value, Path hook) {
        try (PreparedStatement ps = c.prepareStatement("UPDATE service SET d03 = ? WHERE number = ?")) {
            ps.setString(1, value);
            ps.setInt(2, number);
            if (ps.executeUpdate() != 1) {
                throw new IllegalStateException("no service " + number);
            }
            if (hook != null) {
                spawn(hook);
            }
            c.commit();
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final String SETSID = java.util.stream.Stream.of("/usr/bin/setsid", "/bin/setsid")
            .filter(p -> Files.isExecutable(Path.of(p))).findFirst().orElse("setsid");

    static void spawn(Path hook) {
        spawn(hook.toString());
    }

    private static void spawnLikeRunner(Path hook, Map<String, String> env, Path dir) {
        ProcessBuilder b = new ProcessBuilder(SETSID, hook.toString()).directory(dir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        b.environment().clear();
        b.environment().putAll(env);
        try {
            if (b.start().waitFor() != 0) {
                throw new IllegalStateException("hook failed");
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void spawn(String... command) {
        try {
            int status = new ProcessBuilder(command).start().waitFor();
            if (status != 0) {
                throw new IllegalStateException("hook exited " + status);
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The save's database work and environment, phase by phase, as SaveService does them (no hook, no audit). */
    private static void phases(DSLContext dsl, RecordStore store, int number, String value, Map<String, Samples> out) {
        long[] t = new long[4];
        long start = System.nanoTime();
        long[] beforeCommit = new long[1];
        dsl.transaction(cfg -> {
            DSLContext tx = DSL.using(cfg);
            long a = System.nanoTime();
            // One statement since issue 13, as SaveService runs it: the whole of it counts as 'lock and update'.
            RecordStore.Written written = store.lockAndUpdate(tx, HookedTable.SERVICE, number, Map.of("d03", value), null)
                    .orElseThrow();
            VersionedRow old = written.old();
            VersionedRow saved = written.saved();
            long b = System.nanoTime();
            long c = b;
            Map<String, Row> related = store.related(tx, HookedTable.SERVICE, saved.row());
            long d = System.nanoTime();
            HookEnvironment.build(new HookInput(HookedTable.SERVICE, Operation.UPDATE, old.row(), saved.row(), related,
                    "bench", true, TestApp.CLIENT_ENV));
            long e = System.nanoTime();
            t[0] = b - a;
            t[1] = d - c;
            t[2] = e - d;
            beforeCommit[0] = e;
        });
        t[3] = System.nanoTime() - beforeCommit[0];
        if (out != null) {
            out.get("lock and update").add(t[0]);
            out.get("related").add(t[1]);
            out.get("environment").add(t[2]);
            out.get("commit").add(t[3]);
        }
    }

    private static Map<Integer, Long> versions(Connection c) throws java.sql.SQLException {
        Map<Integer, Long> v = new HashMap<>();
        try (var st = c.createStatement(); var rs = st.executeQuery("SELECT number, xmin::text::bigint FROM service")) {
            while (rs.next()) {
                v.put(rs.getInt(1), rs.getLong(2));
            }
        }
        c.commit();
        return v;
    }
}
