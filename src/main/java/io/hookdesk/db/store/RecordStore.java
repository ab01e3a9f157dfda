package io.hookdesk.db.store;

import io.hookdesk.db.schema.Tables;
import io.hookdesk.model.ColumnMeta;
import io.hookdesk.model.Failures;
import io.hookdesk.model.HookedTable;
import io.hookdesk.model.Relation;
import io.hookdesk.model.Relations;
import io.hookdesk.model.Row;
import io.hookdesk.model.TableMeta;
import io.hookdesk.model.TableUnavailableException;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Param;
import org.jooq.Record;
import org.jooq.SelectJoinStep;
import org.jooq.SortField;
import org.jooq.Table;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.postgresql.util.PSQLException;

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

    public Optional<VersionedRow> find(DSLContext ctx, HookedTable t, long number) {
        return statements.query(ctx, List.of("find", t), () -> ctx.select(fieldsWithVersion(t)).from(tables.table(t))
                        .where(tables.number(t).eq(number)),
                fieldsWithVersion(t), List.of(DSL.val(number)))
                .fetch()
                .stream().reduce((a, b) -> {
                    throw notUnique(t, number);
                })
                .map(r -> versioned(t, r));
    }

    /** Reads and locks the row until the transaction ends ({@code SELECT ... FOR UPDATE}). */
    public Optional<VersionedRow> lock(DSLContext ctx, HookedTable t, long number) {
        return statements.query(ctx, List.of("lock", t), () -> ctx.select(fieldsWithVersion(t)).from(tables.table(t))
                        .where(tables.number(t).eq(number))
                        .forUpdate(),
                fieldsWithVersion(t), List.of(DSL.val(number)))
                .fetch()
                .stream().reduce((a, b) -> {
                    throw notUnique(t, number);
                })
                .map(r -> versioned(t, r));
    }

    /**
     * The rows of {@code t} whose {@code column} holds {@code parent} (a user's services: service.user), by number, each
     * with its version: what an account-wide action reads to know what is under the record a CSR changes.
     */
    public List<VersionedRow> under(DSLContext ctx, HookedTable t, String column, long parent) {
        return ctx.select(fieldsWithVersion(t)).from(tables.table(t))
                .where(DSL.field(DSL.name(column), SQLDataType.BIGINT).eq(parent))
                .orderBy(tables.number(t).asc())
                .fetch(r -> versioned(t, r));
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
    public Optional<Written> lockAndUpdate(DSLContext ctx, HookedTable t, long number, Map<String, Object> values,
                                           Long expectedVersion) {
        Table<?> table = tables.table(t);
        Map<Field<?>, Object> set = fieldMap(t, values);
        if (set.isEmpty()) {
            // A save that changes nothing changes nothing: no UPDATE (which would fire the ISP's triggers, need UPDATE
            // rights, and fail on an identity column set to itself), only the lock and the version check.
            Optional<VersionedRow> locked = lock(ctx, t, number);
            return locked.map(old -> new Written(old,
                    expectedVersion == null || expectedVersion.equals(old.version()) ? old : null));
        }
        List<Param<?>> binds = new ArrayList<>();
        List<Object> shape = new ArrayList<>(List.of("lockAndUpdate", t, expectedVersion == null));
        binds.add(DSL.val(number));
        values.forEach((column, v) -> {
            Field<?> f = tables.writable(t, column).orElseThrow();
            binds.add(RenderedStatements.value(f, v));
            shape.add(f.getName() + (v == null ? " null" : ""));
        });
        binds.add(DSL.val(number));
        if (expectedVersion != null) {
            binds.add(DSL.val(expectedVersion));
        }
        values.forEach((column, v) -> binds.add(RenderedStatements.value(tables.writable(t, column).orElseThrow(), v)));
        // Only a row that some value changes is updated: a save of the values it already has writes nothing, so the
        // ISP's triggers do not fire and no stamp moves.
        Condition differs = DSL.or(set.entrySet().stream()
                .map(e -> DSL.field("{0} IS DISTINCT FROM {1}", Boolean.class, e.getKey(), e.getValue()))
                .map(DSL::condition).toList());
        List<Field<?>> columns = fieldsWithVersion(t);
        List<Field<?>> both = new ArrayList<>(columns);
        both.addAll(columns);
        Record r = statements.query(ctx, shape, () -> {
            // MATERIALIZED: the lock is taken once, before the UPDATE's one-time version check reads it.
            var old = DSL.name("hookdesk_old").asMaterialized(ctx.select(columns).from(table).where(tables.number(t).eq(number))
                    .forUpdate());
            Field<Long> oldVersion = DSL.field(DSL.name("hookdesk_old", VERSION.getName()), SQLDataType.BIGINT);
            // Exactly one row has the number (a key of (number, date) allows more): otherwise nothing is written.
            Condition one = DSL.field(DSL.select(DSL.count()).from(old)).eq(DSL.inline(1));
            Condition check = expectedVersion == null
                    ? one
                    : one.and(DSL.exists(DSL.selectOne().from(old).where(oldVersion.eq(expectedVersion))));
            var updated = DSL.name("hookdesk_new").asMaterialized(ctx.update(table).set(set)
                    .where(tables.number(t).eq(number)).and(check).and(differs).returningResult(columns));
            return ctx.with(old).with(updated)
                    .select(DSL.asterisk())
                    .from(DSL.table(DSL.name("hookdesk_old")).leftJoin(DSL.table(DSL.name("hookdesk_new"))).on(DSL.trueCondition()));
        }, both, binds).fetch().stream().reduce((a, b) -> {
            throw notUnique(t, number);
        }).orElse(null);
        if (r == null) {
            return Optional.empty();
        }
        Row oldRow = rowAt(tables.columns(t), r, 0);
        VersionedRow oldVersioned = new VersionedRow(oldRow, r.get(columns.size() - 1, Long.class));
        Object newVersion = r.get(2 * columns.size() - 1);
        if (newVersion == null) {
            // Not updated: someone saved since (a conflict), or every value was already the row's (nothing to write).
            boolean conflict = expectedVersion != null && !expectedVersion.equals(oldVersioned.version());
            return Optional.of(new Written(oldVersioned, conflict ? null : oldVersioned));
        }
        Row newRow = rowAt(tables.columns(t), r, columns.size());
        return Optional.of(new Written(oldVersioned, new VersionedRow(newRow, ((Number) newVersion).longValue())));
    }

    /**
     * What the server makes of each value that it must parse or check itself ({@link ColumnMeta#checkedByServer}: an
     * address, an enum label, a date, a domain with a CHECK), asked as {@code SELECT CAST(? AS type)} one column at a
     * time, so a refusal names its field and nothing has been written. Reads nothing of the ISP's tables and fires no
     * trigger. Returns, per column, either the value's text as PostgreSQL will store and print it ({@code 20.00},
     * {@code 203.0.113.17}, {@code 2024-02-29 00:00:00}) or the server's refusal.
     */
    public Map<String, ServerValue> serverCheck(DSLContext ctx, HookedTable t, Map<String, Object> values) {
        Map<String, ServerValue> out = new LinkedHashMap<>();
        values.forEach((column, value) -> {
            ColumnMeta c = tables.meta(t).column(column).orElse(null);
            if (c == null || !c.checkedByServer() || value == null) {
                return;
            }
            // A text-form value is written as CAST(? AS type) already; a domain over a plain type is cast here.
            Field<?> cast = c.kind().textForm() ? Tables.writeValue(c, value)
                    : DSL.field("CAST({0} AS " + c.castType() + ")", Object.class, Tables.writeValue(c, value));
            try {
                Object v = ctx.select(Tables.output(c, cast)).fetchOne(0);
                out.put(column, new ServerValue(v, null));
            } catch (DataAccessException e) {
                out.put(column, new ServerValue(null, refusal(c, value, e)));
            }
        });
        return out;
    }

    /**
     * The ISP's own row triggers that run BEFORE an insert ({@code create}) or update of {@code t} and may change the
     * row as it is written, by name: a preview, which writes nothing, cannot show what they would do.
     */
    public List<String> beforeTriggers(DSLContext ctx, HookedTable t, boolean create) {
        // tgtype bits: 1 row, 2 before, 4 insert, 16 update.
        return ctx.fetch("SELECT tgname::text FROM pg_catalog.pg_trigger WHERE tgrelid = to_regclass(?) AND NOT tgisinternal"
                        + " AND tgenabled <> 'D' AND (tgtype & 3) = 3 AND (tgtype & ?) <> 0 ORDER BY tgname",
                ctx.render(tables.table(t)), create ? 4 : 16).getValues(0, String.class);
    }

    /** The server's answer for one typed value: what it becomes, or why the server refused it (then value is null). */
    public record ServerValue(Object value, String refusal) {
    }

    /** The server's own sentence, with the type named: {@code is not a valid inet: invalid input syntax ...}. */
    private static String refusal(ColumnMeta c, Object typed, RuntimeException e) {
        String message = null;
        for (Throwable x = e; x != null; x = x.getCause()) {
            if (x instanceof PSQLException p && p.getServerErrorMessage() != null) {
                message = p.getServerErrorMessage().getMessage();
                break;
            }
        }
        if (message == null) {
            message = Failures.rootMessage(e);
        }
        String value = String.valueOf(typed);
        return c.domain() ? "is refused by the rule of " + c.sqlType() + " (" + message + ")"
                : "'" + value + "' is not a valid " + c.sqlType() + " (" + message + ")";
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
            // 64-bit throughout: a bigint user number past 2^32 is followed as it is, never cut to an int.
            Field<Long> key;
            if (rel.fromSavedRecord()) {
                Object raw = saved.get(rel.column());
                Param<Long> value = DSL.val(raw instanceof Number n ? Long.valueOf(n.longValue()) : null, SQLDataType.BIGINT);
                binds.add(value);
                shape.add(value.getValue() == null);
                key = value;
            } else {
                key = DSL.field(DSL.name(aliases.get(rel.from()), rel.column()), SQLDataType.BIGINT);
            }
            aliases.put(rel.prefix(), alias);
            on.add(DSL.field(DSL.name(alias, "number"), SQLDataType.BIGINT).eq(key));
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

    /**
     * Where the table's key is {@code number} with other columns (a partitioned payhist keyed by (number, date)), a
     * number may name several rows; HookDesk then cannot say which record is meant and refuses, writing nothing.
     */
    private static TableUnavailableException notUnique(HookedTable t, long number) {
        return new TableUnavailableException(t, t.sqlName() + " " + number + " is not one record: "
                + "several rows of " + t.sqlName() + " have that number (its key has other columns too), so HookDesk "
                + "cannot tell which one is meant and changes nothing");
    }

    /** Each column's field and the expression that writes its value ({@link Tables#writeValue}), in the given order. */
    private Map<Field<?>, Object> fieldMap(HookedTable t, Map<String, Object> values) {
        Map<Field<?>, Object> map = new LinkedHashMap<>();
        values.forEach((column, value) -> {
            Field<?> f = tables.writable(t, column)
                    .orElseThrow(() -> new IllegalArgumentException(t + " has no writable column " + column));
            map.put(f, Tables.writeValue(tables.meta(t).column(column).orElseThrow(), value));
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
