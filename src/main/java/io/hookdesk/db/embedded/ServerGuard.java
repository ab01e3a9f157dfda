package io.hookdesk.db.embedded;

import io.hookdesk.os.Executables;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Stops a home's server when its last user has gone, also when that user could not say so: killed, crashed, or
 * ended by its display going away (GTK ends the process without running Java's shutdown hooks). A small JVM of its
 * own, started by the process that starts the server, detached (its own session), which looks once a second, under
 * the home's start lock as every user does ({@link HomeLock}), whether any process still uses the server; when none
 * does it stops the server (SIGTERM, PostgreSQL's smart shutdown: no session is left to wait for) and exits. It exits
 * as well when the server it guards is no longer the one running.
 *
 * <p>Without a {@code java} next to the running JVM's (a runtime image stripped of its commands) there is no guard,
 * and a crash of the last user leaves the server to the next HookDesk start on the home, which stops it.
 */
public final class ServerGuard {

    private static final Logger LOG = LoggerFactory.getLogger(ServerGuard.class);

    private ServerGuard() {
    }

    /** Starts a guard for the server now running on {@code home} with postmaster {@code postmaster}; false if it cannot. */
    static boolean start(Path home, long postmaster) {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        if (!Files.isExecutable(java)) {
            LOG.info("no {}: the embedded server has no guard; after a crash it runs until the next start", java);
            return false;
        }
        List<String> command = new ArrayList<>();
        // util-linux setsid, so the guard is in a session of its own: a terminal's Ctrl+C or hang-up does not reach it.
        Executables.SETSID.map(Path::toString).ifPresent(command::add);
        command.addAll(List.of(java.toString(), "-Xmx16m", "-Xss256k", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Dorg.jooq.no-logo=true", "-cp", System.getProperty("java.class.path"),
                ServerGuard.class.getName(), home.toString(), Long.toString(postmaster)));
        try {
            Path log = home.resolve("logs").resolve("postgres.log");
            ProcessBuilder guard = new ProcessBuilder(command)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            ChildEnvironment.restrict(guard.environment());
            guard.start();
            return true;
        } catch (IOException e) {
            LOG.warn("could not start the embedded server's guard: {}", e.getMessage());
            return false;
        }
    }

    public static void main(String[] args) throws Exception {
        Path home = Path.of(args[0]);
        long postmaster = Long.parseLong(args[1]);
        if (!Files.exists(home.resolve(".server-start.lock")) || !Files.exists(home.resolve(".server-users.lock"))) {
            return; // the home is gone (a test's temporary home, deleted): nothing to guard, and nothing to re-create
        }
        HomeLock lock = HomeLock.of(home);
        // No binaries: the guard stops the server by signal, and zonky's unpacking would cost it memory and time.
        PostgresCluster watched = new PostgresCluster(home.resolve("pgdata"), home.resolve("logs").resolve("postgres.log"), () -> {
            throw new IllegalStateException("the guard runs no PostgreSQL tool");
        });
        while (true) {
            Thread.sleep(1_000);
            lock.beginChange();
            try {
                if (watched.postmasterPid() != postmaster) {
                    return;
                }
                if (lock.unused()) {
                    // A warning: the last HookDesk went without stopping the server (killed, crashed). The guard's
                    // stderr is appended to the server's log, where an administrator looks.
                    LOG.warn("no HookDesk uses {} any more; stopping its server", watched.data());
                    watched.stopBySignal();
                    return;
                }
            } finally {
                lock.endChange();
            }
        }
    }
}
