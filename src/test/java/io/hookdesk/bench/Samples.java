package io.hookdesk.bench;

import java.util.Arrays;

/** Durations in nanoseconds, summarised by order statistics (nearest-rank), never by the mean. */
final class Samples {

    private long[] values = new long[1024];
    private int size;

    void add(long nanos) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = nanos;
    }

    int size() {
        return size;
    }

    /** The {@code p}-th percentile (0 < p <= 100) in milliseconds. */
    double percentileMs(double p) {
        if (size == 0) {
            return Double.NaN;
        }
        long[] sorted = Arrays.copyOf(values, size);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * size);
        return sorted[Math.max(0, Math.min(size, rank) - 1)] / 1e6;
    }

    double medianMs() {
        return percentileMs(50);
    }

    double p95Ms() {
        return percentileMs(95);
    }

    double p99Ms() {
        return percentileMs(99);
    }

    double totalMs() {
        long t = 0;
        for (int i = 0; i < size; i++) {
            t += values[i];
        }
        return t / 1e6;
    }

    /** {@code median / p95 / p99 ms (n)} for the detail lines. */
    String describe() {
        return String.format(java.util.Locale.ROOT, "median %.3f ms, p95 %.3f ms, p99 %.3f ms (n=%d)",
                medianMs(), p95Ms(), p99Ms(), size);
    }
}
