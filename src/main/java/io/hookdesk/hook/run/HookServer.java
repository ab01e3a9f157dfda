package io.hookdesk.hook.run;

import io.hookdesk.hook.HookOutcome;
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
import java.util.function.Consumer;

/**
 * The far side of {@code account:} and {@code ssh://} ({@code hookdesk runhook --serve DIR}): runs {@code <table>_hook}
 * from its own directory only, for a client speaking {@link RunnerProtocol} on stdin and stdout. A table is one of the
 * ten names, never a path. Each hook is checked by a {@link HookLocator} on this host as this account (owner and mode of
 * the hook and of every directory above it) and started by a {@link HookRunner} in a session and process group of its
 * own, with the client's environment and timeout; a cancel from the client kills its group. When stdin ends (HookDesk
 * exited or was killed, the SSH connection dropped) every running hook's group is stopped before this returns.
 *
 * <p>Every run is logged through {@code log} with the calling account, the table, the record and how it ended: the
 * ISP's trail of who ran what, since whoever may start the runner may run any hook with an environment of their choosing.
 */
public final class HookServer {

    /** How long after stdin ends a hook gets between SIGTERM and SIGKILL: as the local runner at HookDesk's end. */
    private static final long STOP_GRACE_MS = 500;

    private final HookLocator locator;
    private final String caller;
    private final Consumer<String> log;
    private final int outputCap;
    private final InFlightHooks inFlight = new InFlightHooks(null);
    /** One runner per timeout the clients ask for (in practice one): a runner's timeout is fixed. */
    private final Map<Long, HookRunner> runners = new ConcurrentHashMap<>();
    private final Map<Long, HookCancellation> running = new ConcurrentHashMap<>();

    /**
     * @param caller who is asking, as the log names them: the sudo user, or the name the SSH key's {@code command=} gives
     * @param log    a line per run, per refusal and at the end (syslog and the runner's own log)
     */
    public HookServer(Path directory, String caller, Consumer<String> log) {
        this(new HookLocator(directory), caller, log, HookRunner.DEFAULT_OUTPUT_CAP);
    }

    HookServer(HookLocator locator, String caller, Consumer<String> log, int outputCap) {
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
                    Thread run = new Thread(() -> run(output, id, request, cancellation), "runhook-" + id);
                    run.start();
                } else if ("cancel".equals(type)) {
                    HookCancellation cancellation = running.get(id);
                    if (cancellation != null) {
                        cancellation.cancel();
                    }
                } else {
                    log.accept("refused a request of unknown type '" + type + "' from " + caller);
                }
            }
        } catch (IOException e) {
            log.accept("connection from " + caller + " broken: " + e.getMessage());
        } finally {
            // The client is gone, however it went: nothing it started may go on provisioning on its own.
            inFlight.stopAll(STOP_GRACE_MS, line -> log.accept("client " + caller + " gone: " + line));
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

    private void run(DataOutputStream output, Long id, Map<String, Object> request, HookCancellation cancellation) {
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
                    outcome = runner.run(status.verified(), env, status.verified().getParent(), cancellation);
                }
            }
        } catch (RuntimeException e) {
            outcome = notRun("could not start: the runner failed: " + e);
        } finally {
            running.remove(id);
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
