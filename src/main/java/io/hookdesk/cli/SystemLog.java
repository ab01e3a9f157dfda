package io.hookdesk.cli;

import io.hookdesk.model.EnvValues;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The hook runner's lines to the system log (journald, rsyslog) through one {@code logger(1)} kept for the runner's
 * life, each line written to its standard input: one message per line, tagged so an ISP can filter
 * ({@code journalctl -t hookdesk-runhook}). A logger started for each line cost as much CPU as the no-op hook it
 * reported (it loads libsystemd and its crypto on every start), on the cores the next save needs.
 *
 * <p>Lines go out on a thread of their own, in order, after the caller has gone on: a save never waits for syslog. A
 * logger that has ended (killed, restarted syslog) is started again for the next line, but not sooner than
 * {@link #RESTART_PAUSE} after the last start: a logger that ends at once because the machine has no syslog socket
 * ({@code /dev/log}) would otherwise be started for every line, as before. One that cannot be started at all
 * ({@code logger} not installed) is not tried again. The runner's own log (stderr, {@code --log}) has every line
 * whatever syslog does.
 */
final class SystemLog implements AutoCloseable {

    /** util-linux logger(1), facility authpriv: who ran which hook is for the administrators' eyes. */
    static final List<String> LOGGER = List.of("logger", "-t", "hookdesk-runhook", "-p", "authpriv.info");
    /** The least time between two starts of the logger. */
    static final Duration RESTART_PAUSE = Duration.ofSeconds(30);

    private final List<String> command;
    private final long restartPauseNanos;
    private final ExecutorService writer = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "runhook-syslog");
        t.setDaemon(true);
        return t;
    });
    /** Touched only on the writer's thread. */
    private Process logger;
    private Writer lines;
    private boolean unavailable;
    /** When the logger was last started ({@link System#nanoTime}), or null before the first start. */
    private Long lastStart;

    SystemLog() {
        this(LOGGER, RESTART_PAUSE);
    }

    /**
     * Lines go to {@code command}'s standard input, one message each, the command started again at most once per
     * {@code restartPause} (tests give a logger of their own).
     */
    SystemLog(List<String> command, Duration restartPause) {
        this.command = List.copyOf(command);
        this.restartPauseNanos = restartPause.toNanos();
    }

    /** Hands {@code line} to the system log, on one line whatever it holds; returns at once. */
    void log(String line) {
        String one = EnvValues.oneLine(line);
        writer.execute(() -> write(one));
    }

    private void write(String line) {
        if (unavailable || (logger == null || !logger.isAlive()) && !start()) {
            // No syslog now: the line is in the runner's own log.
            return;
        }
        try {
            lines.write(line);
            lines.write('\n');
            lines.flush();
        } catch (IOException gone) {
            // The logger ended under this line: the next one starts another, when the pause allows.
            stop();
        }
    }

    private boolean start() {
        stop();
        long now = System.nanoTime();
        if (lastStart != null && now - lastStart < restartPauseNanos) {
            return false;
        }
        lastStart = now;
        try {
            logger = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            lines = new OutputStreamWriter(logger.getOutputStream(), StandardCharsets.UTF_8);
            return true;
        } catch (IOException e) {
            unavailable = true;
            return false;
        }
    }

    private void stop() {
        if (lines != null) {
            try {
                lines.close();
            } catch (IOException ignored) {
                // Already gone.
            }
        }
        lines = null;
        logger = null;
    }

    /** Sends what is queued, then ends the logger (its input closed: it logs what it has read and exits). */
    @Override
    public void close() {
        writer.shutdown();
        try {
            if (writer.awaitTermination(5, TimeUnit.SECONDS)) {
                Process last = logger;
                stop();
                if (last != null) {
                    last.waitFor(5, TimeUnit.SECONDS);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
