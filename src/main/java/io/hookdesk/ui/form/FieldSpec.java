package io.hookdesk.ui.form;

import io.hookdesk.model.ColumnMeta;
import io.hookdesk.model.HookedTable;

import java.util.List;

/**
 * Everything the form needs to show one column: its metadata from the database, and what the table's overlay adds
 * (label, group, control, coded values, the table a reference points at).
 *
 * @param reference the table a {@link ControlKind#REFERENCE} field's number refers to, else null
 * @param lookup    the list a {@link ControlKind#CHOICE} field picks from, else null
 */
public record FieldSpec(ColumnMeta column, String label, String group, ControlKind kind, List<Code> codes,
                        HookedTable reference, Lookup lookup, boolean secret) {

    public FieldSpec {
        codes = codes == null ? List.of() : List.copyOf(codes);
    }

    public String name() {
        return column.name();
    }

    public boolean readOnly() {
        return kind == ControlKind.READ_ONLY;
    }
}
