package io.hookdesk.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.function.Supplier;

/** A progress line on stderr at most every {@code interval}, so a long run shows it is alive without flooding. */
final class Progress {

    private final PrintWriter err;
    private final long intervalNanos;
    private final long start = System.nanoTime();
    private long last = start;

    Progress(PrintWriter err, Duration interval) {
        this.err = err;
        this.intervalNanos = interval.toNanos();
    }

    /** Prints {@code line} if the interval has passed since the last one. */
    synchronized void maybe(Supplier<String> line) {
        long now = System.nanoTime();
        if (now - last >= intervalNanos) {
            last = now;
            err.println(line.get() + " (" + (Duration.ofNanos(now - start).toSeconds()) + " s)");
            err.flush();
        }
    }

    Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - start);
    }
}
