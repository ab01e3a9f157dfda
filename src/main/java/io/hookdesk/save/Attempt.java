package io.hookdesk.save;

import io.hookdesk.db.store.VersionedRow;
import io.hookdesk.hook.run.PendingCommit;
import io.hookdesk.model.FireDecision;
import io.hookdesk.model.HookOutcome;
import io.hookdesk.model.HookStatus;
import io.hookdesk.model.Operation;
import io.hookdesk.model.Row;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.SortedMap;

/**
 * What is known about one attempt (a save, a run again, one record of a cascade) at a step of {@link SaveService}:
 * each step returns a new value with what it learnt, and the attempt's {@link SaveResult} is made from it in one place
 * ({@link #result}).
 *
 * @param operation   what the attempt is recorded as: the request's, or {@link Operation#REPROVISION} for a run again
 * @param started     when the attempt began, for the audit
 * @param t0          {@link System#nanoTime()} then, for its duration
 * @param cascadeFrom in a cascade, the record the CSR changed ({@code account:1042}); else null
 * @param cascadeId   in a cascade, its id; else null
 * @param status      what the hook host holds for the table, as last asked
 * @param number      the record's number: the request's, or the one a create was given
 * @param row         the row as written (or read, or as the other person saved it on a conflict), or null
 * @param version     that row's version, or null
 * @param environment what the hook gets, once built
 * @param decision    whether the fire policy runs the hook, once asked
 * @param hook        how the hook run ended, or null while it has not run
 * @param pending     the hook's outcome on record until the commit is over, or null while no hook has run; closed by
 *                    {@link #commitOver}
 */
record Attempt(SaveRequest request, Operation operation, Instant started, long t0, String cascadeFrom,
               String cascadeId, HookStatus status, Long number, Row row, Long version,
               SortedMap<String, String> environment, FireDecision decision, HookOutcome hook, PendingCommit pending) {

    /** An attempt at {@code request} beginning now, recorded as {@code operation}. */
    static Attempt of(SaveRequest request, Operation operation, Instant started, long t0) {
        return new Attempt(request, operation, started, t0, null, null, null, request.number(), null, null, null, null,
                null, null);
    }

    /** One record of the cascade {@code cascadeId} from {@code cascadeFrom}. */
    Attempt inCascade(String from, String id) {
        return new Attempt(request, operation, started, t0, from, id, status, number, row, version, environment, decision,
                hook, pending);
    }

    /** What the hook host now says of the table's hook. */
    Attempt located(HookStatus now) {
        return new Attempt(request, operation, started, t0, cascadeFrom, cascadeId, now, number, row, version, environment,
                decision, hook, pending);
    }

    /** The row read (locked, found, or as another person saved it) at {@code rowVersion}; the number stays. */
    Attempt at(Row read, Long rowVersion) {
        return new Attempt(request, operation, started, t0, cascadeFrom, cascadeId, status, number, read, rowVersion,
                environment, decision, hook, pending);
    }

    /** The row as this attempt wrote it, with the number a create was given. */
    Attempt written(VersionedRow saved) {
        return new Attempt(request, operation, started, t0, cascadeFrom, cascadeId, status, saved.row().integer("number"),
                saved.row(), saved.version(), environment, decision, hook, pending);
    }

    /** What the hook gets and whether it runs, as the one preview function says. */
    Attempt previewed(HookPreview preview) {
        return new Attempt(request, operation, started, t0, cascadeFrom, cascadeId, status, number, row, version,
                preview.environment(), preview.decision(), hook, pending);
    }

    /** What the hook gets, where no fire policy is asked (a run again). */
    Attempt withEnvironment(SortedMap<String, String> env) {
        return new Attempt(request, operation, started, t0, cascadeFrom, cascadeId, status, number, row, version, env,
                decision, hook, pending);
    }

    /** The hook ran and ended as {@code outcome}; its exit is on record in {@code commit} until the commit is over. */
    Attempt ran(HookOutcome outcome, PendingCommit commit) {
        return new Attempt(request, operation, started, t0, cascadeFrom, cascadeId, status, number, row, version,
                environment, decision, outcome, commit);
    }

    /** Nothing of this attempt stays in the database: the request's number, no row. */
    Attempt nothingWritten() {
        return new Attempt(request, operation, started, t0, cascadeFrom, cascadeId, status, request.number(), null, version,
                environment, decision, hook, pending);
    }

    /** The hook ran and exited 0: a failure from here on is a commit that failed after it. */
    boolean hookSucceeded() {
        return hook != null && hook.succeeded();
    }

    /** The save's transaction as the database numbers it, learnt while the hook ran; null when no hook ran. */
    String transactionId() {
        return pending == null ? null : pending.transactionId();
    }

    /** The transaction has committed or is gone, and this process says which: the hook's marker may go. */
    void commitOver() {
        if (pending != null) {
            pending.close();
        }
    }

    /** The attempt's result: how it ended, one sentence for the person, and for bad input the field's problems. */
    SaveResult result(SaveOutcome outcome, String message, Map<String, String> errors) {
        return new SaveResult(outcome, request.table(), operation,
                outcome == SaveOutcome.COMMITTED || outcome == SaveOutcome.PREVIEWED
                        || outcome == SaveOutcome.COMMIT_FAILED_AFTER_HOOK || outcome == SaveOutcome.CONFLICT
                        ? number : request.number(),
                row, version, environment, status, decision, hook, message, errors, started,
                Duration.ofNanos(System.nanoTime() - t0));
    }
}
