package io.hookdesk.db.schema;

import io.hookdesk.model.HookedTable;
import org.jooq.DSLContext;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The indexes that make searches instant on a million services, in one place: the demo database gets them from its
 * migration, and an operator of an existing BillMax database gets them from {@code hookdesk db indexes} (printed, or
 * run with {@code --apply}), never behind their back. Searches work without them, only slower. The expressions are
 * {@link io.hookdesk.db.store.SearchStore}'s, exactly, from the one definition here ({@link #accountNames},
 * {@link Fold#of}, {@link #digits}): PostgreSQL uses an expression index only for the same expression.
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

    /**
     * How case is folded for a case-insensitive match, the same on the search and in its indexes. {@code lower()} folds
     * by the database's {@code LC_CTYPE}: in a database created with the C locale, {@code lower('MÜLLER')} is
     * {@code mÜller} and a search for {@code müller} misses every Müller typed in capitals. With ICU (every server built
     * with it, the embedded one included, has the collation {@code und-x-icu}), {@code lower(x COLLATE "und-x-icu")}
     * folds by Unicode's rules whatever the database's locale, and an index can hold it.
     */
    public enum Fold {
        /** Unicode's lower case through ICU's root collation: correct in any database locale. */
        ICU,
        /** The server has no ICU: {@code lower()} by the database's {@code LC_CTYPE} (ASCII only under the C locale). */
        LOWER;

        /** {@code expression} folded: the one text the search and its index both use. */
        public String of(String expression) {
            return this == ICU ? "lower((" + expression + ") COLLATE \"und-x-icu\")" : "lower(" + expression + ")";
        }
    }

    /**
     * The text a name search reads: the name's parts joined with a space, each part NULL-safe ({@code ||} makes the
     * whole NULL when one part is; {@code concat_ws} would not, but it is not immutable, and an index needs that).
     */
    public static String names(String... columns) {
        StringBuilder sb = new StringBuilder();
        for (String c : columns) {
            sb.append(sb.isEmpty() ? "" : " || ' ' || ").append("coalesce(").append(c).append(", '')");
        }
        return sb.toString();
    }

    /** The digits of a phone column, whatever punctuation it was typed with: {@code 541-925-0025} reads {@code 5419250025}. */
    public static String digits(String column) {
        return "regexp_replace(" + column + "::text, '\\D', '', 'g')";
    }

    /** The account's names as searched and indexed. */
    public static String accountNames(Fold fold) {
        return fold.of(names("cfname", "clname", "company"));
    }

    /** The user's names as searched and indexed. */
    public static String userNames(Fold fold) {
        return fold.of(names("fname", "lname"));
    }

    /**
     * The indexes the demo tables had from migrations 3, 5 and 6, as they made them: their statements are those
     * migrations' checksums and must not change. Migration 7 replaces the text ones by {@link #all}'s.
     */
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

    /** Migration 5's index (see {@link #FIRST}). */
    static final List<Index> NAMES_IN_NUMBER_ORDER = List.of(
            new Index("account_number_names", HookedTable.ACCOUNT, "btree", "number",
                    "lower(cfname || ' ' || clname || ' ' || company)", "", "cfname, clname, company"));

    /** Migration 6's index (see {@link #FIRST}). */
    static final List<Index> USER_NAMES_IN_NUMBER_ORDER = List.of(
            new Index("user_number_names", HookedTable.USER, "btree", "number",
                    "lower(fname || ' ' || lname)", "", "fname, lname"));

    /** The indexes of {@link #FIRST} that migration 7 keeps: those on keys, which no search expression changed. */
    static final List<Index> KEYS = FIRST.stream().filter(i -> i.opclass().isEmpty()).toList();

    /**
     * The indexes over text that migration 7 makes, with {@code fold}: names NULL-safe and folded by Unicode's rules,
     * emails, logins and subjects folded, phones by their digits.
     *
     * <p>Fragment searches (%smith%) need trigrams; prefix searches use text_pattern_ops B-tree ranges. The account and
     * user names are also kept in number order: a narrow copy that the newest records matching a common name are found
     * in by walking it backwards, index only. A trigram index finds every match but cannot give them newest first, and
     * reading them (a heap page each) costs more than walking past the few thousand names before the page is full; a
     * full name one user in 120 has read 4,167 heap pages through the trigram index (p95 10.5 ms on a million services).
     * The names' columns are included because PostgreSQL scans an index alone only when it holds every column the
     * query names.
     */
    static List<Index> text(Fold fold) {
        String email = fold.of("email");
        return List.of(
                new Index("account_names_ci_trgm", HookedTable.ACCOUNT, "gin", accountNames(fold), "gin_trgm_ops"),
                new Index("account_email_ci_trgm", HookedTable.ACCOUNT, "gin", email, "gin_trgm_ops"),
                new Index("account_phone_digits_trgm", HookedTable.ACCOUNT, "gin", digits("cphone"), "gin_trgm_ops"),
                new Index("account_email_ci_prefix", HookedTable.ACCOUNT, "btree", email, "text_pattern_ops"),
                new Index("account_phone_digits_prefix", HookedTable.ACCOUNT, "btree", digits("cphone"), "text_pattern_ops"),
                new Index("user_names_ci_trgm", HookedTable.USER, "gin", userNames(fold), "gin_trgm_ops"),
                new Index("user_email_ci_trgm", HookedTable.USER, "gin", email, "gin_trgm_ops"),
                new Index("user_phone_digits_trgm", HookedTable.USER, "gin", digits("dphone"), "gin_trgm_ops"),
                new Index("user_email_ci_prefix", HookedTable.USER, "btree", email, "text_pattern_ops"),
                new Index("user_phone_digits_prefix", HookedTable.USER, "btree", digits("dphone"), "text_pattern_ops"),
                new Index("user_login_ci_prefix", HookedTable.USER, "btree", fold.of("login"), "text_pattern_ops"),
                new Index("service_d01_ci_trgm", HookedTable.SERVICE, "gin", fold.of("d01"), "gin_trgm_ops"),
                new Index("service_d01_ci_prefix", HookedTable.SERVICE, "btree", fold.of("d01"), "text_pattern_ops"),
                new Index("ticket_subject_ci_trgm", HookedTable.TICKET, "gin", fold.of("subject"), "gin_trgm_ops"),
                new Index("account_number_names_ci", HookedTable.ACCOUNT, "btree", "number", accountNames(fold), "",
                        "cfname, clname, company"),
                new Index("user_number_names_ci", HookedTable.USER, "btree", "number", userNames(fold), "", "fname, lname"));
    }

    /** Every index the search relies on today, with {@code fold}: the keys' and the text ones. */
    public static List<Index> all(Fold fold) {
        return Stream.concat(KEYS.stream(), text(fold).stream()).toList();
    }

    /** The schema HookDesk creates pg_trgm in where the database lacks it: HookDesk's own, never the ISP's. */
    public static final String TRGM_SCHEMA = SchemaMigrations.SCHEMA;

    private static final Pattern IDENTIFIER = Pattern.compile("(?<![\\w':])\"?([a-z][a-z0-9_]*)\"?(?![\\w(])");

    private SearchIndexes() {
    }

    /** Whether an index keeps {@code expression} of {@code table} in number order (for walking it newest first). */
    public static boolean inNumberOrder(Fold fold, HookedTable table, String expression) {
        return all(fold).stream().anyMatch(i -> i.table() == table && i.leading().equals("number") && i.expression().equals(expression));
    }

    /** The indexes that apply to this database: their table is available and has every column they read. */
    public static List<Index> applicable(Tables tables) {
        return all(tables.fold()).stream().filter(i -> tables.available(i.table())
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
     * The statements an operator runs to add {@code indexes}: where a trigram index is among them and the database lacks
     * pg_trgm, the extension first, in HookDesk's own schema ({@link #TRGM_SCHEMA}, never the ISP's); then for each one a
     * {@code DROP} of an invalid leftover of that name if there is one, and a {@code CREATE INDEX CONCURRENTLY} (which
     * PostgreSQL runs outside a transaction, without blocking writes), its trigram operator class qualified with the
     * extension's schema so that no {@code search_path} is needed to find it.
     */
    public static List<String> statements(DSLContext dsl, Tables tables, List<Index> indexes) {
        Set<String> invalid = names(dsl, false);
        List<String> out = new ArrayList<>();
        String trgm = trgmSchema(dsl).orElse(TRGM_SCHEMA);
        if (indexes.stream().anyMatch(Index::trigram) && trgmSchema(dsl).isEmpty()) {
            out.add(CREATE_TRGM);
        }
        for (Index i : indexes) {
            String schema = tables.meta(i.table()).schema();
            if (invalid.contains(qualifiedName(tables, i))) {
                out.add("DROP INDEX CONCURRENTLY IF EXISTS " + quote(schema) + "." + i.name());
            }
            out.add(i.createStatement(schema, trgm, true));
        }
        return out;
    }

    /** The statement that adds pg_trgm where HookDesk keeps it. */
    public static final String CREATE_TRGM = "CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA " + TRGM_SCHEMA;

    /** The schema pg_trgm is installed in, if it is. */
    public static Optional<String> trgmSchema(DSLContext dsl) {
        return dsl.resultQuery("SELECT extnamespace::regnamespace::text FROM pg_extension WHERE extname = 'pg_trgm'")
                .fetchOptional(0, String.class);
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
        Matcher m = IDENTIFIER.matcher(expression.replaceAll("'[^']*'", "''").replaceAll("COLLATE \"[^\"]*\"", ""));
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    /**
     * {@code expression} with every column it reads taken from {@code alias} ({@code coalesce(x.fname, '')}): the same
     * expression over a join's or a sub-select's table, which an index on the bare expression serves as well.
     */
    public static String qualified(String expression, String alias) {
        Matcher m = TOKEN.matcher(expression);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String token = m.group();
            m.appendReplacement(out, Matcher.quoteReplacement(m.group(3) == null ? token : alias + "." + token));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static final Pattern TOKEN = Pattern.compile("('[^']*')|(COLLATE \"[^\"]*\")|" + IDENTIFIER.pattern());

    private static String quote(String identifier) {
        return identifier.matches("[a-z_][a-z0-9_]*") && !identifier.equals("user")
                ? identifier : "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}
