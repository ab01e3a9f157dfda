package io.hookdesk.cli;

import io.hookdesk.model.EnvValues;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
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
 * logger that has ended (killed, its socket gone) is started again for the next line; one that cannot be started at
 * all ({@code logger} not installed) is not tried again, and the runner's own log (stderr, {@code --log}) still has
 * every line.
 */
final class SystemLog implements AutoCloseable {

    /** util-linux logger(1), facility authpriv: who ran which hook is for the administrators' eyes. */
    static final List<String> LOGGER = List.of("logger", "-t", "hookdesk-runhook", "-p", "authpriv.info");

    private final List<String> command;
    private final ExecutorService writer = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "runhook-syslog");
        t.setDaemon(true);
        return t;
    });
    /** Touched only on the writer's thread. */
    private Process logger;
    private Writer lines;
    private boolean unavailable;

    SystemLog() {
        this(LOGGER);
    }

    /** Lines go to {@code command}'s standard input, one message each (tests give a logger of their own). */
    SystemLog(List<String> command) {
        this.command = List.copyOf(command);
    }

    /** Hands {@code line} to the system log, on one line whatever it holds; returns at once. */
    void log(String line) {
        String one = EnvValues.oneLine(line);
        writer.execute(() -> write(one));
    }

    private void write(String line) {
        // Twice at most: a logger found gone is started again once for this line.
        for (int attempt = 0; attempt < 2 && !unavailable; attempt++) {
            if ((logger == null || !logger.isAlive()) && !start()) {
                return;
            }
            try {
                lines.write(line);
                lines.write('\n');
                lines.flush();
                return;
            } catch (IOException gone) {
                stop();
            }
        }
    }

    private boolean start() {
        stop();
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
