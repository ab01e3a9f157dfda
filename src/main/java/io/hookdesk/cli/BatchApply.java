package io.hookdesk.cli;

import io.hookdesk.hook.run.HookCancellation;
import io.hookdesk.model.Operation;
import io.hookdesk.save.FailureLog;
import io.hookdesk.save.SaveRequest;
import io.hookdesk.save.SaveResult;

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

/**
 * {@code apply --file}: one change per line, each saved on its own through the one save path, going on past failures.
 * With {@code --parallel N} the lines are spread over N lanes, and all lines naming the same record go to the same lane,
 * so one record's changes are still applied in file order; lines about different records may overtake each other.
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
    private final BatchSummary summary = new BatchSummary();
    private final Progress progress;

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
        try (Utf8Lines reader = open(file)) {
            applyAll(reader);
        } catch (IOException e) {
            throw CliException.badInput("cannot read " + source + ": " + e.getMessage()
                    + (summary.done() > 0 ? " (after " + summary.done() + " changes; see above)" : ""));
        }
        summary.print(out, source, progress.elapsed());
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
                if (line == null) {
                    fail(lineNo, BatchSummary.Kind.BAD_INPUT, read.problem());
                    continue;
                }
                if (line.isBlank()) {
                    summary.blank();
                    continue;
                }
                SaveRequest request = request(lineNo, line);
                if (request == null) {
                    continue;
                }
                int lane = request.operation() == Operation.CREATE ? nextCreateLane++ % parallel
                        : Math.floorMod((request.table().sqlName() + ":" + request.number()).hashCode(), parallel);
                if (parallel == 1) {
                    // One lane: save on this thread, so every message comes out in file order.
                    save(lineNo, request);
                    continue;
                }
                window.acquireUninterruptibly();
                lanes[lane].execute(() -> {
                    try {
                        save(lineNo, request);
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
    private SaveRequest request(int lineNo, String line) {
        try {
            SaveRequest request = ChangeLine.parse(line, defaultCsr);
            Map<String, String> problems = app.saves().check(request);
            if (!problems.isEmpty()) {
                fail(lineNo, BatchSummary.Kind.BAD_INPUT, SaveReport.subjectOf(request) + ": "
                        + Problems.describe(app.records().meta(request.table()), problems));
                return null;
            }
            return request;
        } catch (JsonLine.Malformed | CliException e) {
            fail(lineNo, BatchSummary.Kind.BAD_INPUT, e.getMessage());
            return null;
        }
    }

    private void save(int lineNo, SaveRequest request) {
        try {
            SaveResult r = app.saves().save(request, new HookCancellation().onWaiting(waiting -> {
                if (waiting != null) {
                    err.println("line " + lineNo + ": " + waiting + "…");
                }
            }));
            if (r.committed()) {
                summary.add(BatchSummary.Kind.COMMITTED);
                if (r.operation() == Operation.CREATE) {
                    out.println("line " + lineNo + ": created " + r.table() + " " + r.number());
                }
            } else {
                fail(lineNo, BatchSummary.Kind.of(r.outcome()), SaveReport.failure(app.records().meta(r.table()), r));
            }
        } catch (RuntimeException e) {
            fail(lineNo, BatchSummary.Kind.DATABASE_ERROR, SaveReport.subjectOf(request) + ": not saved: " + e);
        }
        progress.maybe(() -> "apply: " + summary.done() + " changes done, " + summary.count(BatchSummary.Kind.COMMITTED)
                + " committed, " + summary.failed() + " failed");
    }

    private void fail(int lineNo, BatchSummary.Kind kind, String message) {
        summary.add(kind);
        err.println("line " + lineNo + ": " + kind.label + ": " + message);
    }

    private static void awaitQuietly(ExecutorService lane) {
        try {
            lane.awaitTermination(Long.MAX_VALUE, TimeUnit.DAYS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
