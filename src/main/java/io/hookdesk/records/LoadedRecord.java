package io.hookdesk.records;

import io.hookdesk.model.HookedTable;
import io.hookdesk.model.Row;

import java.util.Map;

/**
 * A record as a form opens it: its values, the version to save against, and the related records its hook
 * will receive, so the environment panel can follow typing with no database round trip.
 */
public record LoadedRecord(HookedTable table, Row row, long version, Map<String, Row> related) {

    public long number() {
        return row.integer("number");
    }
}
