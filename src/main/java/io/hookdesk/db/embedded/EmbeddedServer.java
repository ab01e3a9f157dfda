package io.hookdesk.db.embedded;

import io.hookdesk.db.DatabaseUnavailableException;
import io.hookdesk.model.Failures;
import io.hookdesk.db.PrivatePaths;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;

/**
 * A real PostgreSQL whose data directory lives in HookDesk's home, so a CSR's workstation or a trial needs no server.
 *
 * <p><b>One server per home, shared.</b> {@link #open} starts the home's server if none runs, or joins the running
 * one: a desktop and any number of command-line runs on the same home use one postmaster. The server stops when the
 * last process using it closes its {@code EmbeddedServer}. Who uses it is known from OS file locks
 * ({@link HomeLock}), which the kernel drops when a process dies however it dies; a postmaster that runs while no live
 * process holds the home is an orphan of a crash, and only then is it stopped (and started afresh). After a crash of
 * the last user the server keeps running until the next HookDesk start on that home, which stops it.
 *
 * <p><b>Closed to everyone else.</b> The superuser has a random password kept in the home, readable by the owner only,
 * and the server admits nothing but password logins from this machine ({@link EmbeddedCredentials}). A home made by
 * an earlier HookDesk, which trusted every local login, is closed at its first start by this version.
 *
 * <p><b>Durable.</b> fsync and synchronous commit stay on: zonky's test defaults turn them off, which would lose
 * committed saves (and the record of hooks that already provisioned) on a power cut.
 *
 * <p>{@link #scratch} is the other kind: a throw-away server for tests and benchmarks, owned by one process, fsync off,
 * trusting local logins (the tests connect as many roles), never used for a home.
 */
public final class EmbeddedServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedServer.class);

    private final int port;
    private final String password;
    private final boolean created;
    private final AutoCloseable stopper;
    private boolean closed;

    private EmbeddedServer(int port, String password, boolean created, AutoCloseable stopper) {
        this.port = port;
        this.password = password;
        this.created = created;
        this.stopper = stopper;
    }

    /** Starts or joins the server of {@code home} (its data in {@code home/pgdata}), creating the cluster on first use. */
    public static EmbeddedServer open(Path home) {
        Path data = home.resolve("pgdata");
        HomeLock lock;
        try {
            if (Files.exists(home) && !Files.isDirectory(home)) {
                throw new IOException(home + " is not a directory");
            }
            lock = HomeLock.of(home);
        } catch (IOException | UncheckedIOException e) {
            throw unavailable(data, e);
        }
        lock.beginChange();
        try {
            PostgresCluster cluster = new PostgresCluster(data, home.resolve("logs").resolve("postgres.log"),
                    PostgresBinaries::verified);
            OptionalInt port = cluster.runningPort();
            if (lock.unused()) {
                if (port.isPresent()) {
                    LOG.warn("stopping orphaned PostgreSQL on {}: no HookDesk uses it any more", data);
                    cluster.stop();
                    port = OptionalInt.empty();
                }
                cluster.removeStalePidFile();
            }
            EmbeddedCredentials credentials = EmbeddedCredentials.of(home);
            boolean created = false;
            if (port.isEmpty()) {
                if (!cluster.exists()) {
                    cluster.create(credentials);
                    created = true;
                } else if (credentials.generated() || !EmbeddedCredentials.hbaIsOurs(data.resolve("pg_hba.conf"))) {
                    cluster.setPassword(credentials);
                }
                cluster.writeHba();
                port = OptionalInt.of(cluster.start(true));
                ServerGuard.start(home, cluster.postmasterPid());
            }
            lock.join();
            return new EmbeddedServer(port.getAsInt(), credentials.password(), created, () -> leave(lock, cluster));
        } catch (IOException | RuntimeException e) {
            throw unavailable(data, e);
        } finally {
            lock.endChange();
        }
    }

    private static void leave(HomeLock lock, PostgresCluster cluster) {
        lock.beginChange();
        try {
            lock.leave();
            if (lock.unused()) {
                cluster.stop();
                LOG.info("embedded PostgreSQL on {} stopped: its last user closed", cluster.data());
            }
        } finally {
            lock.endChange();
        }
    }

    private static DatabaseUnavailableException unavailable(Path data, Exception e) {
        return new DatabaseUnavailableException("The embedded PostgreSQL could not start in " + data + ": "
                + Failures.rootMessage(e) + ". Check that the directory is writable, "
                + "or point HookDesk at a PostgreSQL server with --db-url jdbc:postgresql://HOST:5432/DB --db-user USER "
                + "(password from HOOKDESK_DB_PASSWORD or ~/.pgpass).", e);
    }

    /**
     * A throw-away server on {@code dataDirectory} for tests and benchmarks: owned by this process, stopped on close,
     * fsync off (losing the last commits on a crash costs nothing there), and trusting local logins.
     */
    public static EmbeddedServer scratch(Path dataDirectory) {
        try {
            PrivatePaths.createDirectories(dataDirectory.toAbsolutePath().getParent());
            PostgresCluster cluster = new PostgresCluster(dataDirectory,
                    dataDirectory.resolveSibling(dataDirectory.getFileName() + ".log"), PostgresBinaries::verified);
            // The directory may still have the postmaster of a killed benchmark run on it.
            cluster.stopBySignal();
            cluster.removeStalePidFile();
            if (!cluster.exists()) {
                cluster.createTrusting();
            }
            int port = cluster.start(false);
            // Stopped with the JVM as well, as zonky's servers were: a test JVM that never closes it leaves no server.
            Thread atExit = new Thread(cluster::stop, "hookdesk-scratch-postgres-stop");
            Runtime.getRuntime().addShutdownHook(atExit);
            LOG.info("scratch PostgreSQL started on port {} with data in {}", port, dataDirectory);
            return new EmbeddedServer(port, null, false, () -> {
                cluster.stop();
                try {
                    Runtime.getRuntime().removeShutdownHook(atExit);
                } catch (IllegalStateException exiting) {
                    // closed by another shutdown hook: this one runs too and finds the server stopped
                }
            });
        } catch (IOException | RuntimeException e) {
            throw unavailable(dataDirectory, e);
        }
    }

    /** True when this open created the cluster. */
    public boolean created() {
        return created;
    }

    /** The URL of the {@code postgres} database as {@code postgres}; the password is not in it. */
    public String jdbcUrl() {
        return "jdbc:postgresql://" + (password == null ? "localhost" : "127.0.0.1") + ":" + port + "/postgres?user="
                + EmbeddedCredentials.USER;
    }

    public String user() {
        return EmbeddedCredentials.USER;
    }

    /** The superuser's password; null for a scratch server, which trusts local logins. Never log it. */
    public String password() {
        return password;
    }

    public int port() {
        return port;
    }

    /** Leaves the server: a home's server stops if no other process uses it; a scratch server stops. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            stopper.close();
        } catch (Exception e) {
            LOG.warn("embedded PostgreSQL did not stop cleanly: {}", e.getMessage());
        }
    }

    @Override
    public String toString() {
        return "EmbeddedServer[port " + port + (password == null ? ", trusts local logins" : ", password=********") + "]";
    }
}
