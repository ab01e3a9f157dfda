package io.hookdesk.db.store;

import io.hookdesk.db.schema.Tables;
import io.hookdesk.model.HookedTable;
import io.hookdesk.model.Relation;
import io.hookdesk.model.Relations;
import io.hookdesk.model.Row;
import io.hookdesk.model.TableMeta;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Param;
import org.jooq.Record;
import org.jooq.SelectJoinStep;
import org.jooq.SortField;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads and writes hooked records through jOOQ. Every method takes the {@link DSLContext} to run on, so a save
 * passes the one of its open transaction and everything it reads is consistent with what it writes.
 */
public final class RecordStore {

    /** A row's version: PostgreSQL's xmin, which every table has, so a save can tell whether someone saved since. */
    public static final Field<Long> VERSION = DSL.field(DSL.sql("xmin::text::bigint"), SQLDataType.BIGINT).as("hookdesk_version");

    private final Tables tables;
    /** The save path's statements, rendered once per shape (see {@link RenderedStatements}). */
    private final RenderedStatements statements = new RenderedStatements();
    /** Each table's columns followed by its version: what every read and write here returns. */
    private final Map<HookedTable, List<Field<?>>> withVersion = new EnumMap<>(HookedTable.class);

    public RecordStore(Tables tables) {
        this.tables = tables;
        for (HookedTable t : HookedTable.values()) {
            if (tables.available(t)) {
                List<Field<?>> fields = new ArrayList<>(tables.columns(t));
                fields.add(VERSION);
                withVersion.put(t, List.copyOf(fields));
            }
        }
    }

    public Tables tables() {
        return tables;
    }

    public Optional<VersionedRow> find(DSLContext ctx, HookedTable t, int number) {
        return statements.query(ctx, List.of("find", t), () -> ctx.select(fieldsWithVersion(t)).from(tables.table(t))
                        .where(tables.number(t).eq(number)),
                fieldsWithVersion(t), List.of(DSL.val(number)))
                .fetchOptional()
                .map(r -> versioned(t, r));
    }

    /** Reads and locks the row until the transaction ends ({@code SELECT ... FOR UPDATE}). */
    public Optional<VersionedRow> lock(DSLContext ctx, HookedTable t, int number) {
        return statements.query(ctx, List.of("lock", t), () -> ctx.select(fieldsWithVersion(t)).from(tables.table(t))
                        .where(tables.number(t).eq(number))
                        .forUpdate(),
                fieldsWithVersion(t), List.of(DSL.val(number)))
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

    /**
     * What {@link #lockAndUpdate} found: the row as it was (locked), and the row as stored afterwards, or null when
     * the row's version was not the one expected (nothing was written).
     */
    public record Written(VersionedRow old, VersionedRow saved) {
        public boolean conflict() {
            return saved == null;
        }
    }

    /**
     * Locks the row, checks its version against {@code expectedVersion} (null: no check), updates it and returns the
     * old and the new row, in one statement: a {@code SELECT ... FOR UPDATE} feeding the {@code UPDATE ... RETURNING}.
     * One round trip instead of two while the row is locked. Empty when there is no such row.
     */
    public Optional<Written> lockAndUpdate(DSLContext ctx, HookedTable t, int number, Map<String, Object> values,
                                           Long expectedVersion) {
        Table<?> table = tables.table(t);
        Map<Field<?>, Object> set = fieldMap(t, values);
        if (set.isEmpty()) {
            // Nothing to change still takes the row through an UPDATE so triggers see it as saved.
            set.put(tables.number(t), number);
        }
        List<Param<?>> binds = new ArrayList<>();
        List<Object> shape = new ArrayList<>(List.of("lockAndUpdate", t, expectedVersion == null));
        binds.add(DSL.val(number));
        set.forEach((f, v) -> {
            binds.add(RenderedStatements.value(f, v));
            shape.add(f.getName() + (v == null ? " null" : ""));
        });
        binds.add(DSL.val(number));
        if (expectedVersion != null) {
            binds.add(DSL.val(expectedVersion));
        }
        List<Field<?>> columns = fieldsWithVersion(t);
        List<Field<?>> both = new ArrayList<>(columns);
        both.addAll(columns);
        Record r = statements.query(ctx, shape, () -> {
            // MATERIALIZED: the lock is taken once, before the UPDATE's one-time version check reads it.
            var old = DSL.name("hookdesk_old").asMaterialized(ctx.select(columns).from(table).where(tables.number(t).eq(number))
                    .forUpdate());
            Field<Long> oldVersion = DSL.field(DSL.name("hookdesk_old", VERSION.getName()), SQLDataType.BIGINT);
            Condition check = expectedVersion == null
                    ? DSL.exists(DSL.selectOne().from(old))
                    : DSL.exists(DSL.selectOne().from(old).where(oldVersion.eq(expectedVersion)));
            var updated = DSL.name("hookdesk_new").asMaterialized(ctx.update(table).set(set)
                    .where(tables.number(t).eq(number)).and(check).returningResult(columns));
            return ctx.with(old).with(updated)
                    .select(DSL.asterisk())
                    .from(DSL.table(DSL.name("hookdesk_old")).leftJoin(DSL.table(DSL.name("hookdesk_new"))).on(DSL.trueCondition()));
        }, both, binds).fetchOptional().orElse(null);
        if (r == null) {
            return Optional.empty();
        }
        Row oldRow = rowAt(tables.columns(t), r, 0);
        VersionedRow oldVersioned = new VersionedRow(oldRow, r.get(columns.size() - 1, Long.class));
        Object newVersion = r.get(2 * columns.size() - 1);
        if (newVersion == null) {
            return Optional.of(new Written(oldVersioned, null));
        }
        Row newRow = rowAt(tables.columns(t), r, columns.size());
        return Optional.of(new Written(oldVersioned, new VersionedRow(newRow, ((Number) newVersion).longValue())));
    }

    /**
     * The related records a hook of {@code t} receives, by prefix, following {@link Relations}.
     * A relation whose key is NULL, or whose row is missing, is left out.
     */
    public Map<String, Row> related(DSLContext ctx, HookedTable t, Row saved) {
        Map<String, Row> related = new LinkedHashMap<>();
        List<Relation> relations = relationsIn(t);
        if (relations.isEmpty()) {
            return related;
        }
        // One statement for the whole chain, each relation a LEFT JOIN on the key it follows (a NULL key or a missing
        // row joins nothing): the save reads its hook's related records in one round trip while it holds the row lock,
        // not one per record. A single-row base keeps independent relations (a ticket's account, queue, user) apart.
        Map<String, String> aliases = new LinkedHashMap<>();
        List<Table<?>> joined = new ArrayList<>();
        List<Field<?>> select = new ArrayList<>();
        List<Condition> on = new ArrayList<>();
        List<Param<?>> binds = new ArrayList<>();
        List<Object> shape = new ArrayList<>(List.of("related", t));
        for (int i = 0; i < relations.size(); i++) {
            Relation rel = relations.get(i);
            String alias = "hookdesk_r" + i;
            joined.add(tables.table(rel.target()).as(alias));
            Field<Integer> key;
            if (rel.fromSavedRecord()) {
                Param<Integer> value = DSL.val(saved.integer(rel.column()), SQLDataType.INTEGER);
                binds.add(value);
                shape.add(value.getValue() == null);
                key = value;
            } else {
                key = DSL.field(DSL.name(aliases.get(rel.from()), rel.column()), SQLDataType.INTEGER);
            }
            aliases.put(rel.prefix(), alias);
            on.add(DSL.field(DSL.name(alias, "number"), SQLDataType.INTEGER).eq(key));
            select.addAll(tables.columns(rel.target(), alias));
        }
        Record r = statements.query(ctx, shape, () -> {
            SelectJoinStep<Record> query = ctx.select(select).from(DSL.selectOne().asTable("hookdesk_one"));
            for (int i = 0; i < joined.size(); i++) {
                query = query.leftJoin(joined.get(i)).on(on.get(i));
            }
            return query;
        }, select, binds).fetchOne();
        int offset = 0;
        for (Relation rel : relations) {
            List<Field<?>> fields = tables.columns(rel.target());
            Row row = rowAt(fields, r, offset);
            offset += fields.size();
            if (row.get("number") != null) {
                related.put(rel.prefix(), row);
            }
        }
        return related;
    }

    /**
     * The relations of {@link Relations} that this database can follow: the target table is available and the key
     * column exists where the relation reads it. A relation that cannot be followed is left out, and so is any that
     * starts from it.
     */
    List<Relation> relationsIn(HookedTable t) {
        List<Relation> usable = new ArrayList<>();
        Map<String, HookedTable> reached = new LinkedHashMap<>();
        for (Relation rel : Relations.of(t)) {
            HookedTable from = rel.fromSavedRecord() ? t : reached.get(rel.from());
            if (from != null && tables.available(rel.target()) && tables.meta(from).has(rel.column())) {
                usable.add(rel);
                reached.put(rel.prefix(), rel.target());
            }
        }
        return usable;
    }

    /**
     * The values the database would give a new record's columns if the CSR typed nothing: each column's declared
     * default evaluated in one {@code SELECT} (so {@code CURRENT_DATE} is today's date). Columns without a default,
     * and identity columns, are left out.
     */
    public Row defaults(DSLContext ctx, HookedTable t) {
        List<Field<?>> defaults = new ArrayList<>();
        tables.defaults(t).forEach((column, expression) -> {
            defaults.add(Tables.readAs(tables.meta(t).column(column).orElseThrow(),
                    DSL.field("(" + expression + ")", SQLDataType.OTHER)));
        });
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

    /**
     * The product definitions ({@code servdef}) in display order, as their rows; none where the database has no such
     * table. Padded {@code character(n)} labels come without their pad.
     */
    public List<Row> serviceDefinitions(DSLContext ctx) {
        Optional<TableMeta> servdef = tables.servdef();
        if (servdef.isEmpty()) {
            return List.of();
        }
        List<Field<?>> columns = Tables.select(servdef.get(), null);
        List<SortField<?>> order = new ArrayList<>();
        if (servdef.get().has("sortorder")) {
            order.add(DSL.field(DSL.name("sortorder")).asc());
        }
        order.add(DSL.field(DSL.name("number")).asc());
        return ctx.select(columns).from(DSL.table(DSL.name(servdef.get().schema(), Tables.SERVDEF))).orderBy(order)
                .fetch(r -> Row.of(r.intoMap()));
    }

    private List<Field<?>> fieldsWithVersion(HookedTable t) {
        return withVersion.get(t);
    }

    private Map<Field<?>, Object> fieldMap(HookedTable t, Map<String, Object> values) {
        Map<Field<?>, Object> map = new LinkedHashMap<>();
        values.forEach((column, value) -> {
            Field<?> f = tables.writable(t, column)
                    .orElseThrow(() -> new IllegalArgumentException(t + " has no writable column " + column));
            map.put(f, value);
        });
        return map;
    }

    Row toRow(HookedTable t, Record r) {
        return rowAt(tables.columns(t), r, 0);
    }

    private VersionedRow versioned(HookedTable t, Record r) {
        return new VersionedRow(toRow(t, r), r.get(VERSION.getName(), Long.class));
    }

    /**
     * The row of {@code fields} read from {@code r} by position from {@code offset}, where every select here puts
     * them. Looking each column up by name scanned all of the record's fields per column (8% of a save's CPU).
     */
    private static Row rowAt(List<Field<?>> fields, Record r, int offset) {
        Map<String, Object> values = new LinkedHashMap<>();
        int n = fields.size();
        boolean inPlace = r.size() >= offset + n
                && r.field(offset).getName().equals(fields.get(0).getName())
                && r.field(offset + n - 1).getName().equals(fields.get(n - 1).getName());
        for (int i = 0; i < n; i++) {
            values.put(fields.get(i).getName(), inPlace ? r.get(offset + i) : r.get(fields.get(i).getName()));
        }
        return Row.of(values);
    }
}
