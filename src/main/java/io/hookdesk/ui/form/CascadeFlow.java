package io.hookdesk.ui.form;

import io.hookdesk.model.HookedTable;
import io.hookdesk.save.CascadePlan;
import io.hookdesk.save.CascadeResult;
import io.hookdesk.save.Masking;
import io.hookdesk.save.SaveRequest;
import io.hookdesk.save.StateCascade;
import io.hookdesk.ui.connect.Session;
import io.hookdesk.ui.dialogs.CascadeChoice;
import io.hookdesk.ui.dialogs.CascadeReport;
import io.hookdesk.ui.dialogs.DialogService;
import io.hookdesk.ui.task.TaskExecutor;

import java.util.function.Consumer;

/**
 * A CSR changing an account's or user's state is asked whether the change goes to everything under it (issue 21):
 * the records and hooks are listed first, with each one's variables; the cascade then runs in the background with
 * "hook k of n" and Cancel on the form's running bar. Every database call is off the FX thread.
 */
final class CascadeFlow {

    private final HookedTable table;
    private final Session session;
    private final TaskExecutor executor;
    private final DialogService dialogs;
    private final SaveCommand command;
    private final StateCascade cascades;

    CascadeFlow(HookedTable table, Session session, TaskExecutor executor, DialogService dialogs, SaveCommand command) {
        this.table = table;
        this.session = session;
        this.executor = executor;
        this.dialogs = dialogs;
        this.command = command;
        this.cascades = session.cascades();
    }

    /** Whether saving {@code request} is an account's or user's state change that could cascade. */
    boolean offered(SaveRequest request) {
        return request.number() != null && request.changes().containsKey("state")
                && (table == HookedTable.ACCOUNT || table == HookedTable.USER) && cascades.applies(table);
    }

    /** The two plans a reopen can choose between: the Suspended ones only, and with force the Closed ones too. */
    private record Plans(CascadePlan plan, CascadePlan forced) {
    }

    /**
     * Lists what the change would do, asks, and saves as chosen: the cascade ({@code done} gets its result), only the
     * record ({@code onlyThis}), or nothing. A state that does not cascade (Waiting for Payment) is saved alone, unasked.
     */
    void ask(SaveRequest request, Runnable onlyThis, Consumer<CascadeResult> done, Consumer<Throwable> crashed,
             Consumer<String> message) {
        executor.execute("Listing what is under " + table + " " + request.number(), () -> plans(request), plans -> {
            if (plans == null || plans.plan().size() < 2 && plans.forced() == null) {
                // Nothing under it would change: the CSR's save is a save of this record alone.
                onlyThis.run();
                return;
            }
            CascadeChoice choice = dialogs.askCascade(report(plans));
            switch (choice) {
                case CASCADE -> run(plans.plan(), done, crashed, message);
                case CASCADE_FORCE -> run(plans.forced(), done, crashed, message);
                case ONLY_THIS_RECORD -> onlyThis.run();
                case CANCEL -> message.accept("Not saved: you cancelled; your changes are still in the form.");
            }
        }, crashed);
    }

    private Plans plans(SaveRequest request) {
        try {
            CascadePlan plan = cascades.plan(request, false);
            CascadePlan forced = plan.targetState() == 0 ? cascades.plan(request, true) : null;
            return new Plans(plan, forced != null && forced.size() > plan.size() ? forced : null);
        } catch (StateCascade.Refused refused) {
            // Not a cascading state, or a value the save path will refuse and explain: the ordinary save says why.
            return null;
        }
    }

    private CascadeReport report(Plans plans) {
        CascadePlan p = plans.plan();
        var entries = p.steps().stream().map(s -> new CascadeReport.Entry(s.describe(),
                Masking.environment(s.table(), s.preview().environment()))).toList();
        var left = p.left().stream().map(CascadePlan.Left::describe).toList();
        String force = plans.forced() == null ? null : "Reopening changes only Suspended records; \"Reopen Closed ones too\" "
                + "changes " + plans.forced().size() + " records, the Closed ones included.";
        return new CascadeReport((p.targetState() == 0 ? "Reopen " : p.targetState() == 1 ? "Close " : "Suspend ")
                + p.table() + " " + p.number() + " and everything under it?",
                p.cascadeFrom() + ": " + p.size() + " records change to " + p.steps().get(0).toState() + ", " + p.hooks()
                        + " hook" + (p.hooks() == 1 ? "" : "s") + " run, in this order, all or nothing.", entries, left, force);
    }

    private void run(CascadePlan plan, Consumer<CascadeResult> done, Consumer<Throwable> crashed, Consumer<String> message) {
        int limit = StateCascade.DEFAULT_LIMIT;
        if (plan.size() > limit) {
            if (!dialogs.confirm("Change " + plan.size() + " records?", "This cascade changes " + plan.size()
                    + " records, more than " + limit + ", and holds them until every hook has run.", "Change all " + plan.size())) {
                message.accept("Not saved: you cancelled; your changes are still in the form.");
                return;
            }
            limit = plan.size();
        }
        command.runCascade(plan, limit, cascades, done, crashed);
    }
}
