package io.hookdesk.ui.form;

import io.hookdesk.model.HookedTable;

import java.util.Map;

/** Opens records in the main window: a form for an existing record, or a new one with some fields filled in. */
public interface RecordOpener {

    void open(HookedTable table, long number);

    /** A new record; {@code prefill} maps columns to text, e.g. {@code user -> "12"} for a new service of user 12. */
    void openNew(HookedTable table, Map<String, String> prefill);
}
