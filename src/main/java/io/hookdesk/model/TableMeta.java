package io.hookdesk.model;

import java.util.List;
import java.util.Optional;

/** A hooked table's columns in database order. */
public record TableMeta(HookedTable table, List<ColumnMeta> columns) {

    public TableMeta {
        columns = List.copyOf(columns);
    }

    public Optional<ColumnMeta> column(String name) {
        return columns.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    public List<String> columnNames() {
        return columns.stream().map(ColumnMeta::name).toList();
    }
}
