package io.hookdesk.ui.form;

import io.hookdesk.model.EnvValues;
import io.hookdesk.model.HookedTable;
import io.hookdesk.ui.search.ListColumn;

import java.util.List;

/** The columns a result list shows for a table, with coded values shown by name, from the table's overlay. */
public final class ListColumns {

    private ListColumns() {
    }

    public static List<ListColumn> of(FormOverlays overlays, HookedTable table) {
        return of(overlays, table, LookupNames.none());
    }

    /** With the product and queue names, so a list shows "Fiber 500" for servdef 2. */
    public static List<ListColumn> of(FormOverlays overlays, HookedTable table, LookupNames names) {
        TableOverlay o = overlays.of(table);
        return o.listColumns().stream().map(c -> {
            List<Code> codes = o.codes(c);
            Lookup lookup = o.lookupOf(c);
            return new ListColumn(c, o.label(c), row -> {
                String text = EnvValues.format(row.get(c));
                if (lookup != null) {
                    String name = names.name(lookup, row.get(c));
                    return name == null ? text : name;
                }
                if (o.isMoney(c) && (row.get(c) instanceof Integer || row.get(c) instanceof Long || row.get(c) instanceof Short)) {
                    // Cents only where the database keeps the amount as a whole number; a numeric is shown as stored.
                    return Money.format(text);
                }
                return codes.isEmpty() ? text : Code.labelOf(codes, text);
            });
        }).toList();
    }
}
