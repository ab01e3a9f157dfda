package io.hookdesk.save;

import io.hookdesk.model.HookedTable;

import java.util.List;

/**
 * What an account-wide action will do, computed before it is confirmed: the records whose state it changes, in the order
 * their hooks run (the account, then each user by number followed by that user's services by number), each with the
 * environment its hook will get; and the records it leaves as they are, with why.
 *
 * @param cascadeFrom the record the CSR changed, as hooks are told it ({@code account:1042})
 * @param targetState BillMax's state code the cascade sets (0 Open, 1 Closed, 2 Suspended)
 * @param force       reopening: every Suspended and Closed record, not only the Suspended ones
 */
public record CascadePlan(HookedTable table, long number, String cascadeFrom, int targetState, boolean force,
                          List<Step> steps, List<Left> left) {

    public CascadePlan {
        steps = List.copyOf(steps);
        left = List.copyOf(left);
    }

    /**
     * One record the cascade changes.
     *
     * @param fromState the state as the record has it now, in BillMax's words ({@code Open})
     * @param request   the save that changes it (the first step's is the CSR's own, with whatever else they changed)
     * @param preview   the save path's preview of it: the environment, whether and which hook runs
     */
    public record Step(HookedTable table, long number, String fromState, String toState, SaveRequest request,
                       SaveResult preview) {

        /** Whether a hook will run for this record (the hook is installed and the fire policy says so). */
        public boolean hookRuns() {
            return preview.decision() != null && preview.decision().fire() && preview.hookStatus() != null
                    && preview.hookStatus().ready();
        }

        /** {@code user 7: Open -> Suspended, user_hook runs} */
        public String describe() {
            String hook;
            if (hookRuns()) {
                hook = table.hookName() + " runs";
            } else if (preview.decision() != null && !preview.decision().fire()) {
                hook = "no hook: " + preview.decision().describe();
            } else if (preview.hookStatus() != null && preview.hookStatus().absent()) {
                hook = "no " + table.hookName() + " is installed";
            } else {
                hook = table.hookName() + " may not run: " + (preview.hookStatus() == null ? "unknown" : preview.hookStatus().message());
            }
            return table + " " + number + ": " + fromState + " -> " + toState + ", " + hook;
        }
    }

    /** A record under the one changed that keeps its state ({@code service 12: Closed, stays closed without force}). */
    public record Left(HookedTable table, long number, String state, String why) {
        public String describe() {
            return table + " " + number + ": " + state + ", " + why;
        }
    }

    /** How many records change. */
    public int size() {
        return steps.size();
    }

    /** How many hooks will run. */
    public int hooks() {
        return (int) steps.stream().filter(Step::hookRuns).count();
    }
}
