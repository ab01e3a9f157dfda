package io.hookdesk.db.schema;

import io.hookdesk.model.ColumnKind;
import io.hookdesk.model.ColumnMeta;
import io.hookdesk.model.HookedTable;
import io.hookdesk.model.TableMeta;
import org.jooq.DSLContext;
import org.jooq.Record;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the hooked tables as the connected database has them, from PostgreSQL's catalogue, in one statement: every
 * column with its type, nullability, default, identity or serial default, the primary key, foreign keys, and what the
 * login may do with each table. A table is looked up by its name through the session's {@code search_path}, as the
 * ISP's own tools find it. Nothing is created or changed.
 */
public final class Catalog {

    /** Columns the database stamps when a row is written: shown, never typed, where the database gives them a value. */
    private static final Set<String> STAMPS = Set.of("generation", "entdate", "enttime");

    private static final String QUERY = """
            SELECT w.name AS table_name, n.nspname AS schema_name, c.relkind::text AS relkind,
                   has_table_privilege(c.oid, 'SELECT') AS may_select,
                   has_table_privilege(c.oid, 'INSERT') AS may_insert,
                   has_table_privilege(c.oid, 'UPDATE') AS may_update,
                   (SELECT k.conkey::int[] FROM pg_constraint k WHERE k.conrelid = c.oid AND k.contype = 'p') AS pkey,
                   a.attnum::int AS attnum, a.attname::text AS column_name,
                   format_type(a.atttypid, a.atttypmod) AS sql_type,
                   CASE WHEN et.typtype = 'b' AND et.typcategory <> 'A' THEN et.typname::text END AS base_type,
                   et.typtype::text AS typtype, t.typtype = 'd' AS is_domain, el.typname::text AS element_type,
                   CASE WHEN et.typtype = 'e' THEN (SELECT array_agg(e.enumlabel::text ORDER BY e.enumsortorder)
                     FROM pg_enum e WHERE e.enumtypid = et.oid) END AS enum_labels,
                   CASE WHEN tn.nspname = 'pg_catalog' THEN format_type(a.atttypid, a.atttypmod)
                        ELSE quote_ident(tn.nspname) || '.' || quote_ident(t.typname) END AS cast_type,
                   CASE WHEN t.typtype = 'd' THEN t.typtypmod ELSE a.atttypmod END AS typmod, a.attnotnull AS not_null,
                   pg_get_expr(d.adbin, d.adrelid) AS default_expr,
                   a.attidentity::text AS identity, a.attgenerated::text AS generated,
                   (SELECT f.confrelid::regclass::text FROM pg_constraint f
                     WHERE f.conrelid = c.oid AND f.contype = 'f' AND f.conkey = ARRAY[a.attnum] LIMIT 1) AS fk_target
              FROM unnest(?::text[]) WITH ORDINALITY AS w(name, ord)
              LEFT JOIN pg_class c ON c.oid = to_regclass(quote_ident(w.name))
              LEFT JOIN pg_namespace n ON n.oid = c.relnamespace
              LEFT JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
              LEFT JOIN pg_type t ON t.oid = a.atttypid
              LEFT JOIN pg_namespace tn ON tn.oid = t.typnamespace
              LEFT JOIN pg_type et ON et.oid = CASE WHEN t.typtype = 'd' THEN t.typbasetype ELSE t.oid END
              LEFT JOIN pg_type el ON el.oid = et.typelem AND et.typcategory = 'A'
              LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
             ORDER BY w.ord, a.attnum
            """;

    private Catalog() {
    }

    /** What the login may do with a table. */
    public record Privileges(boolean select, boolean insert, boolean update) {
    }

    /** One table as found: its schema (null when missing), relation kind, columns, key and privileges. */
    record Found(String name, String schema, String relkind, List<ColumnMeta> columns, List<Integer> keyAttnums,
                 Map<Integer, String> attnames, Map<String, String> defaults, Privileges privileges) {
    }

    /** Reads the ten hooked tables and {@code servdef} in one round trip. */
    public static Tables read(DSLContext dsl) {
        List<String> names = new ArrayList<>();
        for (HookedTable t : HookedTable.values()) {
            names.add(t.sqlName());
        }
        names.add(Tables.SERVDEF);
        Map<String, Found> found = new LinkedHashMap<>();
        for (Record r : dsl.resultQuery(QUERY, (Object) names.toArray(String[]::new)).fetch()) {
            String table = r.get("table_name", String.class);
            Found f = found.computeIfAbsent(table, k -> new Found(k, r.get("schema_name", String.class),
                    r.get("relkind", String.class), new ArrayList<>(), keyOf(r.get("pkey", Integer[].class)),
                    new LinkedHashMap<>(), new LinkedHashMap<>(), new Privileges(bool(r, "may_select"), bool(r, "may_insert"), bool(r, "may_update"))));
            Integer attnum = r.get("attnum", Integer.class);
            if (attnum != null) {
                ColumnMeta column = column(r);
                f.columns().add(column);
                f.attnames().put(attnum, column.name());
                String expression = r.get("default_expr", String.class);
                if (expression != null && !column.generated() && !expression.contains("nextval(")) {
                    f.defaults().put(column.name(), expression);
                }
            }
        }
        Map<HookedTable, TableMeta> metas = new EnumMap<>(HookedTable.class);
        Map<HookedTable, String> problems = new EnumMap<>(HookedTable.class);
        Map<HookedTable, Privileges> privileges = new EnumMap<>(HookedTable.class);
        Map<HookedTable, Map<String, String>> defaults = new EnumMap<>(HookedTable.class);
        for (HookedTable t : HookedTable.values()) {
            Found f = found.get(t.sqlName());
            String problem = problem(t, f);
            if (problem != null) {
                problems.put(t, problem);
            } else {
                metas.put(t, new TableMeta(t, f.schema(), f.columns()));
                privileges.put(t, f.privileges());
                defaults.put(t, f.defaults());
            }
        }
        Found servdef = found.get(Tables.SERVDEF);
        TableMeta servdefMeta = servdef == null || servdef.schema() == null ? null
                : new TableMeta(null, servdef.schema(), servdef.columns());
        return new Tables(metas, problems, privileges, defaults, servdefMeta);
    }

    /** Why HookDesk cannot work on the table, or null if it can. */
    static String problem(HookedTable t, Found f) {
        if (f == null || f.schema() == null) {
            return "this database has no table " + t.sqlName();
        }
        if (!f.relkind().equals("r") && !f.relkind().equals("p")) {
            return t.sqlName() + " is not a table (a view or another kind of relation) in this database";
        }
        List<Integer> key = f.keyAttnums();
        // A key of number and other columns (a partitioned payhist's (number, date)) will do: a record is loaded and
        // saved by its number where exactly one row has it, and refused by name where several do.
        if (key.stream().noneMatch(attnum -> "number".equals(f.attnames().get(attnum)))) {
            return t.sqlName() + " has no single-column primary key number in this database";
        }
        ColumnKind kind = f.columns().stream().filter(c -> c.name().equals("number")).findFirst().orElseThrow().kind();
        if (kind != ColumnKind.INTEGER && kind != ColumnKind.SMALLINT && kind != ColumnKind.BIGINT) {
            return t.sqlName() + ".number is not a whole number in this database";
        }
        return null;
    }

    static ColumnMeta column(Record r) {
        String name = r.get("column_name", String.class);
        String sqlType = r.get("sql_type", String.class);
        String base = r.get("base_type", String.class);
        int typmod = r.get("typmod", Integer.class);
        String typtype = r.get("typtype", String.class);
        ColumnKind kind = "e".equals(typtype) ? ColumnKind.ENUM
                : base == null ? arrayKind(r.get("element_type", String.class)) : kindOf(base);
        String[] labels = r.get("enum_labels", String[].class);
        int length = 0;
        int precision = 0;
        int scale = 0;
        if (("varchar".equals(base) || "bpchar".equals(base)) && typmod >= 4) {
            length = typmod - 4;
        } else if ("numeric".equals(base) && typmod >= 4) {
            precision = ((typmod - 4) >> 16) & 0xffff;
            scale = (typmod - 4) & 0xffff;
        }
        String defaultExpr = r.get("default_expr", String.class);
        String identity = r.get("identity", String.class);
        String generatedKind = r.get("generated", String.class);
        boolean hasDefault = defaultExpr != null || (identity != null && !identity.isEmpty());
        boolean assigned = (identity != null && !identity.isEmpty())
                || (generatedKind != null && !generatedKind.isEmpty())
                || (defaultExpr != null && defaultExpr.startsWith("nextval("))
                || (STAMPS.contains(name) && hasDefault);
        boolean notNull = Boolean.TRUE.equals(r.get("not_null", Boolean.class));
        return new ColumnMeta(name, kind, sqlType, length, precision, scale, !notNull, hasDefault, assigned,
                tableName(r.get("fk_target", String.class)), r.get("cast_type", String.class),
                bool(r, "is_domain"),
                labels == null ? List.of() : List.of(labels));
    }

    /** The kind of a base type by its catalogue name; anything but the plain scalar types is {@link ColumnKind#OTHER}. */
    static ColumnKind kindOf(String baseType) {
        if (baseType == null) {
            return ColumnKind.OTHER;
        }
        return switch (baseType) {
            case "varchar", "bpchar", "text" -> ColumnKind.TEXT;
            case "int2" -> ColumnKind.SMALLINT;
            case "int4" -> ColumnKind.INTEGER;
            case "int8" -> ColumnKind.BIGINT;
            case "numeric" -> ColumnKind.DECIMAL;
            case "float4" -> ColumnKind.REAL;
            case "float8" -> ColumnKind.DOUBLE;
            case "bool" -> ColumnKind.BOOLEAN;
            case "date" -> ColumnKind.DATE;
            case "time" -> ColumnKind.TIME;
            case "timestamp" -> ColumnKind.TIMESTAMP;
            case "timestamptz" -> ColumnKind.TIMESTAMPTZ;
            case "inet", "cidr", "macaddr", "macaddr8", "uuid", "json", "jsonb" -> ColumnKind.SERVER_TEXT;
            default -> ColumnKind.OTHER;
        };
    }

    /**
     * An array of text or numbers is written through its text form ({@code {a,b}}) and the server's cast; an array of
     * anything else (bytea, composite types, ...) HookDesk only shows.
     */
    static ColumnKind arrayKind(String elementType) {
        if (elementType == null) {
            return ColumnKind.OTHER;
        }
        return switch (elementType) {
            case "varchar", "bpchar", "text", "int2", "int4", "int8", "numeric", "float4", "float8" -> ColumnKind.SERVER_TEXT;
            default -> ColumnKind.OTHER;
        };
    }

    /** {@code public."user"} or {@code service} as regclass prints it, to the bare table name. */
    private static String tableName(String regclass) {
        if (regclass == null) {
            return null;
        }
        String last = regclass.substring(regclass.lastIndexOf('.') + 1);
        return last.startsWith("\"") && last.endsWith("\"") ? last.substring(1, last.length() - 1).replace("\"\"", "\"") : last;
    }

    private static List<Integer> keyOf(Integer[] attnums) {
        return attnums == null ? List.of() : List.of(attnums);
    }

    private static boolean bool(Record r, String column) {
        return Boolean.TRUE.equals(r.get(column, Boolean.class));
    }
}
