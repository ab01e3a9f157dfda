package io.hookdesk.save;

import java.util.List;

/**
 * How an account-wide action ended: all committed, or nothing (then the hooks that had run were compensated).
 *
 * @param cascadeId     what its audit rows share ({@code hookdesk.hook_run.cascade_id}); null when it never started
 * @param steps         each record's result, in order, as far as the cascade got (the last one failed if it did not commit)
 * @param compensations the runs that undid earlier hooks after a failure, in the (reverse) order they ran
 * @param auditProblems why some of its runs could not be recorded, if any
 */
public record CascadeResult(SaveOutcome outcome, String cascadeId, String message, List<SaveResult> steps,
                            List<Compensation> compensations, List<String> auditProblems) {

    public CascadeResult {
        steps = List.copyOf(steps);
        compensations = List.copyOf(compensations);
        auditProblems = List.copyOf(auditProblems);
    }

    public boolean committed() {
        return outcome.committed();
    }

    /** The compensations that failed: systems that may now disagree with the database, for someone to look at. */
    public List<Compensation> followUp() {
        return compensations.stream().filter(c -> !c.succeeded()).toList();
    }
}
