package io.hookdesk.records;

import io.hookdesk.model.Row;

import java.util.List;

/** One page of search results; {@code more} says a next page exists. */
public record SearchPage(List<Row> rows, int offset, boolean more) {

    public SearchPage {
        rows = List.copyOf(rows);
    }
}
