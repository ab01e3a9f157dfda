package io.hookdesk.bench;

import io.hookdesk.app.CliBackend;
import io.hookdesk.cli.CliRuntime;
import io.hookdesk.cli.HookDeskCommand;
import io.hookdesk.db.Database;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The real {@code hookdesk renew} (the command line's entry point, in this JVM, database opening included) over
 * {@code services} due services, against the floor: one plain SQL {@code UPDATE} of the same rows (invdate and
 * invcnt, the same triggers firing) over JDBC. Before every run, floor or subject, the same services are made due
 * again and the audit table emptied, untimed, so every run starts from the same state; the two are interleaved in
 * rounds ({@link Rounds}).
 */
final class RenewalBench {

    static final String SECTION = "Renewal";
    private static final String DUE = "2026-12-01";
    private static final Pattern RENEWED = Pattern.compile("renewed:\\s+(\\d+)");
    private static final Pattern IN = Pattern.compile("in ([0-9.]+) s");

    private final BenchServer server;
    private final Path work;
    private final int services;
    private final int rounds;

    RenewalBench(BenchServer server, Path work, int services, int rounds) {
        this.server = server;
        this.work = work;
        this.services = services;
        this.rounds = rounds;
    }

    void run(Report report) throws Exception {
        Path hooks = Files.createDirectories(work.resolve("hooks"));
        Path home = Files.createDirectories(work.resolve("home"));
        long seed0 = System.nanoTime();
        try (Database db = server.scratch(services);
             Connection jdbc = DriverManager.getConnection(server.url("bench_scratch"), "postgres", null)) {
            System.out.printf(Locale.ROOT, "  %,d services seeded in %.0f s%n", services, (System.nanoTime() - seed0) / 1e9);
            // The demo's durations (months, some negative, some 0) and billing days stay as generated.
            int skipped = count(jdbc, "SELECT count(*) FROM service WHERE duration = 0");
            String[] lastRun = {""};
            double[] commandSeconds = {0};
            Map<String, Samples> samples = new Rounds()
                    .add("floor", () -> {
                        reset(jdbc);
                        long t0 = System.nanoTime();
                        try (PreparedStatement ps = jdbc.prepareStatement("UPDATE service SET invdate = invdate + 30, "
                                + "invcnt = invcnt + 1 WHERE state = 0 AND invdate <= ?::date")) {
                            ps.setString(1, DUE);
                            if (ps.executeUpdate() != services) {
                                throw new IllegalStateException("the floor did not update every service");
                            }
                        }
                        return System.nanoTime() - t0;
                    })
                    .add("renew", () -> {
                        reset(jdbc);
                        long t0 = System.nanoTime();
                        String out = renew(hooks, home);
                        long nanos = System.nanoTime() - t0;
                        Matcher m = RENEWED.matcher(out);
                        if (!m.find() || Integer.parseInt(m.group(1)) != services - skipped) {
                            throw new IllegalStateException("renew did not renew every due service:\n" + out);
                        }
                        Matcher in = IN.matcher(out);
                        commandSeconds[0] = in.find() ? Double.parseDouble(in.group(1)) : Double.NaN;
                        lastRun[0] = out.lines().findFirst().orElse("").trim();
                        return nanos;
                    })
                    .run(1, rounds);
            Samples floor = samples.get("floor");
            Samples renew = samples.get("renew");
            report.add(new Result(String.format(Locale.ROOT, "renew: %,d due services (median run)", services),
                    "<= 5 x floor", "s", floor.medianMs() / 1000, renew.medianMs() / 1000, Result.Kind.RATIO_AT_MOST, 5.0, null));
            report.detail(SECTION, String.format(Locale.ROOT, "hookdesk renew (the whole command: database opening, "
                    + "reading the due services, batches of %,d per UPDATE with their audit rows, %,d with duration 0 "
                    + "skipped): %s; %s", io.hookdesk.renewal.Renewal.BATCH, skipped, renew.describe(), lastRun[0]));
            report.detail(SECTION, String.format(Locale.ROOT, "floor, one UPDATE of the same %,d rows (invdate, invcnt) "
                    + "over plain JDBC: %s", services, floor.describe()));
            report.detail(SECTION, String.format(Locale.ROOT, "%d interleaved rounds after one warm-up; before each run "
                    + "(untimed) the services are made due again and hookdesk.hook_run emptied; last renew reported %.1f s "
                    + "for its own work after connecting", rounds, commandSeconds[0]));
        }
    }

    private void reset(Connection jdbc) throws Exception {
        try (Statement s = jdbc.createStatement()) {
            s.executeUpdate("UPDATE service SET state = 0, invdate = DATE '" + DUE + "' - (number % 28)");
            // The audit's guard refuses TRUNCATE (issue 10); the bench owns this scratch database, so it lifts the guard
            // for the one statement that empties the audit between rounds.
            s.execute("ALTER TABLE hookdesk.hook_run DISABLE TRIGGER USER");
            s.executeUpdate("TRUNCATE hookdesk.hook_run");
            s.execute("ALTER TABLE hookdesk.hook_run ENABLE TRIGGER USER");
            s.execute("VACUUM ANALYZE service");
            s.execute("CHECKPOINT");
        }
    }

    private static int count(Connection jdbc, String sql) throws Exception {
        try (Statement s = jdbc.createStatement(); var rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private String renew(Path hooks, Path home) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CliRuntime runtime = new CliRuntime("bench", CliBackend.system(), null);
        int exit = HookDeskCommand.run(runtime, new PrintWriter(out), new PrintWriter(err), "renew", "--date", DUE,
                "--csr", "nightly", "--db-url", server.url("bench_scratch"), "--db-user", "postgres",
                "--home", home.toString(), "--hooks-dir", hooks.toString());
        if (exit != 0) {
            throw new IllegalStateException("renew exited " + exit + ":\n" + out + err);
        }
        return out.toString();
    }
}
