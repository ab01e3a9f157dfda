package io.hookdesk.save;

import io.hookdesk.model.AuditOutcome;
import io.hookdesk.model.HookOutcome;
import io.hookdesk.model.HookRun;

import java.util.Locale;

/** Turns a save's result into its audit row, with every secret masked. */
final class AuditRows {

    private AuditRows() {
    }

    /** How the attempt is recorded in {@code hookdesk.hook_run.outcome}: the save's outcome, told finer. */
    static AuditOutcome outcome(SaveResult r) {
        return switch (r.outcome()) {
            case COMMITTED -> r.hookRan() ? AuditOutcome.COMMITTED
                    : r.decision() != null && !r.decision().fire() ? AuditOutcome.SKIPPED : AuditOutcome.NO_HOOK;
            case HOOK_FAILED -> r.hook() != null && r.hook().kind() == HookOutcome.Kind.TIMED_OUT
                    ? AuditOutcome.TIMED_OUT : AuditOutcome.ROLLED_BACK;
            case CANCELLED -> AuditOutcome.CANCELLED;
            case HOOK_REFUSED -> AuditOutcome.REFUSED;
            case CONFLICT -> AuditOutcome.CONFLICT;
            case INVALID -> AuditOutcome.INVALID;
            case NOT_FOUND -> AuditOutcome.NOT_FOUND;
            case DATABASE_ERROR -> AuditOutcome.DATABASE_ERROR;
            case COMMIT_FAILED_AFTER_HOOK -> AuditOutcome.COMMIT_FAILED;
            case PREVIEWED -> throw new IllegalArgumentException("a preview is not an attempt and is not recorded");
        };
    }

    /**
     * Automated processing never runs a hook, and renewing a million services must not write gigabytes of
     * environments nobody needs: its attempts are recorded, without the environment.
     */
    private static boolean automatedSkip(SaveRequest request, SaveResult r) {
        return !request.origin().isPerson() && !r.hookRan();
    }

    /** The row written before the hook starts, in the save's transaction; completed by the hook's result. */
    static HookRun running(SaveRequest request, SaveResult r) {
        HookRun row = of(request, r);
        return new HookRun(0, row.table(), row.number(), row.operation(), row.csr(), row.dbUser(), row.origin(),
                row.startedAt(), row.durationMs(), row.hookPath(), null, null, AuditOutcome.RUNNING.word(),
                row.message(), "", "", row.environment(), row.hookRunner(), row.cascadeId());
    }

    /**
     * The row of a run that undid a cascade's earlier hook ({@code operation} compensate): {@code compensation_failed}
     * when it did not succeed, which is what an operator following up queries for.
     */
    static HookRun compensation(SaveRequest request, Compensation c, String cascadeId) {
        SaveResult ran = c.ran();
        var table = ran.table();
        var out = c.outcome();
        return new HookRun(0, table.sqlName(), ran.number(), "compensate", request.csr(), "",
                request.origin().name().toLowerCase(Locale.ROOT), c.startedAt(),
                out == null ? 0 : out.duration().toMillis(),
                c.status() == null || c.status().path() == null ? "" : c.status().path().toString(),
                out == null ? null : out.exitCode(), out == null ? null : out.signal(),
                (c.succeeded() ? AuditOutcome.COMPENSATED : AuditOutcome.COMPENSATION_FAILED).word(),
                c.succeeded() ? "undid " + table.hookName() + "'s change to " + table + " " + ran.number()
                        + " (HOOK_COMPENSATE=1) before the cascade rolled back" : "FOLLOW UP: " + c.disagreement(),
                out == null ? "" : Masking.output(table, c.environment(), out.stdout()),
                out == null ? "" : Masking.output(table, c.environment(), out.stderr()),
                Masking.environmentText(table, c.environment()),
                c.status() == null ? null : c.status().where(), cascadeId);
    }

    static HookRun of(SaveRequest request, SaveResult r) {
        var env = r.environment();
        var table = r.table();
        boolean ran = r.hookRan();
        return new HookRun(0, table.sqlName(), r.number(), r.operation().label(), request.csr(), "",
                request.origin().name().toLowerCase(Locale.ROOT), r.startedAt(), r.duration().toMillis(),
                r.hookStatus() == null || r.hookStatus().absent() ? "" : r.hookStatus().path().toString(),
                ran ? r.hook().exitCode() : null, ran ? r.hook().signal() : null, outcome(r).word(),
                r.message() == null ? "" : r.message(),
                ran ? Masking.output(table, env, r.hook().stdout()) : "",
                ran ? Masking.output(table, env, r.hook().stderr()) : "",
                env == null || automatedSkip(request, r) ? "" : Masking.environmentText(table, env),
                r.hookStatus() == null ? null : r.hookStatus().where(), null);
    }
}
