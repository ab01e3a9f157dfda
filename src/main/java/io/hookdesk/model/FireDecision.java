package io.hookdesk.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Whether a save should run its hook, and if not, why not (in words a CSR understands). */
public record FireDecision(boolean fire, Reason reason, List<String> changedColumns, Map<String, String> notProvisioning) {

    public enum Reason {
        PROVISIONING_CHANGE("provisioning columns changed"),
        CREATED("a new record"),
        AUTOMATED("automated processing never runs hooks"),
        DO_NOT_PROVISION("the service is marked Do Not Provision"),
        NOTHING_CHANGED("nothing changed"),
        ONLY_NON_PROVISIONING("only non-provisioning columns changed");

        private final String text;

        Reason(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }
    }

    /** Why a bookkeeping column such as {@code invcnt} does not count: said by the column's name alone. */
    public static final String NO_CONSEQUENCE = "no provisioning consequence";

    public FireDecision {
        changedColumns = List.copyOf(changedColumns);
        notProvisioning = Collections.unmodifiableMap(new LinkedHashMap<>(notProvisioning));
    }

    public FireDecision(boolean fire, Reason reason, List<String> changedColumns) {
        this(fire, reason, changedColumns, Map.of());
    }

    /**
     * Of the changed columns, those whose change has provisioning consequences: not bookkeeping, not a column the
     * database changed by itself (a trigger's stamp), not one the operator listed in {@code hook.ignore-columns}.
     */
    public List<String> provisioningColumns() {
        return changedColumns.stream().filter(c -> !notProvisioning.containsKey(c)).toList();
    }

    public String describe() {
        if (reason == Reason.ONLY_NON_PROVISIONING && !changedColumns.isEmpty()) {
            // Each column with why it is not provisioning data, so the audit says why the hook did not run.
            return reason.text() + " (" + String.join(", ", changedColumns.stream()
                    .map(c -> notProvisioning.containsKey(c) && !NO_CONSEQUENCE.equals(notProvisioning.get(c))
                            ? c + ": " + notProvisioning.get(c) : c).toList()) + ")";
        }
        return reason.text();
    }
}
