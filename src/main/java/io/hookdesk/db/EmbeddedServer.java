package io.hookdesk.db;

import io.hookdesk.model.Failures;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A real PostgreSQL whose data directory lives in HookDesk's home, so a CSR's workstation or a trial needs no server.
 * Unlike a test database it keeps its data and is durable: zonky's defaults turn fsync and synchronous commit off,
 * which would lose committed saves (and the record of hooks that already provisioned) on a power cut.
 */
public final class EmbeddedServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedServer.class);

    private final EmbeddedPostgres postgres;
    private final boolean created;

    private EmbeddedServer(EmbeddedPostgres postgres, boolean created) {
        this.postgres = postgres;
        this.created = created;
    }

    /** Starts a durable server on {@code dataDirectory}, creating the cluster on first use. */
    public static EmbeddedServer start(Path dataDirectory) {
        return start(dataDirectory, true);
    }

    /**
     * Starts the server; {@code durable = false} is only for throw-away databases (tests, benchmarks' scratch data),
     * where losing the last commits on a crash costs nothing and fsync would only slow the suite down.
     */
    public static EmbeddedServer start(Path dataDirectory, boolean durable) {
        String sync = durable ? "on" : "off";
        boolean created = !Files.exists(dataDirectory.resolve("PG_VERSION"));
        try {
            Files.createDirectories(dataDirectory);
            stopOrphan(dataDirectory);
            EmbeddedPostgres pg = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    .setServerConfig("fsync", sync)
                    .setServerConfig("synchronous_commit", sync)
                    .setServerConfig("full_page_writes", sync)
                    .setServerConfig("listen_addresses", "localhost")
                    .setServerConfig("max_connections", "50")
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .start();
            LOG.info("embedded PostgreSQL started on port {} with data in {}", pg.getPort(), dataDirectory);
            return new EmbeddedServer(pg, created);
        } catch (IOException | RuntimeException e) {
            throw new DatabaseUnavailableException("The embedded PostgreSQL could not start in " + dataDirectory + ": "
                    + Failures.rootMessage(e) + ". Check that the directory is writable and not used by another HookDesk, "
                    + "or point HookDesk at a PostgreSQL server with --db-url jdbc:postgresql://HOST:5432/DB --db-user USER "
                    + "(password from HOOKDESK_DB_PASSWORD or ~/.pgpass).", e);
        }
    }

    /**
     * After a crash the old postmaster may still run on this data directory (it outlives the JVM).
     * PostgreSQL refuses to start a second one, so stop the orphan first; a stale pid file of a dead process
     * is left for PostgreSQL itself, which replaces it.
     */
    static void stopOrphan(Path dataDirectory) throws IOException {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
        Optional<ProcessHandle> orphan = lines.isEmpty() ? Optional.empty() : parsePid(lines.get(0)).flatMap(ProcessHandle::of);
        if (orphan.isEmpty() || !orphan.get().isAlive() || !isPostgres(orphan.get())) {
            LOG.info("removing stale {} of a postmaster that is no longer running", pidFile);
            Files.deleteIfExists(pidFile);
            return;
        }
        ProcessHandle p = orphan.get();
        LOG.warn("stopping orphaned PostgreSQL (pid {}) left on {} by an earlier HookDesk", p.pid(), dataDirectory);
        // SIGTERM is PostgreSQL's "smart" shutdown: it finishes and checkpoints; only if it hangs do we kill it.
        p.destroy();
        try {
            p.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            p.destroyForcibly();
        }
        Files.deleteIfExists(pidFile);
    }

    private static boolean isPostgres(ProcessHandle p) {
        return p.info().command().map(c -> c.contains("postgres")).orElse(true);
    }

    private static Optional<Long> parsePid(String line) {
        try {
            return Optional.of(Long.parseLong(line.trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }


    /** True when this start created the cluster (a first run: migrate and seed demo data). */
    public boolean created() {
        return created;
    }

    public String jdbcUrl() {
        return postgres.getJdbcUrl("postgres", "postgres");
    }

    public int port() {
        return postgres.getPort();
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            LOG.warn("embedded PostgreSQL did not stop cleanly: {}", e.getMessage());
        }
    }
}
