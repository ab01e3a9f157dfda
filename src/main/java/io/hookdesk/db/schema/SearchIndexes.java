package io.hookdesk.db.schema;

import io.hookdesk.model.HookedTable;
import org.jooq.DSLContext;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The indexes that make searches instant on a million services, in one place: the demo database gets them from its
 * migration, and an operator of an existing BillMax database gets them from {@code hookdesk db indexes} (printed, or
 * run with {@code --apply}), never behind their back. Searches work without them, only slower. The expressions are
 * {@link io.hookdesk.db.store.SearchStore}'s, exactly: PostgreSQL uses an expression index only for the same expression.
 */
public final class SearchIndexes {

    /**
     * One index: fragment searches (%smith%) need trigrams; prefix searches use text_pattern_ops B-tree ranges.
     * {@code leading} is a key column before the expression and {@code include} the columns stored beside the keys
     * (both empty for most).
     */
    public record Index(String name, HookedTable table, String method, String leading, String expression, String opclass,
                        String include) {

        Index(String name, HookedTable table, String method, String expression, String opclass) {
            this(name, table, method, "", expression, opclass, "");
        }

        /** The bare columns the index reads. */
        public List<String> columns() {
            return columnsOf(String.join(", ", leading, expression, include));
        }

        boolean trigram() {
            return opclass.equals("gin_trgm_ops");
        }

        /**
         * The statement that creates it on {@code schema}. {@code trgmSchema} qualifies the trigram operator class
         * (null: found through the search path); {@code concurrently} builds it without blocking writes.
         */
        public String createStatement(String schema, String trgmSchema, boolean concurrently) {
            String ops = opclass.isEmpty() ? "" : " " + (trigram() && trgmSchema != null ? trgmSchema + "." : "") + opclass;
            return "CREATE INDEX " + (concurrently ? "CONCURRENTLY " : "") + "IF NOT EXISTS " + name + " ON "
                    + quote(schema) + "." + quote(table.sqlName()) + " USING " + method + " ("
                    + (leading.isEmpty() ? "" : leading + ", ") + "(" + expression + ")" + ops + ")"
                    + (include.isEmpty() ? "" : " INCLUDE (" + include + ")");
        }
    }

    /** Fragment and prefix searches as {@link io.hookdesk.db.store.SearchStore} runs them, and the keys its lists of children follow. */
    static final List<Index> FIRST = List.of(
            new Index("account_names_trgm", HookedTable.ACCOUNT, "gin", "lower(cfname || ' ' || clname || ' ' || company)", "gin_trgm_ops"),
            new Index("account_email_trgm", HookedTable.ACCOUNT, "gin", "lower(email)", "gin_trgm_ops"),
            new Index("account_phone_trgm", HookedTable.ACCOUNT, "gin", "cphone::text", "gin_trgm_ops"),
            new Index("account_email_prefix", HookedTable.ACCOUNT, "btree", "lower(email)", "text_pattern_ops"),
            new Index("account_phone_prefix", HookedTable.ACCOUNT, "btree", "cphone::text", "text_pattern_ops"),
            new Index("user_names_trgm", HookedTable.USER, "gin", "lower(fname || ' ' || lname)", "gin_trgm_ops"),
            new Index("user_email_trgm", HookedTable.USER, "gin", "lower(email)", "gin_trgm_ops"),
            new Index("user_phone_trgm", HookedTable.USER, "gin", "dphone::text", "gin_trgm_ops"),
            new Index("user_email_prefix", HookedTable.USER, "btree", "lower(email)", "text_pattern_ops"),
            new Index("user_phone_prefix", HookedTable.USER, "btree", "dphone::text", "text_pattern_ops"),
            new Index("user_login_prefix", HookedTable.USER, "btree", "lower(login)", "text_pattern_ops"),
            new Index("service_d01_trgm", HookedTable.SERVICE, "gin", "lower(d01)", "gin_trgm_ops"),
            new Index("service_d01_prefix", HookedTable.SERVICE, "btree", "lower(d01)", "text_pattern_ops"),
            new Index("ticket_subject_trgm", HookedTable.TICKET, "gin", "lower(subject)", "gin_trgm_ops"),
            new Index("user_account_idx", HookedTable.USER, "btree", "account", ""),
            new Index("service_user_idx", HookedTable.SERVICE, "btree", "\"user\"", ""),
            new Index("payhist_account_idx", HookedTable.PAYHIST, "btree", "account", ""),
            new Index("datacall_service_idx", HookedTable.DATACALL, "btree", "service", ""),
            new Index("ticket_account_idx", HookedTable.TICKET, "btree", "account", ""),
            new Index("message_ticket_idx", HookedTable.MESSAGE, "btree", "ticket", ""),
            new Index("efpstate_account_idx", HookedTable.EFPSTATE, "btree", "account", ""),
            new Index("efpdata_efpstate_idx", HookedTable.EFPDATA, "btree", "efpstate", ""));

    /**
     * The account names again, in number order: a narrow copy that the newest accounts matching a common name are
     * found in by walking it backwards, index only. A trigram index finds every match but cannot give them newest
     * first, and reading them (a heap page each) costs more than walking past the few thousand names before the page
     * is full; walking the table itself computes {@code lower(...)} of every account passed. The names' columns are
     * included because PostgreSQL scans an index alone only when it holds every column the query names.
     */
    static final List<Index> NAMES_IN_NUMBER_ORDER = List.of(
            new Index("account_number_names", HookedTable.ACCOUNT, "btree", "number",
                    "lower(cfname || ' ' || clname || ' ' || company)", "", "cfname, clname, company"));

    /**
     * The users' names in number order, for the same reason as the accounts' ({@link #NAMES_IN_NUMBER_ORDER}): a full
     * name one user in 120 has read 4,167 heap pages through the trigram index (p95 10.5 ms on a million services).
     * A list of its own, since a demo migration's checksum is its statements.
     */
    static final List<Index> USER_NAMES_IN_NUMBER_ORDER = List.of(
            new Index("user_number_names", HookedTable.USER, "btree", "number",
                    "lower(fname || ' ' || lname)", "", "fname, lname"));

    /** Every index, in the order the demo migrations made them. */
    public static final List<Index> ALL = Stream.of(FIRST, NAMES_IN_NUMBER_ORDER, USER_NAMES_IN_NUMBER_ORDER)
            .flatMap(List::stream).toList();

    private static final Pattern IDENTIFIER = Pattern.compile("(?<![\\w':])\"?([a-z][a-z0-9_]*)\"?(?![\\w(])");

    private SearchIndexes() {
    }

    /** Whether an index keeps {@code expression} of {@code table} in number order (for walking it newest first). */
    public static boolean inNumberOrder(HookedTable table, String expression) {
        return ALL.stream().anyMatch(i -> i.table() == table && i.leading().equals("number") && i.expression().equals(expression));
    }

    /** The indexes that apply to this database: their table is available and has every column they read. */
    public static List<Index> applicable(Tables tables) {
        return ALL.stream().filter(i -> tables.available(i.table())
                && i.columns().stream().allMatch(c -> tables.meta(i.table()).has(c))).toList();
    }

    /**
     * Which of {@code indexes} the database lacks, by name in their table's schema. An index left invalid by a failed
     * {@code CREATE INDEX CONCURRENTLY} counts as missing: PostgreSQL keeps it, but never uses it.
     */
    public static List<Index> missing(DSLContext dsl, Tables tables, List<Index> indexes) {
        Set<String> valid = names(dsl, true);
        return indexes.stream()
                .filter(i -> !valid.contains(qualifiedName(tables, i)))
                .collect(Collectors.toList());
    }

    /**
     * The statements an operator runs to add {@code indexes}: the trigram extension first when a trigram index is
     * among them, then for each one a {@code DROP} of an invalid leftover of that name if there is one, and a
     * {@code CREATE INDEX CONCURRENTLY} (which PostgreSQL runs outside a transaction, without blocking writes).
     */
    public static List<String> statements(DSLContext dsl, Tables tables, List<Index> indexes) {
        Set<String> invalid = names(dsl, false);
        List<String> out = new ArrayList<>();
        if (indexes.stream().anyMatch(Index::trigram)) {
            out.add("CREATE EXTENSION IF NOT EXISTS pg_trgm");
        }
        for (Index i : indexes) {
            String schema = tables.meta(i.table()).schema();
            if (invalid.contains(qualifiedName(tables, i))) {
                out.add("DROP INDEX CONCURRENTLY IF EXISTS " + quote(schema) + "." + i.name());
            }
            out.add(i.createStatement(schema, null, true));
        }
        return out;
    }

    private static String qualifiedName(Tables tables, Index i) {
        return tables.meta(i.table()).schema() + "." + i.name();
    }

    private static Set<String> names(DSLContext dsl, boolean valid) {
        return dsl.resultQuery("SELECT n.nspname || '.' || c.relname FROM pg_index x JOIN pg_class c ON c.oid = x.indexrelid "
                + "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE x.indisvalid = ?", valid).fetchSet(0, String.class);
    }

    /** The bare column names an expression such as {@code lower(cfname || ' ' || clname)} reads. */
    public static List<String> columnsOf(String expression) {
        List<String> names = new ArrayList<>();
        Matcher m = IDENTIFIER.matcher(expression.replaceAll("'[^']*'", "''"));
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    private static String quote(String identifier) {
        return identifier.matches("[a-z_][a-z0-9_]*") && !identifier.equals("user")
                ? identifier : "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}
