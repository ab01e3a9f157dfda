package io.hookdesk.db;

import io.hookdesk.model.HookedTable;
import io.hookdesk.model.Relation;
import io.hookdesk.model.Relations;
import io.hookdesk.model.Row;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads and writes hooked records through jOOQ. Every method takes the {@link DSLContext} to run on, so a save
 * passes the one of its open transaction and everything it reads is consistent with what it writes.
 */
public final class RecordStore {

    private static final Field<Long> VERSION = DSL.field(DSL.sql("xmin::text::bigint"), SQLDataType.BIGINT).as("hookdesk_version");

    private final Tables tables;

    public RecordStore(Tables tables) {
        this.tables = tables;
    }

    public Tables tables() {
        return tables;
    }

    public Optional<VersionedRow> find(DSLContext ctx, HookedTable t, int number) {
        return ctx.select(fieldsWithVersion(t)).from(tables.table(t))
                .where(tables.number(t).eq(number))
                .fetchOptional()
                .map(r -> versioned(t, r));
    }

    /** Reads and locks the row until the transaction ends ({@code SELECT ... FOR UPDATE}). */
    public Optional<VersionedRow> lock(DSLContext ctx, HookedTable t, int number) {
        return ctx.select(fieldsWithVersion(t)).from(tables.table(t))
                .where(tables.number(t).eq(number))
                .forUpdate()
                .fetchOptional()
                .map(r -> versioned(t, r));
    }

    /** Inserts and returns the row as stored: defaults, triggers and the assigned number included. */
    public VersionedRow insert(DSLContext ctx, HookedTable t, Map<String, Object> values) {
        Table<?> table = tables.table(t);
        Record r;
        if (values.isEmpty()) {
            r = ctx.insertInto(table).defaultValues().returningResult(fieldsWithVersion(t)).fetchOne();
        } else {
            r = ctx.insertInto(table).set(fieldMap(t, values)).returningResult(fieldsWithVersion(t)).fetchOne();
        }
        return versioned(t, r);
    }

    /** Updates and returns the row as stored afterwards (triggers included). */
    public VersionedRow update(DSLContext ctx, HookedTable t, int number, Map<String, Object> values) {
        Table<?> table = tables.table(t);
        Map<Field<?>, Object> set = fieldMap(t, values);
        if (set.isEmpty()) {
            // Nothing to change still takes the row through an UPDATE so triggers see it as saved.
            set.put(tables.number(t), number);
        }
        Record r = ctx.update(table).set(set).where(tables.number(t).eq(number))
                .returningResult(fieldsWithVersion(t)).fetchOne();
        return versioned(t, r);
    }

    /**
     * The related records a hook of {@code t} receives, by prefix, following {@link Relations}.
     * A relation whose key is NULL, or whose row is missing, is left out.
     */
    public Map<String, Row> related(DSLContext ctx, HookedTable t, Row saved) {
        Map<String, Row> related = new LinkedHashMap<>();
        for (Relation rel : Relations.of(t)) {
            Row source = rel.fromSavedRecord() ? saved : related.get(rel.from());
            if (source == null) {
                continue;
            }
            Integer key = source.integer(rel.column());
            if (key == null) {
                continue;
            }
            find(ctx, rel.target(), key).ifPresent(v -> related.put(rel.prefix(), v.row()));
        }
        return related;
    }

    /**
     * The values the database would give a new record's columns if the CSR typed nothing: each column's declared
     * default evaluated in one {@code SELECT} (so {@code CURRENT_DATE} is today's date). Columns without a default,
     * and identity columns, are left out.
     */
    public Row defaults(DSLContext ctx, HookedTable t) {
        List<Field<?>> defaults = new ArrayList<>();
        for (Field<?> f : tables.table(t).fields()) {
            if (f.getDataType().defaulted() && !f.getDataType().identity() && f.getDataType().defaultValue() != null) {
                defaults.add(DSL.cast(f.getDataType().defaultValue(), f.getDataType()).as(f.getName()));
            }
        }
        if (defaults.isEmpty()) {
            return Row.empty();
        }
        Record r = ctx.select(defaults).fetchOne();
        Map<String, Object> values = new LinkedHashMap<>();
        for (Field<?> f : defaults) {
            values.put(f.getName(), r.get(f.getName()));
        }
        return Row.of(values);
    }

    private List<Field<?>> fieldsWithVersion(HookedTable t) {
        List<Field<?>> fields = new ArrayList<>(List.of(tables.table(t).fields()));
        fields.add(VERSION);
        return fields;
    }

    private Map<Field<?>, Object> fieldMap(HookedTable t, Map<String, Object> values) {
        Table<?> table = tables.table(t);
        Map<Field<?>, Object> map = new LinkedHashMap<>();
        values.forEach((column, value) -> {
            Field<?> f = table.field(column);
            if (f == null) {
                throw new IllegalArgumentException(t + " has no column " + column);
            }
            map.put(f, value);
        });
        return map;
    }

    Row toRow(HookedTable t, Record r) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (Field<?> f : tables.table(t).fields()) {
            values.put(f.getName(), r.get(f.getName()));
        }
        return Row.of(values);
    }

    private VersionedRow versioned(HookedTable t, Record r) {
        return new VersionedRow(toRow(t, r), r.get(VERSION.getName(), Long.class));
    }
}
