package io.hookdesk.cli;

import io.hookdesk.model.Failures;
import io.hookdesk.model.HookCancellation;
import io.hookdesk.model.Operation;
import io.hookdesk.save.FailureLog;
import io.hookdesk.save.SaveOutcome;
import io.hookdesk.save.SaveRequest;
import io.hookdesk.save.SaveResult;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code apply --file}: one change per line, each saved on its own through the one save path, going on past failures.
 * With {@code --parallel N} the lines are spread over N lanes, and all lines naming the same record go to the same lane,
 * so one record's changes are still applied in file order; lines about different records may overtake each other.
 * When a line finds the database unreachable, no line after it is tried: the summary says which lines committed,
 * failed and were not tried, and the lines a rerun should apply (those not tried, and those that failed for the
 * outage without committing) are written to {@code FILE.not-tried}, so a rerun never repeats a committed create.
 * A line whose hook succeeded and whose commit was lost with the database (after a failover, say) goes there too,
 * marked {@code "settle"} with the record it was written to: the rerun reports it "already in the database" if the
 * commit did happen, and only otherwise applies it, so a committed change is never applied or provisioned twice.
 */
final class BatchApply {

    /** Lines read ahead of the saves, per lane: enough to keep lanes busy without reading a huge file into memory. */
    private static final int READ_AHEAD = 64;

    private final Backend.Services app;
    private final PrintWriter out;
    private final PrintWriter err;
    private final String defaultCsr;
    private final int parallel;
    private final Path logFile;
    private final long startedAt = System.currentTimeMillis() / 1000;
    private final BatchSummary summary = new BatchSummary();
    private final Progress progress;
    /** Which lines committed, failed and were not tried, and the text of those a rerun may apply. */
    private final BatchLines lines = new BatchLines();
    /** Set by the first line that finds the database unreachable: no line after it is tried. */
    private final AtomicBoolean stopped = new AtomicBoolean();
    private volatile int stoppedAt;

    BatchApply(Backend.Services app, PrintWriter out, PrintWriter err, String defaultCsr, int parallel, Path logFile,
               Duration progressInterval) {
        this.app = app;
        this.out = out;
        this.err = err;
        this.defaultCsr = defaultCsr;
        this.parallel = parallel;
        this.logFile = logFile;
        this.progress = new Progress(err, progressInterval);
    }

    int run(Path file) {
        String source = file.toString().equals("-") ? "standard input" : file.toString();
        Path rest = null;
        try (Utf8Lines reader = open(file)) {
            applyAll(reader);
            if (stopped.get()) {
                rest = lines.writeRest(reader, restFile(file));
            }
        } catch (IOException e) {
            throw CliException.badInput("cannot read " + source + ": " + e.getMessage()
                    + (summary.done() > 0 ? " (after " + summary.done() + " changes; see above)" : ""));
        }
        summary.print(out, source, progress.elapsed());
        if (stopped.get()) {
            stopReport(rest, restFile(file));
        }
        if (summary.count(BatchSummary.Kind.COMMIT_FAILED_AFTER_HOOK) > 0) {
            err.println("hookdesk: WARNING: " + summary.count(BatchSummary.Kind.COMMIT_FAILED_AFTER_HOOK)
                    + " hooks succeeded but their changes were NOT committed: the provisioned systems may be ahead of "
                    + "the database for those records. Check them before trying again.");
        }
        FailureLog.Unwritten unlogged = app.unlogged();
        if (unlogged.count() > 0) {
            err.println("hookdesk: NOT logged: " + unlogged.count() + " failed saves could not be written to " + logFile + " ("
                    + unlogged.problem() + "); the lines above are the only record of them");
        } else if (summary.failed() > 0) {
            err.println("hookdesk: failed saves are described in " + logFile);
        }
        err.flush();
        return unlogged.count() > 0 ? ExitCodes.worst(summary.exitCode(), ExitCodes.NOT_LOGGED) : summary.exitCode();
    }

    private static Utf8Lines open(Path file) throws IOException {
        if (file.toString().equals("-")) {
            return new Utf8Lines(System.in);
        }
        try {
            return new Utf8Lines(Files.newInputStream(file));
        } catch (NoSuchFileException e) {
            throw CliException.badInput("--file " + file + ": no such file; nothing changed");
        }
    }

    private void applyAll(Utf8Lines reader) throws IOException {
        // Each lane holds a connection while its hook runs, and the reading thread asks about the next lines.
        app.allowConnections(parallel + 1);
        ExecutorService[] lanes = new ExecutorService[parallel == 1 ? 0 : parallel];
        for (int i = 0; i < lanes.length; i++) {
            lanes[i] = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "hookdesk-apply");
                t.setDaemon(true);
                return t;
            });
        }
        Semaphore window = new Semaphore(parallel * READ_AHEAD);
        int nextCreateLane = 0;
        try {
            for (Utf8Lines.Line read = reader.next(); read != null; read = reader.next()) {
                int lineNo = read.number();
                String line = read.text();
                if (stopped.get()) {
                    // The database is gone: this line and the rest of the file are left for a rerun (writeRest).
                    lines.notTried(lineNo, line);
                    break;
                }
                if (line == null) {
                    fail(lineNo, BatchSummary.Kind.BAD_INPUT, read.problem());
                    continue;
                }
                if (line.isBlank()) {
                    summary.blank();
                    continue;
                }
                ChangeLine.Change change = request(lineNo, line);
                if (change == null) {
                    continue;
                }
                SaveRequest request = change.request();
                int lane = request.operation() == Operation.CREATE ? nextCreateLane++ % parallel
                        : Math.floorMod((request.table().sqlName() + ":" + request.number()).hashCode(), parallel);
                if (parallel == 1) {
                    // One lane: save on this thread, so every message comes out in file order.
                    save(lineNo, line, change);
                    continue;
                }
                window.acquireUninterruptibly();
                lanes[lane].execute(() -> {
                    try {
                        save(lineNo, line, change);
                    } finally {
                        window.release();
                    }
                });
            }
        } finally {
            for (ExecutorService lane : lanes) {
                lane.shutdown();
            }
            for (ExecutorService lane : lanes) {
                awaitQuietly(lane);
            }
        }
    }

    /** The line's request, or null after counting it as bad input. */
    private ChangeLine.Change request(int lineNo, String line) {
        try {
            ChangeLine.Change change = ChangeLine.change(line, defaultCsr);
            SaveRequest request = change.request();
            Map<String, String> problems = app.saves().check(request);
            if (!problems.isEmpty()) {
                fail(lineNo, BatchSummary.Kind.BAD_INPUT, SaveReport.subjectOf(request) + ": "
                        + Problems.describe(app.records().meta(request.table()), problems));
                return null;
            }
            return change;
        } catch (JsonLine.Malformed | CliException e) {
            fail(lineNo, BatchSummary.Kind.BAD_INPUT, e.getMessage());
            return null;
        }
    }

    private void save(int lineNo, String text, ChangeLine.Change change) {
        SaveRequest request = change.request();
        if (stopped.get()) {
            lines.notTried(lineNo, text);
            return;
        }
        try {
            if (change.settles() != null && alreadyIn(request, change.settles())) {
                summary.add(BatchSummary.Kind.ALREADY);
                lines.committed(lineNo);
                out.println("line " + lineNo + ": already in the database: " + request.table() + " " + change.settles()
                        + " (its commit went through before the outage); not applied again, its hook not run again");
                return;
            }
            SaveResult r = app.saves().save(request, new HookCancellation().onWaiting(waiting -> {
                if (waiting != null) {
                    err.println("line " + lineNo + ": " + waiting + "…");
                }
            }));
            if (r.committed()) {
                summary.add(BatchSummary.Kind.COMMITTED);
                lines.committed(lineNo);
                if (r.operation() == Operation.CREATE) {
                    out.println("line " + lineNo + ": created " + r.table() + " " + r.number());
                }
            } else {
                fail(lineNo, BatchSummary.Kind.of(r.outcome()), SaveReport.failure(app.records().meta(r.table()), r));
                if (r.databaseUnreachable()) {
                    // Only a line the outage itself stopped is in the rest: one whose hook failed failed on its own,
                    // and one whose commit was lost after its hook ran may have committed.
                    unreachable(lineNo, r.outcome() == SaveOutcome.DATABASE_ERROR ? text
                            : r.outcome() == SaveOutcome.COMMIT_FAILED_AFTER_HOOK && r.number() != null
                            ? toSettle(text, r.number()) : null);
                }
            }
        } catch (RuntimeException e) {
            LoggerFactory.getLogger("hookdesk.diagnostics").error("apply --file line {}", lineNo, e);
            fail(lineNo, BatchSummary.Kind.DATABASE_ERROR, SaveReport.subjectOf(request) + ": not saved: " + Failures.rootMessage(e));
            if (Failures.unreachable(e)) {
                unreachable(lineNo, text);
            }
        }
        progress.maybe(() -> "apply: " + summary.done() + " changes done, " + summary.count(BatchSummary.Kind.COMMITTED)
                + " committed, " + summary.failed() + " failed");
    }

    /**
     * Whether the change of a line that ended "commit failed after hook" is in the database after all: the record a
     * create was given exists (its number was drawn in the lost transaction, and a sequence never hands it out again),
     * or the record to update already holds every value the line sets, as the server stores them (the preview's
     * reading, which writes nothing: no column would change).
     */
    private boolean alreadyIn(SaveRequest request, long number) {
        if (request.operation() == Operation.CREATE) {
            return app.records().load(request.table(), number).isPresent();
        }
        SaveResult preview = app.saves().preview(request);
        return preview.outcome() == SaveOutcome.PREVIEWED && preview.decision() != null
                && preview.decision().changedColumns().isEmpty();
    }

    /** The line, marked for the rerun to settle: {@code "settle":N} first in its object. */
    private static String toSettle(String text, long number) {
        int brace = text.indexOf('{');
        return text.substring(0, brace + 1) + "\"settle\":" + number + "," + text.substring(brace + 1);
    }

    private void fail(int lineNo, BatchSummary.Kind kind, String message) {
        summary.add(kind);
        lines.failed(lineNo);
        err.println("line " + lineNo + ": " + kind.label + ": " + message);
    }

    /** The line found the database unreachable; {@code retry} is its text if nothing of it can have committed. */
    private void unreachable(int lineNo, String retry) {
        if (retry != null) {
            lines.retry(lineNo, retry);
        }
        if (stopped.compareAndSet(false, true)) {
            stoppedAt = lineNo;
        }
    }

    /** Beside the input ({@code FILE.not-tried}); for standard input, in the log file's directory. */
    private Path restFile(Path input) {
        return input.toString().equals("-")
                ? logFile.toAbsolutePath().getParent().resolve("apply-stdin-" + startedAt + ".not-tried")
                : input.resolveSibling(input.getFileName() + ".not-tried");
    }

    private void stopReport(Path rest, Path intended) {
        out.println("apply: STOPPED at line " + stoppedAt + ": the database cannot be reached (see its message above); "
                + "no line after it was tried");
        out.println("  committed:  " + lines.describe(BatchLines.State.COMMITTED));
        out.println("  failed:     " + lines.describe(BatchLines.State.FAILED));
        out.println("  not tried:  " + lines.describe(BatchLines.State.NOT_TRIED));
        if (rest != null) {
            out.println("  the rest (" + lines.describe(BatchLines.State.RETRY) + "), nothing of which was committed but "
                    + "for lines marked \"settle\" (their commit was lost; the rerun checks each first), is in " + rest
                    + "; once the database is back, run exactly it with:");
            out.println("    hookdesk apply --file " + "'" + rest.toString().replace("'", "'\\''") + "'");
        } else {
            out.println("  the rest could not be written to " + intended + ": apply the lines listed as not tried, and "
                    + "those that failed because the database could not be reached, once it is back");
        }
        if (lines.uncopied() > 0) {
            out.println("  " + lines.uncopied() + " not-tried lines are not valid UTF-8 and were not copied");
        }
        out.flush();
        err.println("hookdesk: the database cannot be reached: stopped at line " + stoppedAt
                + (rest == null ? "" : "; the rest is in " + rest));
    }

    private static void awaitQuietly(ExecutorService lane) {
        try {
            lane.awaitTermination(Long.MAX_VALUE, TimeUnit.DAYS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
