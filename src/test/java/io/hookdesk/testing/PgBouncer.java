package io.hookdesk.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A real PgBouncer (Debian's package, 1.18) in transaction pooling mode on a loopback port in front of the test
 * server, as an ISP puts it in front of its billing database. Run as {@code nobody} when the tests run as root
 * (PgBouncer refuses root). Tests skip, saying why, where the package is not installed ({@code .ci/run} installs it).
 */
public final class PgBouncer implements AutoCloseable {

    public static final Path BINARY = Path.of("/usr/sbin/pgbouncer");

    private final Process process;
    private final int port;
    private final Path log;

    private PgBouncer(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Skips the calling test with the reason unless PgBouncer can be run here. */
    public static void assumeInstalled() {
        assumeTrue(Files.isExecutable(BINARY), "skipped: the Debian package pgbouncer is not installed "
                + "(apt-get install pgbouncer; .ci/run installs it)");
    }

    /**
     * Starts PgBouncer with {@code pool_mode=transaction} and at most {@code serverConnections} server connections per
     * database and user, in front of the test server (its files in a directory of its own under the system's temporary
     * directory, which {@code nobody} can reach).
     */
    public static PgBouncer start(int serverConnections) throws IOException {
        return start(TestDatabase.port(), serverConnections);
    }

    /** The same in front of the PostgreSQL on loopback port {@code serverPort} (the benchmarks' server). */
    public static PgBouncer start(int serverPort, int serverConnections) throws IOException {
        return start(Files.createTempDirectory("hookdesk-pgbouncer"), serverPort, serverConnections);
    }

    /**
     * For a test class: one PgBouncer with {@code serverConnections} in front of the test server, started before its
     * tests and stopped after them ({@code @RegisterExtension static final}), its files removed.
     */
    public static Fixture perClass(int serverConnections) {
        return new Fixture(serverConnections);
    }

    /** {@link #perClass}: the test class's PgBouncer. */
    public static final class Fixture extends ScopedFixture {

        private final int serverConnections;
        private PgBouncer bouncer;

        private Fixture(int serverConnections) {
            super(true, "hookdesk-pgbouncer");
            this.serverConnections = serverConnections;
        }

        @Override
        protected void start(Path dir) throws IOException {
            bouncer = PgBouncer.start(dir, TestDatabase.port(), serverConnections);
        }

        @Override
        protected void stop() {
            if (bouncer != null) {
                bouncer.close();
                bouncer = null;
            }
        }

        /** The JDBC URL of {@code database} through this PgBouncer. */
        public String url(String database) {
            return bouncer.url(database);
        }

        /** What PgBouncer wrote (its log), for a failing test's message. */
        public String log() {
            return bouncer.log();
        }
    }

    private static PgBouncer start(Path dir, int serverPort, int serverConnections) throws IOException {
        assumeInstalled();
        int port = freePort();
        Path config = dir.resolve("pgbouncer.ini");
        Path users = dir.resolve("userlist.txt");
        Path log = dir.resolve("pgbouncer.log");
        Files.writeString(users, "\"postgres\" \"\"\n");
        Files.writeString(config, String.join("\n",
                "[databases]",
                "* = host=127.0.0.1 port=" + serverPort,
                "[pgbouncer]",
                "listen_addr = 127.0.0.1",
                "listen_port = " + port,
                "unix_socket_dir =",
                "auth_type = trust",
                "auth_file = " + users,
                "pool_mode = transaction",
                "default_pool_size = " + serverConnections,
                "max_client_conn = 500",
                // pgjdbc sends it at every connect; PgBouncer 1.18 refuses startup parameters it does not know
                "ignore_startup_parameters = extra_float_digits",
                "server_check_delay = 0",
                ""));
        for (Path p : List.of(dir, config, users)) {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(Files.isDirectory(p) ? "rwxr-xr-x" : "rw-r--r--"));
        }
        List<String> argv = new ArrayList<>();
        if ("root".equals(System.getProperty("user.name")) && Files.isExecutable(Path.of("/usr/bin/setpriv"))) {
            argv.addAll(List.of("/usr/bin/setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups"));
        }
        argv.addAll(List.of(BINARY.toString(), config.toString()));
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        PgBouncer bouncer = new PgBouncer(p, port, log);
        try {
            await("PgBouncer listens on " + port).atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(50))
                    .until(() -> {
                        if (!p.isAlive()) {
                            throw new IllegalStateException("PgBouncer ended: " + Files.readString(log));
                        }
                        try (Socket s = new Socket("127.0.0.1", port)) {
                            return true;
                        } catch (IOException e) {
                            return false;
                        }
                    });
        } catch (RuntimeException e) {
            bouncer.close();
            throw e;
        }
        return bouncer;
    }

    /** The JDBC URL of {@code database} through this PgBouncer. */
    public String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    public int port() {
        return port;
    }

    /** What PgBouncer wrote (its log), for a failing test's message. */
    public String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
