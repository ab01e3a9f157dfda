package io.hookdesk.hook;

import io.hookdesk.model.HookedTable;
import io.hookdesk.model.Operation;
import io.hookdesk.model.Row;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Everything a hook's environment is made of.
 *
 * @param oldRow    the row as committed before this save (null on create; the row itself on a reprovision)
 * @param newRow    the row as it will be committed
 * @param related   related records by prefix (USER, ACCOUNT ...), in {@link io.hookdesk.model.Relations} order
 * @param clientEnv the client's own process environment; only an allowlist of it is passed on
 * @param cascadeFrom the record whose state change this save is part of ({@code account:1042}), or null for a save of
 *                  its own: the hook is then told {@code HOOK_CASCADE=1} and {@code HOOK_CASCADE_FROM}
 */
public record HookInput(HookedTable table, Operation operation, Row oldRow, Row newRow,
                        Map<String, Row> related, String csr, boolean interactive,
                        Map<String, String> clientEnv, String cascadeFrom) {

    /** A save of its own, not part of a cascade. */
    public HookInput(HookedTable table, Operation operation, Row oldRow, Row newRow, Map<String, Row> related,
                     String csr, boolean interactive, Map<String, String> clientEnv) {
        this(table, operation, oldRow, newRow, related, csr, interactive, clientEnv, null);
    }

    public HookInput {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(newRow, "newRow");
        if (operation == Operation.UPDATE) {
            Objects.requireNonNull(oldRow, "oldRow is required on update");
        }
        if (operation == Operation.REPROVISION) {
            // Nothing changes on a reprovision: the hook sees the record as it is on both sides.
            oldRow = newRow;
        }
        related = related == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(related));
        csr = csr == null ? "" : csr;
        clientEnv = clientEnv == null ? Map.of() : Map.copyOf(clientEnv);
    }
}
