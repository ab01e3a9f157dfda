package io.hookdesk.hook.run;

import io.hookdesk.model.HookCancellation;
import io.hookdesk.model.HookOutcome;
import io.hookdesk.model.HookStatus;
import io.hookdesk.model.HookedTable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Hooks that run elsewhere, through HookDesk's own runner ({@code hookdesk runhook --serve DIR}, {@link HookServer})
 * started once per HookDesk process and kept: {@code account:NAME} starts it with {@code sudo -n -u NAME}, so hooks
 * run on this workstation as the hook account, from a directory the CSR cannot read. The client builds the environment
 * as for a local hook; the runner checks and starts the hook, and kills its group at timeout, at Cancel, and when this
 * process's end closes its stdin.
 *
 * <p>A runner that cannot be started, answers in another version, or is lost is a {@link #hostProblem}: every save to a
 * hooked table is refused, as with a missing hooks directory. The next look starts it again. A connection lost while a
 * hook runs ends that run as TIMED_OUT with its result unknown: the hook may have acted on the far side.
 */
public final class RemoteHookHost implements HookHost {

    private static final Logger LOG = LoggerFactory.getLogger(RemoteHookHost.class);

    /** How long the runner may take to start and say hello, and to answer a status question. */
    private static final long ANSWER_MS = 30_000;
    /** How long past the timeout a run is waited for: the runner's own clean-up (SIGTERM, 2 s, SIGKILL) comes first. */
    private static final long BEYOND_TIMEOUT_MS = 10_000;
    private static final long CANCEL_POLL_MS = 50;
    private static final int STDERR_TAIL = 4096;

    private final String where;
    private final String directory;
    private final List<String> command;
    private final Duration timeout;
    /** For {@code ssh://}: the host and port (0: ssh's own), whose offered key a refusal names; null otherwise. */
    private final String sshHost;
    private final int sshPort;
    private final AtomicLong ids = new AtomicLong();
    private Connection connection;
    private String problem;
    /** Who this HookDesk is and where abandoned runs are told ({@link #reportAbandoned}); null: not asked for. */
    private volatile Reporting reporting;

    private record Reporting(String client, String database, Consumer<String> log,
                             InFlightHooks.Transactions transactions) {
    }

    /**
     * @param where     how people are told where hooks run ({@code account:hookdesk-hooks})
     * @param directory the hooks directory on the runner's side
     * @param command   starts the runner, speaking {@link RunnerProtocol} on its stdin and stdout
     */
    public RemoteHookHost(String where, String directory, List<String> command, Duration timeout) {
        this(where, directory, command, timeout, null, 0);
    }

    /** The same for a runner reached over SSH at {@code host}: a refused host key is reported with the key's fingerprint. */
    public RemoteHookHost(String where, String directory, List<String> command, Duration timeout, String host, int port) {
        this.sshHost = host;
        this.sshPort = port;
        this.where = Objects.requireNonNull(where, "where");
        this.directory = Objects.requireNonNull(directory, "directory");
        this.command = List.copyOf(command);
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    /** {@code account:NAME}: {@code sudo -n -u NAME RUNNER runhook --serve DIR} (sudo's drop-in names that exact command). */
    public static RemoteHookHost account(String account, String runner, Path directory, Duration timeout) {
        return new RemoteHookHost("account:" + account, directory.toString(),
                List.of("sudo", "-n", "-u", account, runner, "runhook", "--serve", directory.toString()), timeout);
    }

    /**
     * {@code ssh://[USER@]HOST[:PORT]/PATH} through the system's OpenSSH client, one connection per HookDesk process and
     * one long-lived channel speaking the frames: no handshake per run. {@code BatchMode} (agent or key, never a prompt)
     * and {@code StrictHostKeyChecking=yes}: a host not in {@code ~/.ssh/known_hosts}, or with a changed key, is refused
     * with ssh's own message and fingerprint. The host's {@code authorized_keys} should force the command
     * ({@code restrict,command="..."}); the command sent here is what runs when it does not.
     */
    public static RemoteHookHost ssh(String where, String user, String host, int port, String runner, Path directory,
                                     Duration timeout) {
        List<String> command = new ArrayList<>(List.of("ssh", "-T", "-o", "BatchMode=yes",
                "-o", "StrictHostKeyChecking=yes", "-o", "ServerAliveInterval=15", "-o", "ServerAliveCountMax=3"));
        if (port > 0) {
            command.addAll(List.of("-p", Integer.toString(port)));
        }
        if (user != null) {
            command.addAll(List.of("-l", user));
        }
        // The remote side's shell reads the command: each word quoted for it.
        command.addAll(List.of("--", host, quote(runner) + " runhook --serve " + quote(directory.toString())));
        return new RemoteHookHost(where, directory.toString(), command, timeout, host, port);
    }

    /**
     * ssh refuses a host it does not know without saying its key's fingerprint; the person deciding whether to trust it
     * needs it. The keys the host offers, as {@code ssh-keygen -l} prints them, or a sentence saying why they are not known.
     */
    static String offeredKeys(String host, int port) {
        try {
            Process scan = new ProcessBuilder("ssh-keyscan", "-T", "10", "-p", Integer.toString(port > 0 ? port : 22), host)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            byte[] keys = scan.getInputStream().readAllBytes();
            scan.waitFor(15, TimeUnit.SECONDS);
            Process print = new ProcessBuilder("ssh-keygen", "-l", "-f", "-").redirectErrorStream(true).start();
            try (var in = print.getOutputStream()) {
                in.write(keys);
            }
            String fingerprints = new String(print.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            print.waitFor(15, TimeUnit.SECONDS);
            return fingerprints.isEmpty() || !fingerprints.contains("SHA256:") ? "its keys could not be read"
                    : "it offers " + String.join("; ", fingerprints.lines().toList());
        } catch (IOException e) {
            return "its keys could not be read: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "its keys could not be read";
        }
    }

    private static String quote(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }

    /** The command that starts the runner (for {@code db check} and the docs' sudoers line). */
    public List<String> command() {
        return command;
    }

    @Override
    public String where() {
        return where;
    }

    @Override
    public String directory() {
        return directory;
    }

    @Override
    public Duration timeout() {
        return timeout;
    }

    /** The runner's hello: version, account, host, and each table's hook as it stood at connect; empty if not connected. */
    public synchronized Map<String, Object> hello() {
        return connection == null ? Map.of() : connection.hello;
    }

    @Override
    public String hostProblem() {
        Connection c = connected();
        if (c == null) {
            return problem;
        }
        return RunnerProtocol.string(c.hello, "directory_problem");
    }

    @Override
    public HookStatus locate(HookedTable table) {
        return locateSoon(table).get();
    }

    /** The status request goes now; its answer is awaited, once, when the supplier is first called. */
    @Override
    public Supplier<HookStatus> locateSoon(HookedTable table) {
        Path hook = Path.of(directory).resolve(table.hookName());
        Connection c = connected();
        if (c == null) {
            HookStatus none = refusing(hook, problem);
            return () -> none;
        }
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("type", "status");
        request.put("table", table.sqlName());
        CompletableFuture<Map<String, Object>> asked;
        try {
            asked = c.ask(request);
        } catch (IOException | RuntimeException e) {
            HookStatus lost = refusing(hook, lost(c, e));
            return () -> lost;
        }
        CompletableFuture<HookStatus> status = new CompletableFuture<>();
        return () -> {
            if (!status.isDone()) {
                status.complete(answered(table, hook, c, asked));
            }
            return status.join();
        };
    }

    private HookStatus answered(HookedTable table, Path hook, Connection c, CompletableFuture<Map<String, Object>> asked) {
        try {
            Map<String, Object> answer = asked.get(ANSWER_MS, TimeUnit.MILLISECONDS);
            HookStatus.State state = HookStatus.State.valueOf(RunnerProtocol.string(answer, "state"));
            Path path = Path.of(RunnerProtocol.string(answer, "path"));
            String message = RunnerProtocol.string(answer, "message");
            if (state == HookStatus.State.DIRECTORY_UNUSABLE) {
                message = message + " (on " + where + ")";
            }
            return new HookStatus(state, path, message, state == HookStatus.State.READY ? path : null, where);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return refusing(hook, "interrupted while asking the hook runner (" + where + ") about " + table.hookName());
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            return refusing(hook, lost(c, e));
        }
    }

    /** No hook can run because of {@code why}: saves to the table are refused, as for an unusable hooks directory. */
    private HookStatus refusing(Path hook, String why) {
        return new HookStatus(HookStatus.State.DIRECTORY_UNUSABLE, hook, "Refusing to save: " + why + ".", null, where);
    }

    /**
     * {@code earlier} when it was ready: the runner checks the hook again, on its side, as it starts it (HookServer),
     * and one that is no longer fit ends START_FAILED there, the save rolling back; asking here too cost a round trip
     * per save (about half the margin {@code ssh://} had on its benchmark target). Not ready: asked again.
     */
    @Override
    public HookStatus beforeStart(HookedTable table, HookStatus earlier) {
        return earlier != null && earlier.ready() ? earlier : locate(table);
    }

    @Override
    public HookOutcome run(HookedTable table, HookStatus ready, Map<String, String> environment,
                           HookCancellation cancellation, PendingCommit commit) {
        long started = System.nanoTime();
        HookCancellation cancel = cancellation == null ? HookCancellation.none() : cancellation;
        if (cancel.isCancelled()) {
            return outcome(started, HookOutcome.Kind.CANCELLED, "cancelled by the user");
        }
        Connection c = connected();
        if (c == null) {
            return outcome(started, HookOutcome.Kind.START_FAILED, "could not start: " + problem);
        }
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("type", "run");
        request.put("table", table.sqlName());
        request.put("timeout_ms", timeout.toMillis());
        request.put("env", new LinkedHashMap<>(environment));
        CompletableFuture<Map<String, Object>> answer;
        long id;
        try {
            id = ids.incrementAndGet();
            answer = c.send(id, request);
        } catch (IOException e) {
            return outcome(started, HookOutcome.Kind.START_FAILED, "could not start: " + lost(c, e));
        }
        if (commit != null && c.introduced) {
            // The runner keeps the hook's exit 0 on record until the commit is over; named while the hook runs.
            commit.onClose(() -> c.tell(frame("settled", id)));
            commit.learnTransaction();
            if (commit.transactionId() != null) {
                Map<String, Object> named = frame("transaction", id);
                named.put("transaction", commit.transactionId());
                c.tell(named);
            }
        }
        cancel.started();
        long deadline = started + timeout.toNanos() + TimeUnit.MILLISECONDS.toNanos(BEYOND_TIMEOUT_MS);
        boolean cancelSent = false;
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return result(answer.get(CANCEL_POLL_MS, TimeUnit.MILLISECONDS), started);
                } catch (TimeoutException notYet) {
                    if (System.nanoTime() > deadline) {
                        c.cancel(id);
                        String why = lost(c, new IOException("no answer from the runner " + BEYOND_TIMEOUT_MS / 1000
                                + " s past the hook's timeout"));
                        return unknown(started, why);
                    }
                    if (!cancelSent && (cancel.isCancelled() || interrupted)) {
                        // The runner kills the group and answers CANCELLED, or the exit that came first.
                        c.cancel(id);
                        cancelSent = true;
                    }
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } catch (ExecutionException e) {
            return unknown(started, lost(c, e));
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The state a timeout leaves: rolled back here, while the hook may have acted there. */
    private HookOutcome unknown(long started, String why) {
        return outcome(started, HookOutcome.Kind.TIMED_OUT, "result unknown: " + why + "; the hook may have acted on "
                + where + " before it was stopped: check the provisioned system before saving again");
    }

    private static HookOutcome outcome(long started, HookOutcome.Kind kind, String reason) {
        return new HookOutcome(kind, null, null, Duration.ofNanos(System.nanoTime() - started), "", "", reason);
    }

    private HookOutcome result(Map<String, Object> m, long started) {
        Long exit = RunnerProtocol.number(m, "exit");
        Long signal = RunnerProtocol.number(m, "signal");
        Long ns = RunnerProtocol.number(m, "duration_ns");
        String stdout = RunnerProtocol.string(m, "stdout");
        String stderr = RunnerProtocol.string(m, "stderr");
        return new HookOutcome(HookOutcome.Kind.valueOf(RunnerProtocol.string(m, "kind")),
                exit == null ? null : exit.intValue(), signal == null ? null : signal.intValue(),
                Duration.ofNanos(ns == null ? System.nanoTime() - started : ns),
                stdout == null ? "" : stdout, stderr == null ? "" : stderr,
                RunnerProtocol.string(m, "reason") + " (on " + where + ")");
    }

    private static Map<String, Object> frame(String type, long id) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", type);
        m.put("id", id);
        return m;
    }

    @Override
    public void reportAbandoned(String client, String database, Consumer<String> log,
                                InFlightHooks.Transactions transactions) {
        // Told at the first use of the runner, not now: a command that runs no hook opens no connection for it.
        reporting = new Reporting(Objects.requireNonNull(client, "client"), database, Objects.requireNonNull(log, "log"),
                Objects.requireNonNull(transactions, "transactions"));
    }

    /**
     * Tells the runner who this HookDesk is, and hands {@link #reporting}'s log what it says of this HookDesk's runs
     * that ended after their connection did. Never fails the connection: the runner's own log has the same.
     */
    private void introduce(Connection c) {
        Reporting r = reporting;
        c.introduced = true;
        try {
            Map<String, Object> hello = new LinkedHashMap<>();
            hello.put("type", "client");
            hello.put("client", r.client());
            hello.put("database", r.database());
            c.tell(hello);
            Map<String, Object> ask = new LinkedHashMap<>();
            ask.put("type", "abandoned");
            Map<String, Object> answer = c.ask(ask).get(ANSWER_MS, TimeUnit.MILLISECONDS);
            String on = " (hook runner " + where + ")";
            RunnerProtocol.object(answer, "lines").values().forEach(line -> r.log().accept(line + on));
            for (Object marker : RunnerProtocol.object(answer, "provisioned").values()) {
                java.util.Properties p = new java.util.Properties();
                if (marker instanceof Map<?, ?> m) {
                    m.forEach((k, v) -> p.setProperty(String.valueOf(k), String.valueOf(v)));
                }
                r.log().accept(InFlightHooks.provisionedLine(p, r.database(), r.transactions()) + on);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | ExecutionException | TimeoutException | RuntimeException e) {
            LOG.warn("could not ask the hook runner ({}) about runs that ended after their connection did: {}", where,
                    e.toString());
        }
    }

    @Override
    public void stopRunning(Consumer<String> log) {
        Connection c;
        synchronized (this) {
            c = connection;
        }
        if (c != null) {
            for (Long id : List.copyOf(c.pending.keySet())) {
                c.cancel(id);
                log.accept("stopped a hook running on " + where + ": HookDesk was closing");
            }
        }
    }

    @Override
    public synchronized void close() {
        if (connection != null) {
            connection.close();
            connection = null;
        }
    }

    /** The live connection, started now if there is none or it was lost; null with {@link #problem} saying why. */
    private synchronized Connection connected() {
        if (connection != null && connection.alive()) {
            if (reporting != null && !connection.introduced) {
                introduce(connection);
            }
            return connection;
        }
        if (connection != null) {
            problem = connection.why();
            connection.close();
            connection = null;
        }
        try {
            connection = Connection.start(command, where, sshHost == null ? null : () -> offeredKeys(sshHost, sshPort));
            problem = null;
            if (reporting != null) {
                introduce(connection);
            }
        } catch (IOException e) {
            problem = e.getMessage();
            LOG.warn("hooks cannot run on {}: {}", where, problem);
        }
        return connection;
    }

    /** Why {@code c} failed: the connection is dropped, so the next look starts the runner again. */
    private String lost(Connection c, Exception e) {
        Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
        String why = "the connection to the hook runner (" + where + ") was lost: " + cause.getMessage();
        synchronized (this) {
            if (connection == c) {
                c.close();
                connection = null;
                problem = why;
            }
        }
        return why;
    }

    /** One started runner: its stdin for requests, a thread reading its answers, and the tail of its stderr. */
    private static final class Connection {
        final Process process;
        final DataOutputStream out;
        final Map<Long, CompletableFuture<Map<String, Object>>> pending = new ConcurrentHashMap<>();
        final StringBuilder stderr = new StringBuilder();
        volatile Map<String, Object> hello = Map.of();
        volatile String failure;
        /** Told who this HookDesk is ({@link #introduce}): its runs leave markers with the runner. */
        volatile boolean introduced;
        /** Reads the runner's stderr into {@link #stderr} until it ends. */
        private Thread errors;

        private Connection(Process process) {
            this.process = process;
            this.out = new DataOutputStream(new BufferedOutputStream(process.getOutputStream()));
        }

        /** @param host for ssh: the fingerprints of the keys the host offers, asked only when ssh refused its key */
        static Connection start(List<String> command, String where, Supplier<String> host) throws IOException {
            Process process;
            try {
                process = new ProcessBuilder(command).start();
            } catch (IOException e) {
                throw new IOException("the hook runner for " + where + " could not be started (" + String.join(" ", command)
                        + "): " + e.getMessage());
            }
            Connection c = new Connection(process);
            CompletableFuture<Map<String, Object>> hello = new CompletableFuture<>();
            c.errors = new Thread(() -> c.drainStderr(process.getErrorStream()), "hook-runner-stderr");
            c.errors.setDaemon(true);
            c.errors.start();
            Thread reader = new Thread(() -> c.read(hello), "hook-runner-reader");
            reader.setDaemon(true);
            reader.start();
            try {
                c.hello = hello.get(ANSWER_MS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                c.close();
                throw new IOException("interrupted while starting the hook runner for " + where);
            } catch (ExecutionException | TimeoutException e) {
                c.close();
                throw new IOException(c.startProblem(command, where, host, e instanceof TimeoutException
                        ? "it did not answer within " + ANSWER_MS / 1000 + " s" : e.getCause().getMessage()));
            }
            Long protocol = RunnerProtocol.number(c.hello, "protocol");
            String version = RunnerProtocol.string(c.hello, "version");
            if (protocol == null || protocol != RunnerProtocol.PROTOCOL || !RunnerProtocol.version().equals(version)) {
                c.close();
                throw new IOException("the hook runner for " + where + " is HookDesk " + version + " (protocol "
                        + protocol + "), this is HookDesk " + RunnerProtocol.version() + " (protocol "
                        + RunnerProtocol.PROTOCOL + "): install HookDesk " + RunnerProtocol.version() + " where the runner is");
            }
            return c;
        }

        /** What people are told when the runner did not say hello: sudo's refusal is the usual one. */
        private String startProblem(List<String> command, String where, Supplier<String> host, String detail) {
            try {
                if (process.waitFor(2, TimeUnit.SECONDS)) {
                    // Its last words (ssh's "not found" after its banner) may still be on their way to the tail.
                    errors.join(2_000);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            String err = stderrTail().strip();
            String status = process.isAlive() ? "" : "exit status " + process.exitValue() + ", ";
            if (host != null && err.contains("Host key verification failed")) {
                return "the hook host of " + where + " was refused: its host key is not in ~/.ssh/known_hosts, or is not "
                        + "the key recorded there (" + lastLineMatching(err) + "); " + host.get()
                        + ". Have the administrator compare that fingerprint with the billing server's own "
                        + "(ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub on it) before adding it to known_hosts";
            }
            if (host != null && err.contains("Permission denied")) {
                return "the hook host of " + where + " refused this login (" + lastLine(err) + "): is this user's key in "
                        + "the hook account's authorized_keys there, and loaded in the SSH agent or in ~/.ssh?";
            }
            String hint = err.contains("sudo:") ? "; sudo does not let this user start the runner as the hook account "
                    + "(is the user in group hookdesk-csr, and does /etc/sudoers.d/hookdesk name this exact command?)"
                    : err.contains("not found") || err.contains("No such file") ? "; is HookDesk installed there?" : "";
            return "the hook runner for " + where + " did not start (" + String.join(" ", command) + "): " + status
                    + (err.isEmpty() ? detail : lastLine(err)) + hint;
        }

        private void read(CompletableFuture<Map<String, Object>> hello) {
            DataInputStream in = new DataInputStream(new BufferedInputStream(process.getInputStream()));
            try {
                Map<String, Object> first = RunnerProtocol.read(in);
                if (first == null || !"hello".equals(RunnerProtocol.string(first, "type"))) {
                    throw new IOException(first == null ? "the runner ended before it said hello" : "the runner's first "
                            + "frame was not hello");
                }
                hello.complete(first);
                while (true) {
                    Map<String, Object> m = RunnerProtocol.read(in);
                    if (m == null) {
                        throw new IOException("the runner ended" + exitAndStderr());
                    }
                    CompletableFuture<Map<String, Object>> waiting = pending.remove(RunnerProtocol.number(m, "id"));
                    if (waiting != null) {
                        waiting.complete(m);
                    }
                }
            } catch (IOException | RuntimeException e) {
                failure = e.getMessage();
                hello.completeExceptionally(e);
                for (Long id : List.copyOf(pending.keySet())) {
                    CompletableFuture<Map<String, Object>> waiting = pending.remove(id);
                    if (waiting != null) {
                        waiting.completeExceptionally(e);
                    }
                }
            }
        }

        private String exitAndStderr() {
            try {
                if (process.waitFor(1, TimeUnit.SECONDS)) {
                    errors.join(1_000);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            String err = stderrTail().strip();
            return (process.isAlive() ? "" : " (exit status " + process.exitValue() + ")")
                    + (err.isEmpty() ? "" : ": " + lastLine(err));
        }

        /** ssh's own words on a refused key: the line saying what it found, rather than the banner of @ signs. */
        private static String lastLineMatching(String err) {
            return err.lines().filter(l -> l.contains("host key") || l.contains("HAS CHANGED") || l.contains("SHA256:"))
                    .map(String::strip).reduce((a, b) -> a + " " + b).orElse(lastLine(err));
        }

        /** The last line that says something: not a stack trace's indented frame or "... 1 more". */
        private static String lastLine(String err) {
            return err.lines().filter(l -> !l.isBlank() && !Character.isWhitespace(l.charAt(0))).reduce((a, b) -> b)
                    .orElse(err.strip());
        }

        private void drainStderr(InputStream err) {
            byte[] buffer = new byte[1024];
            try {
                int n;
                while ((n = err.read(buffer)) >= 0) {
                    String text = new String(buffer, 0, n, StandardCharsets.UTF_8);
                    synchronized (stderr) {
                        stderr.append(text);
                        if (stderr.length() > STDERR_TAIL) {
                            stderr.delete(0, stderr.length() - STDERR_TAIL);
                        }
                    }
                    text.lines().forEach(line -> LOG.info("hook runner: {}", line));
                }
            } catch (IOException e) {
                // the runner is gone; its reader says so
            }
        }

        String stderrTail() {
            synchronized (stderr) {
                return stderr.toString();
            }
        }

        CompletableFuture<Map<String, Object>> ask(Map<String, Object> request) throws IOException {
            return send(NEXT_STATUS.decrementAndGet(), request);
        }

        CompletableFuture<Map<String, Object>> send(long id, Map<String, Object> request) throws IOException {
            CompletableFuture<Map<String, Object>> answer = new CompletableFuture<>();
            pending.put(id, answer);
            request.put("id", id);
            try {
                RunnerProtocol.write(out, request);
            } catch (IOException e) {
                pending.remove(id);
                throw e;
            }
            if (failure != null) {
                // Lost between the write and the registration: nobody else will complete it.
                answer.completeExceptionally(new IOException(failure));
            }
            return answer;
        }

        void cancel(long id) {
            tell(frame("cancel", id));
        }

        /** A frame that needs no answer. */
        void tell(Map<String, Object> message) {
            try {
                RunnerProtocol.write(out, message);
            } catch (IOException e) {
                // The runner is gone, and a runner whose stdin is gone has stopped the hook already (and keeps the
                // markers of what it did for the next connection).
            }
        }

        boolean alive() {
            return failure == null && process.isAlive();
        }

        String why() {
            return "the hook runner ended" + (failure == null ? "" : ": " + failure);
        }

        /** Closing its stdin ends the runner, which stops every hook of ours still running first. */
        void close() {
            try {
                out.close();
            } catch (IOException e) {
                // already gone
            }
            try {
                if (!process.waitFor(3, TimeUnit.SECONDS)) {
                    process.destroy();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroy();
            }
        }

        /** Status questions count down from -1, runs up from 1: one id space, no clash. */
        private static final AtomicLong NEXT_STATUS = new AtomicLong();
    }
}
