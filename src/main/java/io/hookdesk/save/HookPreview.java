package io.hookdesk.save;

import io.hookdesk.hook.FirePolicy;
import io.hookdesk.hook.HookEnvironment;
import io.hookdesk.hook.HookInput;
import io.hookdesk.model.FireDecision;
import io.hookdesk.model.HookedTable;
import io.hookdesk.model.Operation;
import io.hookdesk.model.Origin;
import io.hookdesk.model.Row;
import io.hookdesk.model.ValueSettings;

import java.util.Map;
import java.util.Set;
import java.util.SortedMap;

/**
 * What a change would give its hook and whether the fire policy would run it: the one function behind the save, its
 * preview ({@code hookdesk env}) and the desktop's environment panel, so that what a supervisor previews is what the
 * hook gets and whether it runs is said alike everywhere. Pure: no database, no hook.
 *
 * @param environment the hook's environment, unmasked: mask before showing
 * @param decision    whether the hook would run, and why
 */
public record HookPreview(SortedMap<String, String> environment, FireDecision decision) {

    /**
     * For a change {@code input} made from {@code origin}, in which the person typed the columns {@code typed} (null:
     * every changed column counts as theirs, as while they are still typing), under the operator's {@code settings}.
     */
    public static HookPreview of(HookInput input, Origin origin, Set<String> typed, ValueSettings settings) {
        return new HookPreview(HookEnvironment.build(input), FirePolicy.decide(input.table(), input.operation(),
                input.oldRow(), input.newRow(), origin, typed, settings));
    }

    /**
     * For the desktop's draft of a record: {@code oldRow} as loaded (null on create), {@code draft} as typed so far,
     * the related records its hook would receive, saved by {@code csr} at the screen.
     */
    public static HookPreview ofDraft(HookedTable table, Operation operation, Row oldRow, Row draft,
                                      Map<String, Row> related, String csr, Map<String, String> clientEnv,
                                      ValueSettings settings) {
        return of(new HookInput(table, operation, oldRow, draft, related, csr, true, clientEnv), Origin.DESKTOP, null,
                settings);
    }
}
