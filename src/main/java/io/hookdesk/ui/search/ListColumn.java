package io.hookdesk.ui.search;

import io.hookdesk.model.Row;

import java.util.function.Function;

/** One column of a result list: which database column (the sort key), its header, and how a row shows in it. */
public record ListColumn(String column, String label, Function<Row, String> format) {

    public String text(Row row) {
        String s = format.apply(row);
        return s == null ? "" : s;
    }
}
