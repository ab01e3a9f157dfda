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
 * login may do with each table and column, and its row-level security. Tables are looked up in the schema that
 * {@link BillMaxSchema} chooses from the same read, never through the session's {@code search_path}. Nothing is
 * created or changed.
 */
public final class Catalog {

    /** Columns the database stamps when a row is written: shown, never typed, where the database gives them a value. */
    private static final Set<String> STAMPS = Set.of("generation", "entdate", "enttime");

    private static final String QUERY = """
            SELECT w.name AS table_name, n.nspname AS schema_name, c.relkind::text AS relkind,
                   has_any_column_privilege(c.oid, 'SELECT') AS may_select,
                   has_any_column_privilege(c.oid, 'INSERT') AS may_insert,
                   has_any_column_privilege(c.oid, 'UPDATE') AS may_update,
                   c.relkind IN ('r', 'p') AND NOT EXISTS (SELECT 1 FROM unnest(string_to_array(w.key_columns, ',')) AS k(name)
                     WHERE NOT EXISTS (SELECT 1 FROM pg_attribute x WHERE x.attrelid = c.oid AND x.attname = k.name
                                          AND x.attnum > 0 AND NOT x.attisdropped)) AS billmax,
                   to_regnamespace(quote_ident(?::text)) IS NOT NULL AS configured_exists,
                   EXISTS (SELECT 1 FROM pg_collation WHERE collname = 'und-x-icu'
                                                        AND collnamespace = 'pg_catalog'::regnamespace) AS icu,
                   c.relrowsecurity AS rls, row_security_active(c.oid) AS rls_active,
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
                     WHERE f.conrelid = c.oid AND f.contype = 'f' AND f.conkey = ARRAY[a.attnum] LIMIT 1) AS fk_target,
                   has_column_privilege(c.oid, a.attnum, 'SELECT') AS may_read_column,
                   has_column_privilege(c.oid, a.attnum, 'INSERT') AS may_insert_column,
                   has_column_privilege(c.oid, a.attnum, 'UPDATE') AS may_update_column
              FROM unnest(?::text[], ?::text[]) WITH ORDINALITY AS w(name, key_columns, ord)
              LEFT JOIN (pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                         AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'hookdesk') AND n.nspname NOT LIKE 'pg\\_%')
                     ON c.relname = w.name AND c.relkind IN ('r', 'p', 'v', 'm', 'f')
              LEFT JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
              LEFT JOIN pg_type t ON t.oid = a.atttypid
              LEFT JOIN pg_namespace tn ON tn.oid = t.typnamespace
              LEFT JOIN pg_type et ON et.oid = CASE WHEN t.typtype = 'd' THEN t.typbasetype ELSE t.oid END
              LEFT JOIN pg_type el ON el.oid = et.typelem AND et.typcategory = 'A'
              LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
             ORDER BY w.ord, n.nspname, a.attnum
            """;

    private Catalog() {
    }

    /** What the login may do with a table: any of its columns counts (a column grant is a grant). */
    public record Privileges(boolean select, boolean insert, boolean update) {
    }

    /**
     * What this login may do column by column where it may not do everything: the columns it may not read (absent from
     * every form, read and environment) and those it may read but not change. Empty for a login with table grants.
     */
    public record ColumnGrants(List<String> unreadable, List<String> notInsertable, List<String> notUpdatable) {
        public ColumnGrants {
            unreadable = List.copyOf(unreadable);
            notInsertable = List.copyOf(notInsertable);
            notUpdatable = List.copyOf(notUpdatable);
        }

        static final ColumnGrants ALL = new ColumnGrants(List.of(), List.of(), List.of());

        public boolean all() {
            return unreadable.isEmpty() && notInsertable.isEmpty() && notUpdatable.isEmpty();
        }
    }

    /** Row-level security on a table: whether it has it, and whether it applies to this login (not its owner, no BYPASSRLS). */
    public record RowSecurity(boolean enabled, boolean active) {
        static final RowSecurity NONE = new RowSecurity(false, false);
    }

    /** One table as found: its schema (null when missing), relation kind, columns, key and privileges. */
    record Found(String name, String schema, String relkind, List<ColumnMeta> columns, List<Integer> keyAttnums,
                 Map<Integer, String> attnames, Map<String, String> defaults, Privileges privileges,
                 boolean billmax, RowSecurity rowSecurity, List<String> unreadable, List<String> notInsertable,
                 List<String> notUpdatable) {
    }

    /** Reads the ten hooked tables and {@code servdef} in one round trip, in the schema the catalogue shows holding them. */
    public static Tables read(DSLContext dsl) {
        return read(dsl, null);
    }

    /**
     * Reads the ten hooked tables and {@code servdef} in one round trip: from schema {@code configured} where the
     * operator set one (null: none), else from the schema the catalogue shows holding them ({@link BillMaxSchema}).
     * Only the columns this login may read are described; the others are listed as unreadable.
     *
     * @throws BillMaxSchema.BillMaxSchemaException when the setting names no schema, or the catalogue shows two
     */
    public static Tables read(DSLContext dsl, String configured) {
        List<String> names = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        for (HookedTable t : HookedTable.values()) {
            names.add(t.sqlName());
            keys.add(String.join(",", BillMaxSchema.KEY_COLUMNS.get(t)));
        }
        names.add(Tables.SERVDEF);
        keys.add("number");
        // Every schema's table of each name, so the schema is chosen from the same read as the tables are.
        Map<String, Map<String, Found>> bySchema = new LinkedHashMap<>();
        boolean configuredExists = false;
        boolean icu = false;
        for (Record r : dsl.resultQuery(QUERY, configured, names.toArray(String[]::new), keys.toArray(String[]::new)).fetch()) {
            configuredExists = bool(r, "configured_exists");
            icu = bool(r, "icu");
            String schema = r.get("schema_name", String.class);
            if (schema == null) {
                continue;
            }
            String table = r.get("table_name", String.class);
            Found f = bySchema.computeIfAbsent(schema, k -> new LinkedHashMap<>()).computeIfAbsent(table, k -> new Found(k,
                    schema, r.get("relkind", String.class), new ArrayList<>(), keyOf(r.get("pkey", Integer[].class)),
                    new LinkedHashMap<>(), new LinkedHashMap<>(),
                    new Privileges(bool(r, "may_select"), bool(r, "may_insert"), bool(r, "may_update")), bool(r, "billmax"),
                    new RowSecurity(bool(r, "rls"), bool(r, "rls_active")), new ArrayList<>(), new ArrayList<>(), new ArrayList<>()));
            Integer attnum = r.get("attnum", Integer.class);
            if (attnum != null) {
                ColumnMeta column = column(r);
                f.attnames().put(attnum, column.name());
                if (!bool(r, "may_read_column")) {
                    // Never selected: a column the login may not read would make every read of the row fail.
                    f.unreadable().add(column.name());
                    continue;
                }
                if (!bool(r, "may_insert_column")) {
                    f.notInsertable().add(column.name());
                }
                if (!bool(r, "may_update_column")) {
                    f.notUpdatable().add(column.name());
                }
                f.columns().add(column);
                String expression = r.get("default_expr", String.class);
                if (expression != null && !column.generated() && !expression.contains("nextval(")) {
                    f.defaults().put(column.name(), expression);
                }
            }
        }
        Map<String, Integer> counts = new LinkedHashMap<>();
        bySchema.forEach((schema, tables) -> {
            int n = (int) tables.values().stream().filter(f -> f.billmax() && HookedTable.bySqlName(f.name()).isPresent()).count();
            if (n > 0) {
                counts.put(schema, n);
            }
        });
        BillMaxSchema where = BillMaxSchema.choose(configured, configuredExists, counts);
        Map<String, Found> found = bySchema.getOrDefault(where.name(), Map.of());
        Map<HookedTable, TableMeta> metas = new EnumMap<>(HookedTable.class);
        Map<HookedTable, String> problems = new EnumMap<>(HookedTable.class);
        Map<HookedTable, Privileges> privileges = new EnumMap<>(HookedTable.class);
        Map<HookedTable, Map<String, String>> defaults = new EnumMap<>(HookedTable.class);
        Map<HookedTable, ColumnGrants> grants = new EnumMap<>(HookedTable.class);
        Map<HookedTable, RowSecurity> rowSecurity = new EnumMap<>(HookedTable.class);
        for (HookedTable t : HookedTable.values()) {
            Found f = found.get(t.sqlName());
            String problem = problem(t, f, where.name());
            if (problem != null) {
                problems.put(t, problem);
            } else {
                metas.put(t, new TableMeta(t, f.schema(), f.columns()));
                privileges.put(t, f.privileges());
                defaults.put(t, f.defaults());
                grants.put(t, new ColumnGrants(f.unreadable(), f.notInsertable(), f.notUpdatable()));
                rowSecurity.put(t, f.rowSecurity());
            }
        }
        Found servdef = found.get(Tables.SERVDEF);
        TableMeta servdefMeta = servdef == null || servdef.schema() == null ? null
                : new TableMeta(null, servdef.schema(), servdef.columns());
        return new Tables(metas, problems, privileges, defaults, servdefMeta, where, grants, rowSecurity,
                icu ? SearchIndexes.Fold.ICU : SearchIndexes.Fold.LOWER);
    }

    /** Why HookDesk cannot work on the table, or null if it can. */
    static String problem(HookedTable t, Found f, String schema) {
        if (f == null || f.schema() == null) {
            return "this database has no table " + t.sqlName() + (schema.equals(BillMaxSchema.DEFAULT) ? "" : " in schema " + schema);
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
        var number = f.columns().stream().filter(c -> c.name().equals("number")).findFirst();
        if (number.isEmpty()) {
            return "this login may not read " + t.sqlName() + ".number (a column grant leaves it out)";
        }
        ColumnKind kind = number.get().kind();
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
