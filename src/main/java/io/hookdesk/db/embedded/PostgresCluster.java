package io.hookdesk.db.embedded;

import io.hookdesk.db.PrivatePaths;
import org.postgresql.core.Utils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * A home's PostgreSQL data directory and the server on it, driven with PostgreSQL's own tools: {@code initdb},
 * {@code pg_ctl start/stop} (the postmaster runs detached, so it outlives the process that started it and serves
 * every HookDesk on the home), and single-user {@code postgres} to set the password of a cluster made before
 * HookDesk had one. Callers hold the home's {@link HomeLock} change lock; this class does not lock.
 */
final class PostgresCluster {

    private static final Logger LOG = LoggerFactory.getLogger(PostgresCluster.class);
    private static final long TOOL_SECONDS = 120;

    private final Path data;
    private final Path log;
    private final Supplier<PostgresBinaries> checkBinaries;
    private PostgresBinaries binaries;

    /**
     * @param binaries checks and returns the binaries; asked once, when a tool first runs, so joining a running server
     *                 or stopping one by signal costs no check
     */
    PostgresCluster(Path data, Path log, Supplier<PostgresBinaries> binaries) {
        this.data = data;
        this.log = log;
        this.checkBinaries = binaries;
    }

    private synchronized PostgresBinaries binaries() {
        if (binaries == null) {
            binaries = checkBinaries.get();
        }
        return binaries;
    }

    Path data() {
        return data;
    }

    /** True when an initdb finished here (HookDesk's own initdb runs elsewhere and is moved here only when done). */
    boolean exists() {
        return Files.exists(data.resolve("PG_VERSION")) && Files.exists(data.resolve("global/pg_control"))
                && Files.exists(data.resolve("postgresql.conf"));
    }

    /** The port of the postmaster running on this directory, if one runs. */
    OptionalInt runningPort() {
        return postmaster().map(p -> OptionalInt.of(p.port)).orElse(OptionalInt.empty());
    }

    /** The running postmaster's pid, or -1. */
    long postmasterPid() {
        return postmaster().map(p -> p.process.pid()).orElse(-1L);
    }

    private record Postmaster(ProcessHandle process, int port) {
    }

    /** The one reading of {@code postmaster.pid}: its first line is the postmaster's pid, its fourth the port. */
    private Optional<Postmaster> postmaster() {
        Path pidFile = data.resolve("postmaster.pid");
        List<String> lines;
        try {
            lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return Optional.empty();
        }
        if (lines.size() < 4) {
            return Optional.empty();
        }
        try {
            Optional<ProcessHandle> process = ProcessHandle.of(Long.parseLong(lines.get(0).trim()))
                    .filter(ProcessHandle::isAlive)
                    .filter(p -> p.info().command().map(c -> c.contains("postgres")).orElse(true));
            int port = Integer.parseInt(lines.get(3).trim());
            return process.map(p -> new Postmaster(p, port));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Removes the pid file of a postmaster that no longer runs (what a power cut leaves). */
    void removeStalePidFile() throws IOException {
        if (postmaster().isEmpty() && Files.deleteIfExists(data.resolve("postmaster.pid"))) {
            LOG.info("removed the stale postmaster.pid of a server that no longer runs in {}", data);
        }
    }

    /**
     * Creates the cluster with {@code credentials} as the superuser's password. initdb works in a sibling directory
     * that is moved into place when it is done, so a start killed during initdb leaves no half-made cluster.
     */
    void create(EmbeddedCredentials credentials) throws IOException {
        // A name of its own: the initdb of a start killed earlier may still be writing into the previous one.
        removeEarlierAttempts();
        Path building = data.resolveSibling(data.getFileName() + ".new-" + ProcessHandle.current().pid() + "-" + System.nanoTime());
        run(binaries().command("initdb", "-D", building.toString(), "-U", EmbeddedCredentials.USER, "-E", "UTF-8",
                "--auth=scram-sha-256", "--pwfile=" + credentials.file(), "--no-instructions"), null);
        Files.writeString(building.resolve("pg_hba.conf"), EmbeddedCredentials.hba(), StandardCharsets.UTF_8);
        moveIntoPlace(building);
    }

    /** A cluster that trusts every local login, for a scratch server (tests, benchmarks); never a home's. */
    void createTrusting() throws IOException {
        removeEarlierAttempts();
        Path building = data.resolveSibling(data.getFileName() + ".new-" + ProcessHandle.current().pid() + "-" + System.nanoTime());
        run(binaries().command("initdb", "-D", building.toString(), "-U", EmbeddedCredentials.USER, "-E", "UTF-8",
                "--auth=trust", "--no-instructions"), null);
        moveIntoPlace(building);
    }

    private void moveIntoPlace(Path building) throws IOException {
        setAside(data);
        Files.move(building, data, StandardCopyOption.ATOMIC_MOVE);
        LOG.info("created the embedded PostgreSQL cluster in {}", data);
    }

    /**
     * Gives the superuser {@code credentials}' password, in single-user mode so that no server listens meanwhile:
     * how a cluster made when HookDesk trusted every local login is closed. The server must be stopped.
     */
    void setPassword(EmbeddedCredentials credentials) throws IOException {
        run(binaries().command("postgres", "--single", "-j", "-D", data.toString(), "-c", "password_encryption=scram-sha-256",
                "postgres"), setPasswordStatement(credentials.password()));
        LOG.info("the embedded PostgreSQL in {} now requires the password in {}", data, credentials.file());
    }

    /**
     * The statement single-user {@code postgres -j} reads: the password as a string literal quoted by pgjdbc (quotes
     * doubled; the server's standard_conforming_strings is on), ended by PostgreSQL's {@code -j} terminator, a
     * semicolon and an empty line, so no character of it can end the statement or start another.
     */
    static String setPasswordStatement(String password) {
        StringBuilder sql = new StringBuilder("ALTER ROLE " + EmbeddedCredentials.USER + " PASSWORD ");
        try {
            sql.append('\'');
            Utils.escapeLiteral(sql, password, true);
            sql.append('\'');
        } catch (SQLException e) {
            throw new IllegalArgumentException("the database password cannot be written as a literal: " + e.getMessage(), e);
        }
        return sql.append(";\n\n").toString();
    }

    /** Writes HookDesk's pg_hba.conf (before each start, so a hand-edited one cannot open the server). */
    void writeHba() throws IOException {
        Files.writeString(data.resolve("pg_hba.conf"), EmbeddedCredentials.hba(), StandardCharsets.UTF_8);
    }

    /** Starts the server on a free loopback port and waits until it accepts connections; returns the port. */
    int start(boolean durable) throws IOException {
        PrivatePaths.createDirectories(log.getParent());
        IOException last = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            int port = freePort();
            String sync = durable ? "on" : "off";
            // A home's server is reached as 127.0.0.1 (its pg_hba.conf names it); a scratch server as localhost, by
            // tests that open many pools at once.
            String options = String.join(" ", "-p", Integer.toString(port),
                    "-c", "listen_addresses=" + (durable ? "127.0.0.1" : "localhost"),
                    "-c", "unix_socket_directories=",
                    // A scratch server serves a whole test run, whose classes hold pools open side by side: 50 slots ran
                    // out late in the run (a status check then never saw the database again).
                    "-c", "max_connections=100",
                    "-c", "password_encryption=scram-sha-256",
                    "-c", "fsync=" + sync, "-c", "synchronous_commit=" + sync, "-c", "full_page_writes=" + sync);
            try {
                run(binaries().command("pg_ctl", "-D", data.toString(), "-l", log.toString(), "-w", "-t", "60",
                        "-o", options, "start"), null);
                LOG.info("embedded PostgreSQL started on port {} with data in {}", port, data);
                return port;
            } catch (IOException e) {
                // Most likely the port was taken between choosing and binding it; anything else fails again.
                last = e;
            }
        }
        throw last;
    }

    /** Stops the server (fast shutdown: sessions end, the data is checkpointed), killing it if it hangs. */
    void stop() {
        Optional<Postmaster> running = postmaster();
        if (running.isEmpty()) {
            return;
        }
        try {
            run(binaries().command("pg_ctl", "-D", data.toString(), "-m", "fast", "-w", "-t", "30", "stop"), null);
        } catch (IOException | RuntimeException e) {
            LOG.warn("pg_ctl stop failed ({}); killing the postmaster {}", e.getMessage(), running.get().process.pid());
            running.get().process.destroyForcibly();
            running.get().process.onExit().orTimeout(10, TimeUnit.SECONDS).exceptionally(t -> null).join();
        }
    }

    /** Stops the server with SIGTERM (smart shutdown: it waits for sessions, of which a guard sees none), killing it after 60 s. */
    void stopBySignal() {
        postmaster().ifPresent(p -> {
            p.process.destroy();
            try {
                p.process.onExit().get(60, TimeUnit.SECONDS);
            } catch (Exception e) {
                p.process.destroyForcibly();
            }
        });
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** Runs a PostgreSQL tool, its output appended to the server log; a non-zero exit is an IOException with the log's tail. */
    private void run(List<String> command, String input) throws IOException {
        PrivatePaths.createDirectories(log.getParent());
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        ChildEnvironment.restrict(builder.environment());
        Process p = builder.start();
        try (OutputStream in = p.getOutputStream()) {
            if (input != null) {
                in.write(input.getBytes(StandardCharsets.UTF_8));
            }
        }
        try {
            if (!p.waitFor(TOOL_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(command.get(command.size() - 1) + " did not finish in " + TOOL_SECONDS + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for " + String.join(" ", command), e);
        }
        if (p.exitValue() != 0) {
            throw new IOException(Path.of(command.get(command.contains("unshare") ? 2 : 0)).getFileName()
                    + " failed (exit " + p.exitValue() + "): " + tail(log));
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join(" | ", lines.subList(Math.max(0, lines.size() - 6), lines.size()));
        } catch (IOException | UncheckedIOException e) {
            return "see " + log;
        }
    }

    /**
     * What an earlier version left when it was killed during its initdb (it ran initdb in place). Never deleted:
     * a directory that is not a complete cluster may still be someone's data.
     */
    private static void setAside(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> entries = Files.list(dir)) {
            if (entries.findAny().isEmpty()) {
                Files.delete(dir);
                return;
            }
        }
        Path aside = dir.resolveSibling(dir.getFileName() + ".incomplete-" + System.currentTimeMillis());
        LOG.warn("{} is not a complete PostgreSQL cluster; moved to {} and creating a new one", dir, aside);
        Files.move(dir, aside);
    }

    /** Best effort: what initdb runs of killed starts left; whatever cannot be removed now goes next time. */
    private void removeEarlierAttempts() throws IOException {
        String prefix = data.getFileName() + ".new-";
        try (Stream<Path> siblings = Files.list(data.getParent())) {
            for (Path p : (Iterable<Path>) siblings.filter(p -> p.getFileName().toString().startsWith(prefix))::iterator) {
                try {
                    deleteTree(p);
                } catch (IOException | UncheckedIOException e) {
                    LOG.info("could not remove {} yet: {}", p, e.getMessage());
                }
            }
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        }
    }
}
