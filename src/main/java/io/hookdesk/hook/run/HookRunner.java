package io.hookdesk.hook.run;

import io.hookdesk.model.HookCancellation;
import io.hookdesk.model.HookOutcome;

import java.io.File;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs a hook: no arguments, exactly the given environment, the given working directory, an empty stdin,
 * in a process group of its own so that at exit, timeout or cancel the whole group is killed
 * (see {@link ProcessGroup}). stdout and stderr are read concurrently and capped at {@code outputCap} bytes each.
 *
 * <p><b>Exit status and signals.</b> Java reports a child killed by signal n as exit value 128+n, exactly what
 * {@code exit 137} gives, and a shell whose command was killed exits with 128+n as well. The runner cannot tell
 * these apart, so it does not claim a death by signal: a value of 129 to 192 is reported as
 * {@link HookOutcome.Kind#EXITED} with that exit code, the signal number in {@link HookOutcome#signal()}, and both
 * facts in the reason: {@code exited with status 137 (128+9: probably killed by signal 9, KILL)}.
 * Either way it is a failure. Hooks the runner itself stops end as TIMED_OUT or CANCELLED.
 *
 * <p><b>Encoding.</b> The JVM turns the environment into bytes with its platform charset ({@code file.encoding} on
 * Java 17, {@code sun.jnu.encoding} from Java 19), which is ASCII when no UTF-8 locale is set. Rather than let a
 * customer's name reach provisioning as {@code ???}, a value that charset cannot carry makes the run START_FAILED.
 * HookDesk must be started under a UTF-8 locale (e.g. {@code LC_ALL=C.UTF-8}).
 *
 * <p>Thread-safe: a runner holds only its settings, and one instance may run hooks for several saves at once.
 * It owns the threads that read hooks' output and its group-signalling shell; whoever made it closes it
 * ({@link #close}) when no more hooks are to run.
 */
public final class HookRunner implements AutoCloseable {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
    public static final int DEFAULT_OUTPUT_CAP = 1024 * 1024;

    /** How long a stopped hook gets to clean up after SIGTERM before its group is killed. */
    private static final long GRACE_MS = 2_000;
    /** The same when HookDesk itself is ending: the whole group must be gone within a second. */
    private static final long STOP_GRACE_MS = 500;
    /** How long output is still read after the group is gone: a process outside it may hold a pipe forever. */
    private static final long READER_JOIN_MS = 2_000;
    /** How often a waiting run looks at its cancellation: quick enough for a person's Cancel click. */
    private static final long CANCEL_POLL_MS = 50;

    private final Duration timeout;
    private final int outputCap;
    private final Optional<Path> setsid;
    /**
     * This runner's threads reading hooks' output and its group-signalling shell: owned here, shared by its runs, ended
     * by {@link #close}.
     */
    private final ExecutorService readers = OutputCapture.readerPool();
    private final GroupSignaller signaller = new GroupSignaller(Path.of("/bin/sh"), 2_000);
    private final InFlightHooks inFlight;

    public HookRunner(Duration timeout, int outputCap) {
        this(timeout, outputCap, new InFlightHooks(null));
    }

    /** A runner that keeps {@code inFlight} told of the hooks it runs (HookDesk's composition root). */
    public HookRunner(Duration timeout, int outputCap, InFlightHooks inFlight) {
        this(timeout, outputCap, ProcessGroup.SETSID, inFlight);
    }

    /** For tests of the fallback: {@code setsid} empty runs hooks without a group of their own. */
    HookRunner(Duration timeout, int outputCap, Optional<Path> setsid) {
        this(timeout, outputCap, setsid, new InFlightHooks(null));
    }

    private HookRunner(Duration timeout, int outputCap, Optional<Path> setsid, InFlightHooks inFlight) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, was " + timeout);
        }
        if (outputCap < 2) {
            throw new IllegalArgumentException("output cap must be at least 2 bytes, was " + outputCap);
        }
        this.timeout = timeout;
        this.outputCap = outputCap;
        this.setsid = Objects.requireNonNull(setsid, "setsid");
        this.inFlight = Objects.requireNonNull(inFlight, "inFlight");
    }

    /**
     * Stops every hook this runner is running (SIGTERM to its group, half a second, SIGKILL) and hands {@code log} a
     * line for each: for HookDesk's own end while a save waits for its hook. The saves then roll back.
     */
    public void stopRunning(Consumer<String> log) {
        inFlight.stopAll(STOP_GRACE_MS, log);
    }

    public Duration timeout() {
        return timeout;
    }

    /**
     * Ends this runner's threads once they are idle and its group-signalling shell; for its owner's close, after
     * {@link #stopRunning}. A run after this still works (on threads of its own) but leaves a new shell behind.
     */
    @Override
    public void close() {
        readers.shutdown();
        signaller.close();
    }

    /**
     * Runs {@code hook} and waits for it, at most the timeout plus a few seconds of clean-up.
     * Never throws for anything the hook does; every way it can end is a {@link HookOutcome}.
     *
     * @param cancellation cancelling it stops the hook (its group is terminated) and gives CANCELLED; may be null
     */
    public HookOutcome run(Path hook, Map<String, String> environment, Path workingDirectory, HookCancellation cancellation) {
        return run(hook, environment, workingDirectory, cancellation, null);
    }

    /**
     * The same, for a run whose success is then to be committed: when the hook exits 0 its marker says so, on disk,
     * before this returns, and stays until {@code commit} is closed (see {@link PendingCommit}).
     *
     * @param commit null: the marker goes when the hook ends, whatever its outcome
     */
    public HookOutcome run(Path hook, Map<String, String> environment, Path workingDirectory, HookCancellation cancellation,
                           PendingCommit commit) {
        long started = System.nanoTime();
        Objects.requireNonNull(hook, "hook");
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(workingDirectory, "workingDirectory");
        String unfit = StartProblems.environmentProblem(environment, Charset.defaultCharset(), jnuCharset());
        if (unfit == null && !Files.isDirectory(workingDirectory)) {
            unfit = "the working directory " + workingDirectory + " does not exist";
        }
        if (unfit != null) {
            return notStarted(started, HookOutcome.Kind.START_FAILED, "", "could not start: " + unfit);
        }
        HookCancellation cancel = cancellation == null ? HookCancellation.none() : cancellation;
        if (cancel.isCancelled()) {
            return notStarted(started, HookOutcome.Kind.CANCELLED, "", "cancelled by the user");
        }
        ProcessBuilder builder = new ProcessBuilder(ProcessGroup.command(setsid, hook))
                .directory(workingDirectory.toFile())
                // A hook that reads stdin gets end-of-file at once instead of waiting for a CSR who cannot type to it.
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().clear();
        builder.environment().putAll(environment);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            return notStarted(started, HookOutcome.Kind.START_FAILED, e.getMessage(),
                    "could not start: " + e.getMessage() + StartProblems.explain(hook));
        }
        cancel.started();
        ProcessGroup group = new ProcessGroup(process, setsid.isPresent(), signaller);
        inFlight.started(group, process.pid(), hook, environment);
        if (setsid.isPresent()) {
            // Should HookDesk die from here on, however it dies, the signalling shell kills this group.
            signaller.watch(process.pid());
        }
        // Written while the hook's own start (setsid's exec, then the hook's) goes on in the child: on this thread it
        // costs the save little, and on another it only competed with the child for the cores (measured, issue 13).
        inFlight.mark(process.pid());
        if (commit != null) {
            // Asked now, while the hook starts in the child, rather than before it on the save's path.
            commit.learnTransaction();
        }
        OutputCapture stdout = new OutputCapture(outputCap);
        OutputCapture stderr = new OutputCapture(outputCap);
        OutputCapture.Reading outReader = stdout.readFrom(process.getInputStream(), "hook-stdout-" + process.pid(),
                this::inBackground);
        OutputCapture.Reading errReader = stderr.readFrom(process.getErrorStream(), "hook-stderr-" + process.pid(),
                this::inBackground);

        Ending ending = await(process, cancel);
        // The wait is over; an interrupt must not cut the clean-up short, so it is kept for the caller.
        boolean interrupted = Thread.interrupted();
        if (ending == Ending.EXITED) {
            // Background children may still hold stdout; the save must not wait for them.
            group.kill();
        } else {
            group.terminate(GRACE_MS);
        }
        if (commit != null && ending == Ending.EXITED && process.exitValue() == 0) {
            // On record before the caller can commit: a HookDesk killed from here on leaves "provisioned" behind.
            inFlight.exitedZero(process.pid(), commit);
        } else {
            inFlight.ended(process.pid());
        }
        if (setsid.isPresent()) {
            signaller.free(process.pid());
        }
        interrupted |= Thread.interrupted();
        interrupted |= waitQuietly(() -> process.waitFor(GRACE_MS, TimeUnit.MILLISECONDS));
        long joinDeadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(READER_JOIN_MS);
        for (OutputCapture.Reading reader : new OutputCapture.Reading[] {outReader, errReader}) {
            long left = Math.max(1, TimeUnit.NANOSECONDS.toMillis(joinDeadline - System.nanoTime()));
            interrupted |= waitQuietly(() -> reader.await(left));
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        String out = text(stdout, outReader);
        String err = text(stderr, errReader);
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        return switch (ending) {
            case TIMED_OUT -> new HookOutcome(HookOutcome.Kind.TIMED_OUT, null, null, took, out, err,
                    "timed out after " + describe(timeout));
            case CANCELLED -> new HookOutcome(HookOutcome.Kind.CANCELLED, null, null, took, out, err,
                    "cancelled by the user");
            case INTERRUPTED -> new HookOutcome(HookOutcome.Kind.CANCELLED, null, null, took, out, err,
                    "cancelled: HookDesk stopped waiting for the hook (thread interrupted)");
            case EXITED -> exited(hook, process.exitValue(), took, out, err);
        };
    }

    /** On one of this runner's threads, or on a new one once it is closed: a started hook is always read to its end. */
    private void inBackground(Runnable task) {
        try {
            readers.execute(task);
        } catch (RejectedExecutionException closed) {
            Thread thread = new Thread(task, "hook-output-reader");
            thread.setDaemon(true);
            thread.start();
        }
    }

    private enum Ending { EXITED, TIMED_OUT, CANCELLED, INTERRUPTED }

    /**
     * Waits in {@link Process#waitFor}, which the JDK's reaper wakes directly when the hook exits; a wait on
     * {@code onExit()} went through a pool thread first, a hand-off that cost a few tenths of a millisecond per save
     * on a busy machine. A cancel is noticed within {@link #CANCEL_POLL_MS}.
     */
    private Ending await(Process process, HookCancellation cancel) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (true) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return process.isAlive() ? Ending.TIMED_OUT : Ending.EXITED;
                }
                if (process.waitFor(Math.min(left, TimeUnit.MILLISECONDS.toNanos(CANCEL_POLL_MS)), TimeUnit.NANOSECONDS)) {
                    return Ending.EXITED;
                }
                if (cancel.isCancelled()) {
                    // A hook that finished before the cancel is what happened: its provisioning is done and must be committed.
                    return process.isAlive() ? Ending.CANCELLED : Ending.EXITED;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return process.isAlive() ? Ending.INTERRUPTED : Ending.EXITED;
        }
    }

    private HookOutcome exited(Path hook, int status, Duration took, String out, String err) {
        if (setsid.isPresent() && (status == 126 || status == 127) && err.startsWith("setsid: ")) {
            // setsid could not exec the hook (it vanished, or its #! interpreter is missing): it never ran.
            String message = err.lines().findFirst().orElse(err);
            return new HookOutcome(HookOutcome.Kind.START_FAILED, null, null, took, out, err,
                    "could not start: " + message + StartProblems.explain(hook));
        }
        int signal = status - 128;
        if (signal >= 1 && signal <= 64) {
            return new HookOutcome(HookOutcome.Kind.EXITED, status, signal, took, out, err,
                    "exited with status " + status + " (128+" + signal + ": probably killed by signal "
                            + signal + signalName(signal) + ")");
        }
        String hint = status == 127 ? " (a command was not found)"
                : status == 126 ? " (a command could not be executed)" : "";
        return new HookOutcome(HookOutcome.Kind.EXITED, status, null, took, out, err,
                "exited with status " + status + hint);
    }

    private static HookOutcome notStarted(long started, HookOutcome.Kind kind, String stderr, String reason) {
        return new HookOutcome(kind, null, null, Duration.ofNanos(System.nanoTime() - started), "", stderr, reason);
    }

    private static String text(OutputCapture capture, OutputCapture.Reading reader) {
        String text = capture.text();
        return !reader.finished()
                ? text + "\n[... HookDesk stopped reading here: a process outside the hook's group still holds this output open ...]\n"
                : text;
    }

    /** {@code , KILL} for the signals hooks commonly die of; Linux numbering. */
    static String signalName(int signal) {
        String name = switch (signal) {
            case 1 -> "HUP";
            case 2 -> "INT";
            case 3 -> "QUIT";
            case 4 -> "ILL";
            case 6 -> "ABRT";
            case 7 -> "BUS";
            case 8 -> "FPE";
            case 9 -> "KILL";
            case 11 -> "SEGV";
            case 13 -> "PIPE";
            case 14 -> "ALRM";
            case 15 -> "TERM";
            default -> null;
        };
        return name == null ? "" : ", " + name;
    }

    /** {@code 60 s}, {@code 1.5 s}, {@code 500 ms}, {@code 5 min}. */
    static String describe(Duration d) {
        if (d.compareTo(Duration.ofSeconds(1)) < 0) {
            return d.toMillis() + " ms";
        }
        if (d.toSeconds() >= 120 && d.toSeconds() % 60 == 0 && d.toNanosPart() == 0) {
            return d.toMinutes() + " min";
        }
        return new BigDecimal(d.toMillis()).movePointLeft(3).stripTrailingZeros().toPlainString() + " s";
    }

    private static Charset jnuCharset() {
        try {
            return Charset.forName(System.getProperty("sun.jnu.encoding", Charset.defaultCharset().name()));
        } catch (RuntimeException e) {
            return Charset.defaultCharset();
        }
    }

    private interface Wait {
        boolean await() throws InterruptedException;
    }

    /** Waits; true if interrupted, in which case the wait is abandoned and the caller restores the flag. */
    private static boolean waitQuietly(Wait wait) {
        try {
            wait.await();
            return false;
        } catch (InterruptedException e) {
            return true;
        }
    }
}
