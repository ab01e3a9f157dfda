package io.hookdesk.ui.form;

/** The small lists a {@link ControlKind#CHOICE} field picks from. */
public enum Lookup {
    /** Product definitions ({@code servdef}), shown by their name ({@code descr}). */
    SERVDEF,
    /** Ticket queues, shown by name. */
    QUEUE
}
