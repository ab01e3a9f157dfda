package io.hookdesk.save;

import io.hookdesk.model.AuditOutcome;
import io.hookdesk.model.FireDecision;
import io.hookdesk.model.HookOutcome;
import io.hookdesk.model.HookStatus;
import io.hookdesk.model.HookedTable;
import io.hookdesk.model.Operation;
import io.hookdesk.model.Row;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.SortedMap;

/**
 * Everything a save's caller needs to tell the person what happened.
 *
 * @param number       the record's number (assigned on create), or null if none was written
 * @param row          on commit the row as committed; on conflict the row as the other person saved it; else null
 * @param version      the committed row's version, to keep editing it without a false conflict
 * @param environment  the environment the hook ran with (or would have run with), unmasked: mask before showing
 * @param hookStatus   what the hooks directory held for this table
 * @param decision     whether the fire policy ran the hook, and why
 * @param hook         how the hook run ended, or null if it did not run
 * @param message      one sentence for the person
 * @param fieldErrors  column to problem, for INVALID
 * @param auditProblem why this attempt has no row in {@code hookdesk.hook_run}, or null when it has one
 * @param databaseUnreachable the attempt ended because the database could not be reached (the connection was lost or
 *                     none could be had): the next attempt would very likely end the same way
 */
public record SaveResult(SaveOutcome outcome, HookedTable table, Operation operation, Long number, Row row,
                         Long version, SortedMap<String, String> environment, HookStatus hookStatus,
                         FireDecision decision, HookOutcome hook, String message, Map<String, String> fieldErrors,
                         Instant startedAt, Duration duration, String auditProblem, boolean databaseUnreachable) {

    public SaveResult {
        fieldErrors = fieldErrors == null ? Map.of() : Map.copyOf(fieldErrors);
    }

    public SaveResult(SaveOutcome outcome, HookedTable table, Operation operation, Long number, Row row,
                      Long version, SortedMap<String, String> environment, HookStatus hookStatus,
                      FireDecision decision, HookOutcome hook, String message, Map<String, String> fieldErrors,
                      Instant startedAt, Duration duration) {
        this(outcome, table, operation, number, row, version, environment, hookStatus, decision, hook, message,
                fieldErrors, startedAt, duration, null);
    }

    public SaveResult(SaveOutcome outcome, HookedTable table, Operation operation, Long number, Row row,
                      Long version, SortedMap<String, String> environment, HookStatus hookStatus,
                      FireDecision decision, HookOutcome hook, String message, Map<String, String> fieldErrors,
                      Instant startedAt, Duration duration, String auditProblem) {
        this(outcome, table, operation, number, row, version, environment, hookStatus, decision, hook, message,
                fieldErrors, startedAt, duration, auditProblem, false);
    }

    /** The same result, saying why its attempt could not be recorded. */
    public SaveResult withAuditProblem(String problem) {
        return new SaveResult(outcome, table, operation, number, row, version, environment, hookStatus, decision, hook,
                message, fieldErrors, startedAt, duration, problem, databaseUnreachable);
    }

    /** The same result, ended otherwise: a cascade's earlier record, rolled back with it. */
    SaveResult endedAs(SaveOutcome ended, String why) {
        return new SaveResult(ended, table, operation, number, row, version, environment, hookStatus, decision, hook,
                why, fieldErrors, startedAt, duration, auditProblem, databaseUnreachable);
    }

    /** The same result, ended because the database could not be reached. */
    SaveResult unreachable() {
        return new SaveResult(outcome, table, operation, number, row, version, environment, hookStatus, decision, hook,
                message, fieldErrors, startedAt, duration, auditProblem, true);
    }

    public boolean committed() {
        return outcome.committed();
    }

    public boolean hookRan() {
        return hook != null;
    }

    /** How this attempt is (or would be) recorded in the audit and the failure log; not for a preview. */
    public AuditOutcome recordedAs() {
        return AuditRows.outcome(this);
    }
}
