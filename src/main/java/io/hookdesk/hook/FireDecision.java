package io.hookdesk.hook;

import java.util.List;

/** Whether a save should run its hook, and if not, why not (in words a CSR understands). */
public record FireDecision(boolean fire, Reason reason, List<String> changedColumns) {

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

    public FireDecision {
        changedColumns = List.copyOf(changedColumns);
    }

    public String describe() {
        if (reason == Reason.ONLY_NON_PROVISIONING && !changedColumns.isEmpty()) {
            return reason.text() + " (" + String.join(", ", changedColumns) + ")";
        }
        return reason.text();
    }
}
