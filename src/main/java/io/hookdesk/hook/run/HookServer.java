package io.hookdesk.hook.run;

import io.hookdesk.model.HookCancellation;
import io.hookdesk.model.HookOutcome;
import io.hookdesk.model.HookStatus;
import io.hookdesk.model.HookedTable;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The far side of {@code account:} and {@code ssh://} ({@code hookdesk runhook --serve DIR}): runs {@code <table>_hook}
 * from its own directory only, for a client speaking {@link RunnerProtocol} on stdin and stdout. A table is one of the
 * ten names, never a path. Each hook is checked by a {@link HookLocator} on this host as this account (owner and mode of
 * the hook and of every directory above it) and started by a {@link HookRunner} in a session and process group of its
 * own, with the client's environment and timeout; a cancel from the client kills its group. When stdin ends (HookDesk
 * exited or was killed, the SSH connection dropped) every running hook's group is stopped before this returns.
 *
 * <p>With a state directory ({@code --state}), a client that says who it is ({@code client}: its HookDesk home and
 * database) gets a marker per run there, as HookDesk keeps for local hooks ({@link InFlightHooks}): a hook stopped
 * because the client's connection ended, and a hook that exited 0 whose commit the client had not yet confirmed
 * ({@code settled}), are told to that HookDesk's next connection ({@code abandoned}), which asks its database whether
 * the change committed.
 *
 * <p>Every run is logged through {@code log} with the calling account, the table, the record and how it ended: the
 * ISP's trail of who ran what, since whoever may start the runner may run any hook with an environment of their choosing.
 */
public final class HookServer {

    /** How long after stdin ends a hook gets between SIGTERM and SIGKILL: as the local runner at HookDesk's end. */
    private static final long STOP_GRACE_MS = 500;
    /** How long the runner waits, at its end, for its runs to record how their stopped hooks ended. */
    private static final long RUNS_END_MS = 10_000;

    private final HookLocator locator;
    private final String caller;
    private final Consumer<String> log;
    private final int outputCap;
    /** Where markers are kept for clients that say who they are; null: none are. */
    private final Path state;
    /** Markers once the client has said who it is ({@code client}, before its first run); none before. */
    private volatile InFlightHooks inFlight = new InFlightHooks(null);
    private volatile boolean introduced;
    /** Runs whose exit 0 the client has not yet confirmed committed (or not): their markers stay until {@code settled}. */
    private final Map<Long, PendingCommit> commits = new ConcurrentHashMap<>();
    /** One runner per timeout the clients ask for (in practice one): a runner's timeout is fixed. */
    private final Map<Long, HookRunner> runners = new ConcurrentHashMap<>();
    private final Map<Long, HookCancellation> running = new ConcurrentHashMap<>();
    /** Each run on a thread of its own, so runs of different hooks go on at once; a thread is kept a while for the next. */
    private final ExecutorService runThreads = Executors.newCachedThreadPool();

    /**
     * @param caller who is asking, as the log names them: the sudo user, or the name the SSH key's {@code command=} gives
     * @param log    a line per run, per refusal and at the end (syslog and the runner's own log)
     */
    public HookServer(Path directory, String caller, Consumer<String> log) {
        this(directory, null, caller, log);
    }

    /** @param state where markers of runs are kept for the clients' next connections, or null for none */
    public HookServer(Path directory, Path state, String caller, Consumer<String> log) {
        this(new HookLocator(directory), state, caller, log, HookRunner.DEFAULT_OUTPUT_CAP);
    }

    HookServer(HookLocator locator, Path state, String caller, Consumer<String> log, int outputCap) {
        this.state = state;
        this.locator = Objects.requireNonNull(locator, "locator");
        this.caller = Objects.requireNonNull(caller, "caller");
        this.log = Objects.requireNonNull(log, "log");
        this.outputCap = outputCap;
    }

    /** Serves until {@code in} ends, then stops every hook still running. Returns the number of runs served. */
    public int serve(InputStream in, OutputStream out) throws IOException {
        DataInputStream input = new DataInputStream(new BufferedInputStream(in));
        DataOutputStream output = new DataOutputStream(new BufferedOutputStream(out));
        int runs = 0;
        try {
            RunnerProtocol.write(output, hello());
            while (true) {
                Map<String, Object> request = RunnerProtocol.read(input);
                if (request == null) {
                    break;
                }
                String type = RunnerProtocol.string(request, "type");
                Long id = RunnerProtocol.number(request, "id");
                if ("status".equals(type)) {
                    Optional<HookedTable> table = HookedTable.bySqlName(String.valueOf(request.get("table")));
                    Map<String, Object> reply = table.map(t -> status(locator.locate(t)))
                            .orElseGet(() -> unknownTable(request));
                    reply.put("type", "status");
                    reply.put("id", id);
                    RunnerProtocol.write(output, reply);
                } else if ("run".equals(type)) {
                    runs++;
                    HookCancellation cancellation = new HookCancellation();
                    running.put(id, cancellation);
                    // Registered here, before the next frame is read: that may name this run's transaction.
                    PendingCommit commit = introduced ? new PendingCommit(() -> null) : null;
                    if (commit != null) {
                        commits.put(id, commit);
                    }
                    runThreads.execute(() -> {
                        Thread.currentThread().setName("runhook-" + id);
                        run(output, id, request, cancellation, commit);
                    });
                } else if ("cancel".equals(type)) {
                    HookCancellation cancellation = running.get(id);
                    if (cancellation != null) {
                        cancellation.cancel();
                    }
                } else if ("client".equals(type)) {
                    introduce(request, runs);
                } else if ("abandoned".equals(type)) {
                    RunnerProtocol.write(output, abandoned(id));
                } else if ("transaction".equals(type)) {
                    PendingCommit commit = commits.get(id);
                    if (commit != null) {
                        commit.learnLater(RunnerProtocol.string(request, "transaction"));
                    }
                } else if ("settled".equals(type)) {
                    PendingCommit commit = commits.remove(id);
                    if (commit != null) {
                        commit.close();
                    }
                } else {
                    log.accept("refused a request of unknown type '" + type + "' from " + caller);
                }
            }
        } catch (IOException e) {
            log.accept("connection from " + caller + " broken: " + e.getMessage());
        } finally {
            // The client is gone, however it went: nothing it started may go on provisioning on its own. Markers of the
            // runs it had not settled stay, for its next connection.
            if (introduced) {
                inFlight.stopAllForClient(STOP_GRACE_MS, line -> log.accept("client " + caller + " gone: " + line));
            } else {
                inFlight.stopAll(STOP_GRACE_MS, line -> log.accept("client " + caller + " gone: " + line));
            }
            // The process exits once this returns: each run first records how its hook ended (its marker), the hooks
            // being stopped above.
            runThreads.shutdown();
            try {
                if (!runThreads.awaitTermination(RUNS_END_MS, TimeUnit.MILLISECONDS)) {
                    log.accept("runs of " + caller + " had not ended " + RUNS_END_MS / 1000 + " s after their hooks were "
                            + "stopped; ending without them");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            runners.values().forEach(HookRunner::close);
        }
        return runs;
    }

    private Map<String, Object> hello() {
        Map<String, Object> hooks = new LinkedHashMap<>();
        for (HookedTable t : HookedTable.values()) {
            hooks.put(t.sqlName(), status(locator.locate(t)));
        }
        Map<String, Object> hello = new LinkedHashMap<>();
        hello.put("type", "hello");
        hello.put("protocol", RunnerProtocol.PROTOCOL);
        hello.put("version", RunnerProtocol.version());
        hello.put("account", ProcessHandle.current().info().user().orElse(System.getProperty("user.name")));
        hello.put("host", hostName());
        hello.put("directory", locator.directory().toString());
        hello.put("directory_problem", locator.directoryProblem());
        hello.put("hooks", hooks);
        return hello;
    }

    /** The client says who it is (its HookDesk home) and where its saves go: from now on its runs leave markers. */
    private void introduce(Map<String, Object> request, int runs) {
        String client = RunnerProtocol.string(request, "client");
        if (state == null || client == null || runs > 0 || introduced) {
            log.accept("keeping no markers for " + caller + (state == null ? ": this runner has no state directory (--state)"
                    : ": the client did not say who it is before its first run"));
            return;
        }
        inFlight = new InFlightHooks(state, RunnerProtocol.string(request, "database"), client);
        introduced = true;
    }

    /** The runs of this client that ended after their connection did, each either a line or an exit 0 to check. */
    private Map<String, Object> abandoned(Long id) {
        Map<String, Object> lines = new LinkedHashMap<>();
        Map<String, Object> provisioned = new LinkedHashMap<>();
        if (introduced) {
            inFlight.reportAbandoned(inFlight.client(), line -> {
                lines.put(Integer.toString(lines.size()), line);
                log.accept("told " + caller + ": " + line);
            }, marker -> {
                Map<String, Object> m = new LinkedHashMap<>();
                marker.stringPropertyNames().forEach(k -> m.put(k, marker.getProperty(k)));
                provisioned.put(Integer.toString(provisioned.size()), m);
                log.accept("told " + caller + " of " + marker.getProperty("hook") + ", which exited 0 before its commit was "
                        + "confirmed");
            });
        }
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("type", "abandoned");
        reply.put("id", id);
        reply.put("lines", lines);
        reply.put("provisioned", provisioned);
        return reply;
    }

    private void run(DataOutputStream output, Long id, Map<String, Object> request, HookCancellation cancellation,
                     PendingCommit commit) {
        HookOutcome outcome;
        String tableName = RunnerProtocol.string(request, "table");
        Map<String, String> env = new LinkedHashMap<>();
        RunnerProtocol.object(request, "env").forEach((k, v) -> env.put(k, v == null ? "" : v.toString()));
        try {
            Optional<HookedTable> table = HookedTable.bySqlName(String.valueOf(tableName));
            Long timeoutMs = RunnerProtocol.number(request, "timeout_ms");
            if (table.isEmpty() || !table.get().sqlName().equals(tableName)) {
                outcome = notRun("could not start: '" + tableName + "' is not one of the tables that have hooks");
            } else if (timeoutMs == null || timeoutMs <= 0) {
                outcome = notRun("could not start: the request gave no timeout");
            } else {
                HookStatus status = locator.locate(table.get());
                if (!status.ready()) {
                    outcome = notRun("could not start: " + status.message());
                } else {
                    HookRunner runner = runners.computeIfAbsent(timeoutMs,
                            ms -> new HookRunner(Duration.ofMillis(ms), outputCap, inFlight));
                    outcome = runner.run(status.verified(), env, status.verified().getParent(), cancellation, commit);
                }
            }
        } catch (RuntimeException e) {
            outcome = notRun("could not start: the runner failed: " + e);
        } finally {
            running.remove(id);
        }
        if (commit != null && !outcome.succeeded()) {
            // Nothing to commit, so nothing for the client to settle.
            commits.remove(id);
            commit.close();
        }
        try {
            RunnerProtocol.write(output, result(id, outcome));
        } catch (IOException e) {
            log.accept("could not send the result of " + tableName + "_hook to " + caller + ": " + e.getMessage());
        }
        String number = env.getOrDefault("NEW_number", env.getOrDefault("OLD_number", "?"));
        log.accept(caller + " ran " + tableName + "_hook for " + tableName + " " + number + " (HOOK_CSR "
                + env.getOrDefault("HOOK_CSR", "?") + "): " + outcome.reason() + ", " + outcome.duration().toMillis() + " ms");
    }

    private static HookOutcome notRun(String reason) {
        return new HookOutcome(HookOutcome.Kind.START_FAILED, null, null, Duration.ZERO, "", "", reason);
    }

    static Map<String, Object> result(Long id, HookOutcome o) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "result");
        m.put("id", id);
        m.put("kind", o.kind().name());
        m.put("exit", o.exitCode());
        m.put("signal", o.signal());
        m.put("duration_ns", o.duration().toNanos());
        m.put("stdout", o.stdout());
        m.put("stderr", o.stderr());
        m.put("reason", o.reason());
        return m;
    }

    private static Map<String, Object> status(HookStatus s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("state", s.state().name());
        m.put("path", s.path().toString());
        m.put("message", s.message());
        return m;
    }

    private Map<String, Object> unknownTable(Map<String, Object> request) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("state", HookStatus.State.NOT_A_FILE.name());
        m.put("path", locator.directory().toString());
        m.put("message", "'" + request.get("table") + "' is not one of the tables that have hooks");
        return m;
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown host";
        }
    }
}
