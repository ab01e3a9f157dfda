package io.hookdesk.bench;

import io.hookdesk.app.AppContext;
import io.hookdesk.db.Database;
import io.hookdesk.model.HookedTable;
import io.hookdesk.model.Origin;
import io.hookdesk.save.FailureLog;
import io.hookdesk.save.SaveRequest;
import io.hookdesk.save.SaveResult;
import io.hookdesk.testing.HookScripts;
import io.hookdesk.testing.TestApp;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * {@code apply --file} with {@value #CHANGES} service changes and the no-op hook, against the floor: the same
 * number of UPDATE + COMMIT over plain JDBC, each followed by a plain start and wait of the hook, one after another.
 * Both sides run in alternating chunks of {@value #CHUNK} changes, so a neighbour's build slows both.
 */
final class BatchBench {

    static final String SECTION = "Batch";
    static final int CHANGES = 10_000;
    private static final int CHUNK = 500;

    private final BenchServer server;
    private final Path work;
    private final int changes;

    BatchBench(BenchServer server, Path work, int changes) {
        this.server = server;
        this.work = work;
        this.changes = changes;
    }

    void run(Report report) throws Exception {
        Path hooksDir = Files.createDirectories(work.resolve("batch-hooks"));
        Path hook = new HookScripts(hooksDir).install(HookedTable.SERVICE, "exit 0");
        try (Database db = server.scratch(2 * changes + 600);
             AppContext app = TestApp.wire(db, Files.createDirectories(work.resolve("batch-home")), hooksDir,
                     Duration.ofSeconds(60), FailureLog.NONE);
             Connection jdbc = DriverManager.getConnection(server.url("bench_scratch"), "postgres", null)) {
            jdbc.setAutoCommit(false);
            // Warm both sides up (JIT, statement caches) on services the measured chunks do not touch.
            for (int i = 0; i < 300; i++) {
                floor(jdbc, hook, 2 * changes + 1 + i, "warm" + i);
                apply(app, 2 * changes + 301 + i, "warm" + i);
            }
            long floorNanos = 0;
            long subjectNanos = 0;
            for (int from = 0; from < changes; from += CHUNK) {
                boolean floorFirst = (from / CHUNK) % 2 == 0;
                for (int side = 0; side < 2; side++) {
                    long t0 = System.nanoTime();
                    if ((side == 0) == floorFirst) {
                        for (int i = from; i < from + CHUNK; i++) {
                            floor(jdbc, hook, changes + 1 + i, "f" + i);
                        }
                        floorNanos += System.nanoTime() - t0;
                    } else {
                        for (int i = from; i < from + CHUNK; i++) {
                            apply(app, 1 + i, "s" + i);
                        }
                        subjectNanos += System.nanoTime() - t0;
                    }
                }
            }
            double floorRate = changes / (floorNanos / 1e9);
            double subjectRate = changes / (subjectNanos / 1e9);
            report.add(new Result(String.format(Locale.ROOT, "batch of %,d changes", changes), ">= 0.70 x floor", "changes/s", floorRate, subjectRate,
                    Result.Kind.RATIO_AT_LEAST, 0.70, null));
            report.detail(SECTION, String.format(Locale.ROOT, "SaveService.save per change, one after another, as the "
                    + "command line's apply --file loop does with its default --parallel 1: %,d changes in %.1f s "
                    + "(%.2f ms each); floor %,d in %.1f s (%.2f ms each)", changes, subjectNanos / 1e9,
                    subjectNanos / 1e6 / changes, changes, floorNanos / 1e9, floorNanos / 1e6 / changes));
        }
    }

    private static void apply(AppContext app, int number, String value) {
        SaveResult r = app.saves().save(SaveRequest.update(HookedTable.SERVICE, number, Map.of("d03", value), null,
                Origin.COMMAND_LINE, "batch"));
        if (!r.committed() || !r.hookRan()) {
            throw new IllegalStateException("change to service " + number + " did not commit with its hook: " + r.message());
        }
    }

    private static void floor(Connection c, Path hook, int number, String value) throws Exception {
        try (PreparedStatement ps = c.prepareStatement("UPDATE service SET d03 = ? WHERE number = ?")) {
            ps.setString(1, value);
            ps.setInt(2, number);
            if (ps.executeUpdate() != 1) {
                throw new IllegalStateException("no service " + number);
            }
        }
        SaveLatencyBench.spawn(hook);
        c.commit();
    }
}
