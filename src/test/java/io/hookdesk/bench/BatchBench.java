package io.hookdesk.bench;

import io.hookdesk.app.CliBackend;
import io.hookdesk.cli.CliRuntime;
import io.hookdesk.cli.HookDeskCommand;
import io.hookdesk.db.Database;
import io.hookdesk.db.demo.DemoData;
import io.hookdesk.db.embedded.EmbeddedServer;
import io.hookdesk.model.HookedTable;
import io.hookdesk.testing.HookScripts;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The real {@code hookdesk apply --file} (the command line's own entry point, in this JVM) with {@code changes} service
 * updates and the no-op hook, against the floor: the same number of UPDATE, start and wait of the hook, COMMIT over
 * plain JDBC, one after another. The apply is one command over one file, as an operator runs it, so its database
 * opening (pool, schema check) is counted; the floor is split in two halves run before and after it, so a load
 * change during the run weighs on both sides.
 */
final class BatchBench {

    static final String SECTION = "Batch";
    static final int CHANGES = 10_000;
    /** Fewer on the durable server: every commit waits for the disk (about 20 ms a save there before issue 13). */
    static final int DURABLE_CHANGES = 2_000;
    private static final Pattern COMMITTED = Pattern.compile("committed:\\s+(\\d+)");

    private final BenchServer server;
    private final Path work;
    private final int changes;

    BatchBench(BenchServer server, Path work, int changes) {
        this.server = server;
        this.work = work;
        this.changes = changes;
    }

    void run(Report report) throws Exception {
        Path hooksDir = Files.createDirectories(work.resolve("hooks"));
        Path hook = new HookScripts(hooksDir).install(HookedTable.SERVICE, "exit 0");
        Path home = Files.createDirectories(work.resolve("home"));
        // Services 1..n for apply, n+1..2n for apply --parallel 2, 2n+1..3n for the floor, then the warm-up's.
        int warm = 300;
        try (Database db = server.scratch(3 * changes + warm);
             Connection jdbc = DriverManager.getConnection(server.url("bench_scratch"), "postgres", null)) {
            jdbc.setAutoCommit(false);
            for (int i = 0; i < warm; i++) {
                floor(jdbc, hook, 3 * changes + 1 + i, "warm" + i);
            }
            apply(hooksDir, home, file("warm", 3 * changes + 1, warm), 1);

            long floorNanos = 0;
            long t0 = System.nanoTime();
            for (int i = 0; i < changes / 2; i++) {
                floor(jdbc, hook, 2 * changes + 1 + i, "f" + i);
            }
            floorNanos += System.nanoTime() - t0;
            Applied one = apply(hooksDir, home, file("apply", 1, changes), 1);
            t0 = System.nanoTime();
            for (int i = changes / 2; i < changes; i++) {
                floor(jdbc, hook, 2 * changes + 1 + i, "f" + i);
            }
            floorNanos += System.nanoTime() - t0;
            Applied two = apply(hooksDir, home, file("apply2", changes + 1, changes), 2);

            double floorRate = changes / (floorNanos / 1e9);
            report.add(new Result(String.format(Locale.ROOT, "batch: apply --file, %,d changes", changes),
                    ">= 0.70 x floor", "changes/s", floorRate, one.rate(changes), Result.Kind.RATIO_AT_LEAST, 0.70, null));
            report.detail(SECTION, String.format(Locale.ROOT, "hookdesk apply --file --parallel 1 (one save at a "
                    + "time, which keeps the file's order across records): %,d changes in %.1f s (%.2f ms each), "
                    + "database opening included; the command's own summary: %s", changes, one.nanos / 1e9,
                    one.nanos / 1e6 / changes, one.summary));
            report.detail(SECTION, String.format(Locale.ROOT, "floor, UPDATE + hook start/wait + COMMIT over plain JDBC: "
                    + "%,d in %.1f s (%.2f ms each), half before and half after the apply", changes, floorNanos / 1e9,
                    floorNanos / 1e6 / changes));
            report.detail(SECTION, String.format(Locale.ROOT, "apply --file --parallel 2 (two lanes; runs of the one "
                    + "service_hook are still serialised): %,.0f changes/s, %.2f x the floor", two.rate(changes),
                    two.rate(changes) / floorRate));
        }
    }

    /**
     * The same comparison on a durable embedded server (fsync, synchronous_commit and full_page_writes on: what
     * HookDesk's own embedded database is), with {@code changes} lines: every commit waits for the disk, for the floor
     * and the apply alike. Both {@code --parallel 1} and {@code 2} are measured, as the default is chosen from them.
     */
    void runDurable(Report report, Path dataDir, int changes) throws Exception {
        Path hooksDir = Files.createDirectories(work.resolve("durable-hooks"));
        Path hook = new HookScripts(hooksDir).install(HookedTable.SERVICE, "exit 0");
        Path home = Files.createDirectories(work.resolve("durable-home"));
        int warm = 100;
        BenchMain.deleteTree(dataDir);
        // HookDesk's own embedded server on a home of its own: durable, password-protected, as a CSR's workstation has it.
        try (EmbeddedServer durable = EmbeddedServer.open(dataDir)) {
            try (Connection admin = DriverManager.getConnection(durable.jdbcUrl(), durable.user(), durable.password());
                 var st = admin.createStatement()) {
                st.execute("CREATE DATABASE bench_durable");
            }
            String url = "jdbc:postgresql://localhost:" + durable.port() + "/bench_durable";
            try (Database db = Database.connect(url, durable.user(), durable.password())) {
                db.initDemoTables();
                new DemoData(db.dsl()).seed(3 * changes + warm, n -> { });
            }
            // The command line finds the home server's password where a CSR's would be: a private password file.
            Path pgpass = work.resolve("durable.pgpass");
            Files.writeString(pgpass, "localhost:" + durable.port() + ":bench_durable:" + durable.user() + ":"
                    + durable.password() + "\n");
            Files.setPosixFilePermissions(pgpass, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
            System.setProperty("org.postgresql.pgpassfile", pgpass.toString());
            try (Connection jdbc = DriverManager.getConnection(url, durable.user(), durable.password())) {
                jdbc.setAutoCommit(false);
                for (int i = 0; i < warm; i++) {
                    floor(jdbc, hook, 3 * changes + 1 + i, "warm" + i);
                }
                long floorNanos = 0;
                long t0 = System.nanoTime();
                for (int i = 0; i < changes / 2; i++) {
                    floor(jdbc, hook, 2 * changes + 1 + i, "f" + i);
                }
                floorNanos += System.nanoTime() - t0;
                Applied one = apply(url, hooksDir, home, file("durable1", 1, changes), 1);
                t0 = System.nanoTime();
                for (int i = changes / 2; i < changes; i++) {
                    floor(jdbc, hook, 2 * changes + 1 + i, "f" + i);
                }
                floorNanos += System.nanoTime() - t0;
                Applied two = apply(url, hooksDir, home, file("durable2", changes + 1, changes), 2);
                double floorRate = changes / (floorNanos / 1e9);
                report.add(new Result(String.format(Locale.ROOT, "batch, durable database: apply --file, %,d changes", changes),
                        ">= 0.70 x floor", "changes/s", floorRate, one.rate(changes), Result.Kind.RATIO_AT_LEAST, 0.70, null));
                report.detail(SECTION, String.format(Locale.ROOT, "durable database (fsync on): apply --file --parallel 1 "
                        + "%,d changes in %.1f s (%.2f ms each); floor %.2f ms each (%,.0f changes/s); --parallel 2 %,.0f "
                        + "changes/s, %.2f x the floor", changes, one.nanos / 1e9, one.nanos / 1e6 / changes,
                        floorNanos / 1e6 / changes, floorRate, two.rate(changes), two.rate(changes) / floorRate));
            }
        }
    }

    private record Applied(long nanos, String summary) {
        double rate(int changes) {
            return changes / (nanos / 1e9);
        }
    }

    private Path file(String name, int first, int count) throws Exception {
        List<String> lines = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            lines.add("{\"table\":\"service\",\"number\":" + (first + i) + ",\"set\":{\"d03\":\"" + name + "-" + i + "\"}}");
        }
        return Files.write(work.resolve(name + ".jsonl"), lines, StandardCharsets.UTF_8);
    }

    private Applied apply(Path hooksDir, Path home, Path file, int parallel) {
        return apply(server.url("bench_scratch"), hooksDir, home, file, parallel);
    }

    private Applied apply(String url, Path hooksDir, Path home, Path file, int parallel) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CliRuntime runtime = new CliRuntime("bench", CliBackend.system(), null);
        long t0 = System.nanoTime();
        int exit = HookDeskCommand.run(runtime, new PrintWriter(out), new PrintWriter(err), "apply", "--file", file.toString(),
                "--parallel", Integer.toString(parallel), "--csr", "batch",
                "--db-url", url, "--db-user", "postgres",
                "--home", home.toString(), "--hooks-dir", hooksDir.toString());
        long nanos = System.nanoTime() - t0;
        String summary = out.toString().lines().findFirst().orElse("").trim();
        Matcher m = COMMITTED.matcher(out.toString());
        long lines;
        try {
            lines = Files.lines(file).count();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        if (exit != 0 || !m.find() || Long.parseLong(m.group(1)) != lines) {
            throw new IllegalStateException("apply --file " + file + " exited " + exit + ":\n" + out + err);
        }
        return new Applied(nanos, summary);
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
