package io.hookdesk.cli;

import io.hookdesk.save.SaveOutcome;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/** What an {@code apply --file} did, counted by kind; thread-safe, since lines may be saved in parallel. */
final class BatchSummary {

    /** How a line ended; each failure kind has the exit code a single apply would have given. */
    enum Kind {
        COMMITTED("committed", ExitCodes.OK),
        /** A line marked "settle" whose change an earlier run's lost commit did make after all. */
        ALREADY("already in the database", ExitCodes.OK),
        BAD_INPUT("bad input", ExitCodes.BAD_INPUT),
        NOT_FOUND("record not found", ExitCodes.BAD_INPUT),
        HOOK_FAILED("hook failed", ExitCodes.HOOK),
        HOOK_REFUSED("hook refused", ExitCodes.HOOK),
        CONFLICT("conflict", ExitCodes.DATABASE),
        DATABASE_ERROR("database error", ExitCodes.DATABASE),
        COMMIT_FAILED_AFTER_HOOK("commit failed after hook", ExitCodes.DATABASE);

        final String label;
        final int exitCode;

        Kind(String label, int exitCode) {
            this.label = label;
            this.exitCode = exitCode;
        }

        static Kind of(SaveOutcome outcome) {
            return switch (outcome) {
                case COMMITTED -> COMMITTED;
                case INVALID -> BAD_INPUT;
                case NOT_FOUND -> NOT_FOUND;
                case HOOK_FAILED, CANCELLED -> HOOK_FAILED;
                case HOOK_REFUSED -> HOOK_REFUSED;
                case CONFLICT -> CONFLICT;
                case DATABASE_ERROR -> DATABASE_ERROR;
                case COMMIT_FAILED_AFTER_HOOK -> COMMIT_FAILED_AFTER_HOOK;
                case PREVIEWED -> throw new IllegalArgumentException("apply saves; it never previews");
            };
        }
    }

    private final Map<Kind, Integer> counts = new EnumMap<>(Kind.class);
    private int blank;

    BatchSummary() {
        for (Kind k : Kind.values()) {
            counts.put(k, 0);
        }
    }

    synchronized void add(Kind kind) {
        counts.merge(kind, 1, Integer::sum);
    }

    synchronized void blank() {
        blank++;
    }

    synchronized int count(Kind kind) {
        return counts.get(kind);
    }

    synchronized int done() {
        return counts.values().stream().mapToInt(Integer::intValue).sum();
    }

    synchronized int failed() {
        return done() - counts.get(Kind.COMMITTED) - counts.get(Kind.ALREADY);
    }

    /** 3 if any hook failed or was refused, else 4 if any conflict or database error, else 2 if any bad input, else 0. */
    synchronized int exitCode() {
        int code = ExitCodes.OK;
        for (Kind k : Kind.values()) {
            if (counts.get(k) > 0) {
                code = ExitCodes.worst(code, k.exitCode);
            }
        }
        return code;
    }

    synchronized void print(PrintWriter out, String source, Duration elapsed) {
        out.printf("apply: %d changes from %s in %.1f s%s%n", done(), source, elapsed.toMillis() / 1000.0,
                blank == 0 ? "" : " (" + blank + (blank == 1 ? " blank line" : " blank lines") + " skipped)");
        out.printf("  %-28s %d%n", "committed:", counts.get(Kind.COMMITTED));
        if (counts.get(Kind.ALREADY) > 0) {
            out.printf("  %-28s %d%n", "already in the database:", counts.get(Kind.ALREADY));
        }
        out.printf("  %-28s %d%n", "failed:", failed());
        for (Kind k : Kind.values()) {
            if (k != Kind.COMMITTED && k != Kind.ALREADY) {
                out.printf("    %-26s %d%n", k.label + ":", counts.get(k));
            }
        }
        out.flush();
    }
}
