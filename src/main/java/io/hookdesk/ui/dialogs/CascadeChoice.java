package io.hookdesk.ui.dialogs;

/** What the CSR chose when an account's or user's state change could go to everything under it. */
public enum CascadeChoice {
    /** Change the record and everything under it, as listed. */
    CASCADE,
    /** Reopening: the Closed records under it too, not only the Suspended ones (BillMax's FLAGS_FORCE). */
    CASCADE_FORCE,
    /** Save only the record in the form, as before. */
    ONLY_THIS_RECORD,
    /** Save nothing; the edits stay in the form. */
    CANCEL
}
