package io.hookdesk.db.schema;

import io.hookdesk.model.HookedTable;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code hookdesk db check} reads from the catalogue besides the tables themselves: the ISP's own triggers on the
 * hooked tables, the row-level security policies, and where pg_trgm is. Reads only.
 */
public final class SchemaFindings {

    private SchemaFindings() {
    }

    /** The ISP's triggers on each available hooked table (not constraint triggers PostgreSQL makes itself), by name. */
    public static Map<HookedTable, List<String>> triggers(DSLContext dsl, Tables tables) {
        Map<HookedTable, List<String>> found = new EnumMap<>(HookedTable.class);
        for (HookedTable t : HookedTable.values()) {
            if (!tables.available(t)) {
                continue;
            }
            List<String> names = dsl.fetch("SELECT tgname::text FROM pg_trigger WHERE tgrelid = ?::regclass "
                            + "AND NOT tgisinternal ORDER BY 1", qualified(tables, t)).getValues(0, String.class);
            if (!names.isEmpty()) {
                found.put(t, names);
            }
        }
        return found;
    }

    /** The names of the row-level security policies on a table, with the commands each applies to. */
    public static List<String> policies(DSLContext dsl, Tables tables, HookedTable t) {
        return dsl.fetch("SELECT polname::text || ' (' || CASE polcmd WHEN 'r' THEN 'SELECT' WHEN 'a' THEN 'INSERT' "
                        + "WHEN 'w' THEN 'UPDATE' WHEN 'd' THEN 'DELETE' ELSE 'ALL' END || ')' FROM pg_policy "
                        + "WHERE polrelid = ?::regclass ORDER BY 1", qualified(tables, t)).getValues(0, String.class);
    }

    /** The schema pg_trgm is installed in, if it is. */
    public static Optional<String> trgmSchema(DSLContext dsl) {
        return SearchIndexes.trgmSchema(dsl);
    }

    private static String qualified(Tables tables, HookedTable t) {
        return DSL.name(tables.meta(t).schema(), t.sqlName()).toString();
    }

    /** The columns a create must set: NOT NULL, no default, not assigned by the database. */
    public static List<String> requiredWithoutDefault(Tables tables, HookedTable t) {
        List<String> out = new ArrayList<>();
        tables.meta(t).columns().stream().filter(c -> c.required() && !c.name().equals("number")).forEach(c -> out.add(c.name()));
        return out;
    }
}
