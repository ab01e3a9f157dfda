package io.hookdesk.testing;

import io.hookdesk.db.Database;
import io.hookdesk.db.demo.DemoData;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A real PostgreSQL 15 primary and its streaming standby ({@code pg_basebackup -R}) on two loopback ports, made by
 * Debian's server binaries in a temporary directory, as an ISP runs its billing database with a standby to fail over
 * to (issue 24 item 3). Both run as {@code nobody} when the tests run as root (PostgreSQL refuses root). Tests skip,
 * saying why, where the package is not installed ({@code .ci/run} installs {@code postgresql}).
 *
 * <p>{@link #url()} is the multi-host URL an operator gives HookDesk; {@link #stopPrimary()} and {@link #promoteStandby()}
 * are the failover, in two steps so a test can act between them. A fixture of its own per test (an instance field with
 * {@code @RegisterExtension}), since each test fails the pair over.
 */
public final class StreamingPair extends ScopedFixture {

    public static final Path BIN = Path.of("/usr/lib/postgresql/15/bin");
    public static final String DATABASE = "billing";
    private static final Duration STEP = Duration.ofMinutes(2);

    private final boolean demoData;
    private Path dir;
    private int primaryPort;
    private int standbyPort;
    private boolean primaryUp;
    private boolean standbyUp;

    private StreamingPair(boolean demoData) {
        super(false, "hookdesk-failover");
        this.demoData = demoData;
    }

    /** A new pair for each test, its database holding HookDesk's schema and the small demo data set. */
    public static StreamingPair withDemoData() {
        return new StreamingPair(true);
    }

    /** Skips the calling test with the reason unless a PostgreSQL 15 server can be run here. */
    public static void assumeInstalled() {
        assumeTrue(Files.isExecutable(BIN.resolve("initdb")) && Files.isExecutable(BIN.resolve("pg_basebackup")),
                "skipped: the PostgreSQL 15 server binaries are not in " + BIN + " (apt-get install postgresql; "
                        + ".ci/run installs it)");
        assumeTrue(!asRoot() || Files.isExecutable(Path.of("/usr/bin/setpriv")),
                "skipped: running as root without setpriv, and PostgreSQL refuses to run as root");
    }

    /**
     * A primary with the database {@link #DATABASE} (with the demo data), and a standby streaming from it, both
     * answering.
     */
    @Override
    protected void start(Path dir) throws IOException {
        assumeInstalled();
        this.dir = dir;
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        if (asRoot()) {
            UserPrincipalLookupService users = dir.getFileSystem().getUserPrincipalLookupService();
            Files.setOwner(dir, users.lookupPrincipalByName("nobody"));
        }
        primaryPort = freePort();
        standbyPort = freePort();
        run("initdb", "-D", data("primary"), "-U", "postgres", "--auth=trust", "-N", "-E", "UTF8", "--locale=C");
        pgCtl("primary", primaryPort, "start");
        primaryUp = true;
        execute(primaryPort, "postgres", "CREATE DATABASE " + DATABASE);
        if (demoData) {
            try (Database db = Database.connect(url(), "postgres", null)) {
                db.initDemoTables();
                new DemoData(db.dsl()).seed(DemoData.SMALL, n -> { });
            }
        }
        run("pg_basebackup", "-h", "127.0.0.1", "-p", String.valueOf(primaryPort), "-U", "postgres",
                "-D", data("standby"), "-R", "-X", "stream", "-c", "fast");
        pgCtl("standby", standbyPort, "start");
        standbyUp = true;
        await("the standby streams from the primary").atMost(STEP).pollInterval(Duration.ofMillis(100))
                .until(() -> "streaming".equals(value(primaryPort, "SELECT state FROM pg_stat_replication LIMIT 1")));
    }

    /** What an operator gives HookDesk: both servers, and only the one that takes writes. */
    public String url() {
        return "jdbc:postgresql://127.0.0.1:" + primaryPort + ",127.0.0.1:" + standbyPort + "/" + DATABASE
                + "?targetServerType=primary";
    }

    /** One server alone (for the test's own looks). */
    public String urlOf(int port) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE;
    }

    public int primaryPort() {
        return primaryPort;
    }

    public int standbyPort() {
        return standbyPort;
    }

    /** Waits until the standby has replayed everything the primary has written so far. */
    public void awaitStandbyCaughtUp() {
        String lsn = value(primaryPort, "SELECT pg_current_wal_lsn()::text");
        await("the standby replays up to " + lsn).atMost(STEP).pollInterval(Duration.ofMillis(50))
                .until(() -> "t".equals(value(standbyPort, "SELECT pg_last_wal_replay_lsn() >= '" + lsn + "'::pg_lsn")));
    }

    /**
     * The primary goes away as in a planned switchover ({@code pg_ctl stop -m fast}): its sessions are ended, open
     * transactions are lost, and what it committed reaches the standby before it stops.
     */
    public void stopPrimary() throws IOException {
        pgCtl("primary", primaryPort, "stop");
        primaryUp = false;
    }

    /** {@code pg_ctl promote}: the standby becomes the primary and takes writes. */
    public void promoteStandby() throws IOException {
        run("pg_ctl", "-D", data("standby"), "-w", "-t", "120", "promote");
        await("the standby is promoted").atMost(STEP).pollInterval(Duration.ofMillis(50))
                .until(() -> "f".equals(value(standbyPort, "SELECT pg_is_in_recovery()")));
    }

    /** One value of {@code sql} on the server at {@code port}, as text (booleans as t/f). */
    public String value(int port, String sql) {
        try (Connection c = DriverManager.getConnection(urlOf(port), "postgres", "");
             Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            if (!r.next()) {
                return null;
            }
            Object v = r.getObject(1);
            return v instanceof Boolean b ? (b ? "t" : "f") : v == null ? null : v.toString();
        } catch (SQLException e) {
            throw new IllegalStateException(sql + " on port " + port + ": " + e.getMessage(), e);
        }
    }

    /** What the two servers logged, for a failing test's message. */
    public String logs() {
        StringBuilder all = new StringBuilder();
        for (String name : List.of("primary", "standby")) {
            try {
                all.append("--- ").append(name).append(" ---\n").append(Files.readString(dir.resolve(name + ".log")));
            } catch (IOException e) {
                all.append("--- ").append(name).append(": no log (").append(e.getMessage()).append(")\n");
            }
        }
        return all.toString();
    }

    private void execute(int port, String database, String sql) {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/" + database,
                "postgres", ""); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + " on port " + port + ": " + e.getMessage(), e);
        }
    }

    private String data(String name) {
        return dir.resolve(name).toString();
    }

    private void pgCtl(String name, int port, String action) throws IOException {
        run("pg_ctl", "-D", data(name), "-l", dir.resolve(name + ".log").toString(), "-w", "-t", "120", "-m", "fast",
                "-o", "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=off", action);
    }

    /** Runs one of the server's programs as the server's OS user, failing with its output. */
    private void run(String program, String... args) throws IOException {
        List<String> argv = new ArrayList<>();
        if (asRoot()) {
            argv.addAll(List.of("/usr/bin/setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups"));
        }
        argv.add(BIN.resolve(program).toString());
        argv.addAll(List.of(args));
        Path output = Files.createTempFile("hookdesk-failover-" + program, ".out");
        try {
            ProcessBuilder builder = new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(output.toFile());
            // Its home, not root's: pg_basebackup -R would otherwise name /root/.pgpass in the standby's conninfo.
            builder.environment().put("HOME", dir.toString());
            builder.environment().remove("PGPASSFILE");
            Process p = builder.start();
            if (!p.waitFor(3, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IllegalStateException(program + " did not finish: " + Files.readString(output));
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", argv) + " exited " + p.exitValue() + ": "
                        + Files.readString(output));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(program + " interrupted", e);
        } finally {
            Files.deleteIfExists(output);
        }
    }

    private static boolean asRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** Stops whichever server still runs (immediately: nothing of theirs is kept); the directory goes after. */
    @Override
    protected void stop() {
        for (String name : List.of("primary", "standby")) {
            boolean up = name.equals("primary") ? primaryUp : standbyUp;
            if (up) {
                try {
                    run("pg_ctl", "-D", data(name), "-w", "-t", "60", "-m", "immediate", "stop");
                } catch (IOException | RuntimeException e) {
                    System.err.println("could not stop the " + name + " server in " + dir + ": " + e.getMessage());
                }
            }
        }
        primaryUp = false;
        standbyUp = false;
    }
}
