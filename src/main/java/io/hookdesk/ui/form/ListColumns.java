package io.hookdesk.ui.form;

import io.hookdesk.hook.EnvValues;
import io.hookdesk.model.HookedTable;
import io.hookdesk.ui.search.ListColumn;

import java.util.List;

/** The columns a result list shows for a table, with coded values shown by name, from the table's overlay. */
public final class ListColumns {

    private ListColumns() {
    }

    public static List<ListColumn> of(FormOverlays overlays, HookedTable table) {
        TableOverlay o = overlays.of(table);
        return o.listColumns().stream().map(c -> {
            List<Code> codes = o.codes(c);
            return new ListColumn(c, o.label(c), row -> {
                String text = EnvValues.format(row.get(c));
                return codes.isEmpty() ? text : Code.labelOf(codes, text);
            });
        }).toList();
    }
}
