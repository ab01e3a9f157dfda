package io.hookdesk.cli;

import io.hookdesk.model.Operation;
import io.hookdesk.model.TableMeta;
import io.hookdesk.save.FailureLog;
import io.hookdesk.save.Masking;
import io.hookdesk.save.SaveRequest;
import io.hookdesk.save.SaveResult;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** What a save's result says to the operator on stderr, in one place for apply, apply --file and env. */
final class SaveReport {

    /** The hook's own stderr is shown up to this many lines; hooks.log has all of it. */
    private static final int HOOK_STDERR_LINES = 10;

    private SaveReport() {
    }

    /** Which record, as the operator named it: {@code service 42} or {@code new service}. */
    static String subject(SaveResult r) {
        return r.operation() == Operation.CREATE ? "new " + r.table() : r.table() + " " + r.number();
    }

    static String subjectOf(SaveRequest r) {
        return r.operation() == Operation.CREATE ? "new " + r.table() : r.table() + " " + r.number();
    }

    /** One line for a save that did not commit; says whether anything changed. */
    static String failure(TableMeta meta, SaveResult r) {
        String line = outcome(meta, r);
        return r.auditProblem() == null ? line : line + " WARNING: " + r.auditProblem();
    }

    private static String outcome(TableMeta meta, SaveResult r) {
        String subject = subject(r);
        return switch (r.outcome()) {
            case INVALID -> subject + " not saved, nothing changed: "
                    + (r.fieldErrors().isEmpty() ? r.message() : Problems.describe(meta, r.fieldErrors()));
            case NOT_FOUND -> r.message() + " Nothing changed.";
            case COMMIT_FAILED_AFTER_HOOK -> "WARNING: " + subject + ": " + r.message();
            default -> subject + ": " + r.message();
        };
    }

    /**
     * Says on stderr that a single change did not commit (its line, the hook's stderr, where it was logged); returns the
     * exit code: the outcome's, or {@link ExitCodes#NOT_LOGGED} when the log could not be written.
     */
    static int failed(PrintWriter err, TableMeta meta, SaveResult r, Path logFile, FailureLog.Unwritten unlogged) {
        err.println("hookdesk: " + failure(meta, r));
        hookStderr(r).forEach(err::println);
        if (unlogged.count() == 0) {
            err.println("hookdesk: logged in " + logFile);
            return ExitCodes.of(r.outcome());
        }
        err.println("hookdesk: NOT logged: " + logFile + " could not be written (" + unlogged.problem()
                + "); these lines are the only record of this failure");
        return ExitCodes.NOT_LOGGED;
    }

    /** The last lines of what the hook wrote to stderr (secrets masked), indented; empty if it wrote nothing. */
    static List<String> hookStderr(SaveResult r) {
        if (!r.hookRan() || r.hook().stderr() == null || r.hook().stderr().isBlank()) {
            return List.of();
        }
        String[] lines = Masking.output(r.table(), r.environment(), r.hook().stderr()).stripTrailing().split("\n");
        List<String> tail = Arrays.asList(lines).subList(Math.max(0, lines.length - HOOK_STDERR_LINES), lines.length);
        return tail.stream().map(l -> "  | " + l).toList();
    }
}
