package io.hookdesk.model;

/**
 * Whether a save creates a record ({@code NEW=1}) or updates one ({@code NEW=0}), or a hook is run again for a
 * record as it is ({@code NEW=0}, {@code OLD_*} equal to {@code NEW_*}, {@code HOOK_REPROVISION=1}).
 */
public enum Operation {
    CREATE("create"), UPDATE("update"),
    /** "Run hook again": recorded as {@code rerun} (hookdesk.hook_run.operation holds at most 10 characters). */
    REPROVISION("rerun");

    private final String label;

    Operation(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
