package io.hookdesk.save;

/** How a save ended. Only {@link #COMMITTED} changed the database. */
public enum SaveOutcome {
    /** Written and committed; the hook, if it ran, exited 0. */
    COMMITTED("committed"),
    /**
     * A {@link SaveService#preview}: gone through the save path up to where the hook would run, then rolled back as
     * asked. No hook ran and nothing changed; never the outcome of a save.
     */
    PREVIEWED("previewed"),
    /** The hook failed, timed out or was killed: the change was rolled back. */
    HOOK_FAILED("rolled back"),
    /** The CSR cancelled the running hook: the change was rolled back. */
    CANCELLED("cancelled"),
    /** The hook exists but may not run (not executable, unsafe permissions): nothing was written. */
    HOOK_REFUSED("refused"),
    /** Someone else saved the record since it was loaded: nothing was written. */
    CONFLICT("conflict"),
    /** Bad input (unknown column, a value that does not parse, a constraint): nothing was written. */
    INVALID("invalid"),
    /** The record to update does not exist. */
    NOT_FOUND("not found"),
    /** The database failed before the hook ran: nothing was written. */
    DATABASE_ERROR("database error"),
    /** The hook succeeded but the commit failed: the provisioned system may now be ahead of the database. */
    COMMIT_FAILED_AFTER_HOOK("commit failed after hook");

    private final String label;

    SaveOutcome(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public boolean committed() {
        return this == COMMITTED;
    }
}
