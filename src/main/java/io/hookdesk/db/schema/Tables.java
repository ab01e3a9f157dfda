package io.hookdesk.db.schema;

import io.hookdesk.model.ColumnKind;
import io.hookdesk.model.ColumnMeta;
import io.hookdesk.model.HookedTable;
import io.hookdesk.model.TableMeta;
import io.hookdesk.model.TableUnavailableException;
import org.jooq.DataType;
import org.jooq.Field;
import org.jooq.Name;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The hooked tables of the connected database, as {@link Catalog} read them at connect: each table's columns
 * described without jOOQ for the layers above, and the jOOQ table and fields to read and write it with. A table the
 * database lacks (or has without a primary key {@code number}) is unavailable, with the reason.
 */
public final class Tables {

    /** The product definitions a service is made from: read, never written, and optional. */
    public static final String SERVDEF = "servdef";

    private final Map<HookedTable, TableMeta> metas;
    private final Map<HookedTable, String> problems;
    private final Map<HookedTable, Catalog.Privileges> privileges;
    private final Map<HookedTable, Map<String, String>> defaults;
    private final TableMeta servdef;
    private final BillMaxSchema schema;
    private final SearchIndexes.Fold fold;
    private final Map<HookedTable, Catalog.ColumnGrants> grants;
    private final Map<HookedTable, Catalog.RowSecurity> rowSecurity;
    private final Map<HookedTable, Table<?>> tables = new EnumMap<>(HookedTable.class);
    private final Map<HookedTable, List<Field<?>>> selects = new EnumMap<>(HookedTable.class);
    private final Map<HookedTable, Map<String, Field<?>>> writable = new EnumMap<>(HookedTable.class);

    Tables(Map<HookedTable, TableMeta> metas, Map<HookedTable, String> problems,
           Map<HookedTable, Catalog.Privileges> privileges, Map<HookedTable, Map<String, String>> defaults,
           TableMeta servdef, BillMaxSchema schema, Map<HookedTable, Catalog.ColumnGrants> grants,
           Map<HookedTable, Catalog.RowSecurity> rowSecurity, SearchIndexes.Fold fold) {
        this.schema = schema;
        this.fold = fold;
        this.grants = Map.copyOf(grants);
        this.rowSecurity = Map.copyOf(rowSecurity);
        this.metas = Map.copyOf(metas);
        this.problems = Map.copyOf(problems);
        this.privileges = Map.copyOf(privileges);
        this.defaults = Map.copyOf(defaults);
        this.servdef = servdef;
        metas.forEach((t, meta) -> {
            tables.put(t, DSL.table(DSL.name(meta.schema(), t.sqlName())));
            selects.put(t, select(meta, null));
            Map<String, Field<?>> fields = new LinkedHashMap<>();
            for (ColumnMeta c : meta.columns()) {
                if (c.writable()) {
                    fields.put(c.name(), DSL.field(DSL.name(c.name()), type(c)));
                }
            }
            writable.put(t, fields);
        });
    }

    /** How this server folds case for searches and their indexes (ICU where it has it). */
    public SearchIndexes.Fold fold() {
        return fold;
    }

    /** The schema that holds BillMax's tables here, and why HookDesk took it. */
    public BillMaxSchema schema() {
        return schema;
    }

    /** What this login may do column by column on the table (nothing left out: {@link Catalog.ColumnGrants#all()}). */
    public Catalog.ColumnGrants columnGrants(HookedTable t) {
        meta(t);
        return grants.getOrDefault(t, Catalog.ColumnGrants.ALL);
    }

    /** Whether the table has row-level security, and whether it applies to this login. */
    public Catalog.RowSecurity rowSecurity(HookedTable t) {
        meta(t);
        return rowSecurity.getOrDefault(t, Catalog.RowSecurity.NONE);
    }

    /** Whether HookDesk can work on the table in this database. */
    public boolean available(HookedTable t) {
        return metas.containsKey(t);
    }

    /** Why the table is unavailable ("this database has no table efpdata"), or empty when it is available. */
    public Optional<String> problem(HookedTable t) {
        return Optional.ofNullable(problems.get(t));
    }

    public TableMeta meta(HookedTable t) {
        TableMeta meta = metas.get(t);
        if (meta == null) {
            throw new TableUnavailableException(t, problems.get(t));
        }
        return meta;
    }

    public Catalog.Privileges privileges(HookedTable t) {
        meta(t);
        return privileges.get(t);
    }

    /**
     * The default expressions ({@code CURRENT_DATE}, {@code 0}, {@code ''::bpchar}) of the table's columns that a CSR may
     * type, as the catalogue prints them; sequences and identities are not among them.
     */
    public Map<String, String> defaults(HookedTable t) {
        meta(t);
        return Map.copyOf(defaults.get(t));
    }

    /** {@code servdef} as found, if the database has it. */
    public Optional<TableMeta> servdef() {
        return Optional.ofNullable(servdef);
    }

    public Table<?> table(HookedTable t) {
        meta(t);
        return tables.get(t);
    }

    /** The table's key column, unqualified (for statements on this table alone). */
    public Field<Long> number(HookedTable t) {
        meta(t);
        return DSL.field(DSL.name("number"), SQLDataType.BIGINT);
    }

    /**
     * The table's columns as every read returns them, in column order, each named as its column: blank-padded
     * {@code character(n)} values without their pad (as BillMax passes them), and types HookDesk does not write in
     * PostgreSQL's text form. Unqualified, for statements on this table alone.
     */
    public List<Field<?>> columns(HookedTable t) {
        meta(t);
        return selects.get(t);
    }

    /** The same columns read from {@code alias} (a join's alias of this table). */
    public List<Field<?>> columns(HookedTable t, String alias) {
        return select(meta(t), DSL.name(alias));
    }

    /** The field to write {@code column} through, typed as the column; empty if the column is not writable. */
    public Optional<Field<?>> writable(HookedTable t, String column) {
        meta(t);
        return Optional.ofNullable(writable.get(t).get(column));
    }

    /** The columns of {@code meta} as every read returns them, from {@code qualifier} (null: unqualified). */
    public static List<Field<?>> select(TableMeta meta, Name qualifier) {
        return meta.columns().stream()
                .<Field<?>>map(c -> readAs(c, DSL.field(qualifier == null ? DSL.name(c.name()) : qualifier.append(c.name()))))
                .toList();
    }

    /**
     * {@code value} (a column, or an expression for it such as its default) read as HookDesk reads that column, named
     * as the column: char(n) through ::text, which drops PostgreSQL's pad; a type HookDesk keeps as text in the type's
     * output form, which is what the CSR and the hook see; any other by its type.
     */
    public static Field<?> readAs(ColumnMeta c, Field<?> value) {
        return output(c, value).as(c.name());
    }

    /**
     * {@code value} of column {@code c} as HookDesk carries it: for the types kept as text, exactly what PostgreSQL's
     * output function prints (what psql shows). {@code ::text} gives that for every such type but {@code inet}, whose
     * text cast adds the mask ({@code 203.0.113.17/32}); an inet is read as the driver receives it, which is the output
     * function's text (the driver never asks for inet in binary). Dates and timestamps go through {@code ::text} so no
     * driver turns them into the workstation's calendar ({@code infinity}, a time in a daylight-saving gap).
     */
    public static Field<?> output(ColumnMeta c, Field<?> value) {
        if (c.padded() || c.kind() == ColumnKind.OTHER || c.kind().textForm()) {
            return "inet".equals(c.sqlType())
                    ? DSL.field("{0}", SQLDataType.VARCHAR, value)
                    : DSL.field("{0}::text", SQLDataType.VARCHAR, value);
        }
        return DSL.field("{0}", type(c), value);
    }

    /**
     * The value to write into {@code c}: a text-form value as {@code CAST(? AS type)} with the type the catalogue
     * named (schema-qualified and quoted where it is not built in), anything else bound with the column's type.
     */
    public static Field<?> writeValue(ColumnMeta c, Object value) {
        if (c.kind().textForm()) {
            return DSL.field("CAST({0} AS " + c.castType() + ")", SQLDataType.VARCHAR, DSL.val(value, SQLDataType.VARCHAR));
        }
        return DSL.val(value, type(c));
    }

    /** The jOOQ type a column's values are bound and read with. */
    static DataType<?> type(ColumnMeta c) {
        return switch (c.kind()) {
            case TEXT, OTHER, ENUM, SERVER_TEXT, DATE, TIME, TIMESTAMP, TIMESTAMPTZ -> SQLDataType.VARCHAR;
            case SMALLINT -> SQLDataType.SMALLINT;
            case INTEGER -> SQLDataType.INTEGER;
            case BIGINT -> SQLDataType.BIGINT;
            case DECIMAL -> SQLDataType.NUMERIC;
            case REAL -> SQLDataType.REAL;
            case DOUBLE -> SQLDataType.DOUBLE;
            case BOOLEAN -> SQLDataType.BOOLEAN;
        };
    }
}
