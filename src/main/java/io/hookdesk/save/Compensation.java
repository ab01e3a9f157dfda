package io.hookdesk.save;

import io.hookdesk.model.HookOutcome;
import io.hookdesk.model.HookStatus;

import java.time.Instant;
import java.util.SortedMap;

/**
 * One hook of a failed cascade run again with its change reversed ({@code HOOK_COMPENSATE=1}), before the rollback, so
 * the system it provisioned returns to what the database keeps.
 *
 * @param ran         the run being undone (its record, hook and environment)
 * @param environment what the compensating run was given, unmasked: mask before showing
 * @param outcome     how it ended, or null when the hook could not be run at all ({@code reason} says why)
 */
public record Compensation(SaveResult ran, SortedMap<String, String> environment, HookStatus status,
                           HookOutcome outcome, Instant startedAt, String reason) {

    public boolean succeeded() {
        return outcome != null && outcome.succeeded();
    }

    /**
     * For a compensation that failed: which system may now disagree with the billing database, about which record,
     * and what the database keeps for it ({@code service_hook (/srv/hooks/service_hook) for service 12 failed to undo
     * its change (exited with status 1); the system it provisions may still have service 12 as state 2 while the
     * database has state 0 (after the rollback): check it by hand}).
     */
    public String disagreement() {
        String hook = ran.table().hookName() + (status != null && status.path() != null ? " (" + status.path() + ")" : "");
        String oldState = environment.getOrDefault("NEW_state", "?");
        String newState = environment.getOrDefault("OLD_state", "?");
        return hook + " for " + ran.table() + " " + ran.number() + " failed to undo its change (" + reason + "): the system "
                + "it provisions may still have " + ran.table() + " " + ran.number() + " as state " + newState
                + " while the database keeps state " + oldState + " (the cascade was rolled back); check it by hand";
    }
}
