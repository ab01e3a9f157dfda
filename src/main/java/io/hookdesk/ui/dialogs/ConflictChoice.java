package io.hookdesk.ui.dialogs;

/** What a CSR chose after someone else saved the record first. */
public enum ConflictChoice {
    /** Throw away my edits and show their version. */
    RELOAD,
    /** Keep my edits in the form, now on top of their version. */
    KEEP_EDITING
}
