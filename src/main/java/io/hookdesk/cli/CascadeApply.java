package io.hookdesk.cli;

import io.hookdesk.hook.HookEnvironment;
import io.hookdesk.model.HookCancellation;
import io.hookdesk.save.CascadePlan;
import io.hookdesk.save.CascadeResult;
import io.hookdesk.save.Compensation;
import io.hookdesk.save.SaveRequest;
import io.hookdesk.save.SaveResult;
import io.hookdesk.save.StateCascade;

import java.io.PrintWriter;
import java.nio.file.Path;

/**
 * {@code hookdesk apply account 1042 --set state=2 --cascade}: the account-wide action, with {@code --dry-run} printing
 * what would change and each hook's environment (secrets masked) instead.
 */
final class CascadeApply {

    private final Backend.Services app;
    private final PrintWriter out;
    private final PrintWriter err;
    private final Path logFile;

    CascadeApply(Backend.Services app, PrintWriter out, PrintWriter err, Path logFile) {
        this.app = app;
        this.out = out;
        this.err = err;
        this.logFile = logFile;
    }

    int run(SaveRequest request, boolean force, boolean dryRun, Integer max) {
        CascadePlan plan;
        try {
            plan = app.cascades().plan(request, force);
        } catch (StateCascade.Refused refused) {
            throw CliException.badInput(SaveReport.subjectOf(request) + " not changed, nothing changed: "
                    + refused.field() + ": " + refused.getMessage());
        }
        if (dryRun) {
            list(plan);
            environments(plan);
            return ExitCodes.OK;
        }
        int limit = max == null ? StateCascade.DEFAULT_LIMIT : max;
        if (plan.size() > limit) {
            throw CliException.badInput("the cascade from " + plan.cascadeFrom() + " changes " + plan.size()
                    + " records, more than " + limit + (max == null ? " (the default limit)" : "") + "; nothing changed. "
                    + "Check it with --dry-run, then give --max " + plan.size() + " to go ahead");
        }
        CascadeResult r = app.cascades().run(plan, limit, new HookCancellation().onWaiting(waiting -> {
            if (waiting != null) {
                err.println("hookdesk: " + waiting + "…");
                err.flush();
            }
        }), (k, n, step) -> {
            err.println("hookdesk: hook " + k + " of " + n + ": " + step.table().hookName() + " for " + step.table() + " "
                    + step.number());
            err.flush();
        });
        if (r.committed()) {
            err.println("hookdesk: " + r.message());
            return ExitCodes.OK;
        }
        err.println("hookdesk: " + r.message());
        if (!r.steps().isEmpty()) {
            SaveResult failed = r.steps().get(r.steps().size() - 1);
            SaveReport.hookStderr(failed).forEach(err::println);
        }
        for (Compensation c : r.followUp()) {
            err.println("hookdesk: FOLLOW UP: " + c.disagreement());
        }
        r.auditProblems().forEach(p -> err.println("hookdesk: WARNING: a run of this cascade could not be recorded: " + p));
        if (r.steps().isEmpty()) {
            return ExitCodes.of(r.outcome());
        }
        if (app.unlogged().count() > 0) {
            err.println("hookdesk: NOT logged: " + logFile + " could not be written (" + app.unlogged().problem()
                    + "); these lines are the only record of this failure");
            return ExitCodes.NOT_LOGGED;
        }
        err.println("hookdesk: logged in " + logFile + "; cascade " + r.cascadeId() + " in hookdesk.hook_run");
        // A compensation that failed is a provisioned system out of step: a hook problem, whatever ended the cascade.
        return r.followUp().isEmpty() ? ExitCodes.of(r.outcome()) : ExitCodes.HOOK;
    }

    /** The records that change, in hook order, with a count; then those left as they are. */
    private void list(CascadePlan plan) {
        out.println("cascade from " + plan.cascadeFrom() + ": " + plan.size() + " record" + (plan.size() == 1 ? "" : "s")
                + " change to " + plan.steps().get(0).toState() + ", " + plan.hooks() + " hook" + (plan.hooks() == 1 ? "" : "s")
                + " run" + (plan.force() ? " (force)" : ""));
        int i = 0;
        for (CascadePlan.Step step : plan.steps()) {
            out.println("  " + (++i) + ". " + step.describe());
        }
        if (!plan.left().isEmpty()) {
            out.println("left as they are:");
            plan.left().forEach(l -> out.println("  " + l.describe()));
        }
    }

    private void environments(CascadePlan plan) {
        int i = 0;
        for (CascadePlan.Step step : plan.steps()) {
            out.println();
            out.println("# " + (++i) + ". " + step.table() + " " + step.number() + " (" + step.table().hookName()
                    + (step.hookRuns() ? "" : ", not run") + ")");
            EnvFormat.lines(out, HookEnvironment.masked(step.table(), step.preview().environment()));
        }
        out.flush();
    }
}
