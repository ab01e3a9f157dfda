package io.hookdesk.ui.form;

/** Which control a field gets on the form. Derived from the column's kind unless the overlay says otherwise. */
public enum ControlKind {
    /** A one-line text field. */
    TEXT,
    /** Several lines (message bodies, processor payloads). */
    TEXT_AREA,
    /** A password field with a reveal toggle ({@link io.hookdesk.model.Secrets}). */
    SECRET,
    /** A check box: booleans, and 0/1 flags stored as small integers. */
    CHECK,
    /** A drop-down of coded values. */
    CODE,
    DATE,
    TIME,
    NUMBER,
    /** An amount stored in cents, typed and shown with a decimal point ({@link Money}). */
    MONEY,
    /** A record number of another hooked table, with a search pop-up. */
    REFERENCE,
    /** One of a few rows (product definitions, queues), as a drop-down. */
    CHOICE,
    /** Assigned by the database: shown, never typed. */
    READ_ONLY
}
