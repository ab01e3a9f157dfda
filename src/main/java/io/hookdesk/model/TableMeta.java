package io.hookdesk.model;

import java.util.List;
import java.util.Optional;

/**
 * A hooked table as the connected database has it: the schema it was found in, its columns in database order
 * (every column, documented or not), and its single-column primary key (always {@code number}: a table without one
 * is not available to HookDesk).
 */
public record TableMeta(HookedTable table, String schema, List<ColumnMeta> columns) {

    public TableMeta {
        columns = List.copyOf(columns);
    }

    public Optional<ColumnMeta> column(String name) {
        return columns.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    public boolean has(String name) {
        return column(name).isPresent();
    }

    public List<String> columnNames() {
        return columns.stream().map(ColumnMeta::name).toList();
    }
}
