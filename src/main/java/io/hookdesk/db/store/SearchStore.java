package io.hookdesk.db.store;

import io.hookdesk.db.schema.SearchIndexes.Fold;
import io.hookdesk.db.schema.SearchIndexes;
import io.hookdesk.db.schema.Tables;
import io.hookdesk.model.HookedTable;
import io.hookdesk.model.Row;
import io.hookdesk.model.Suggestion;
import org.jooq.CommonTableExpression;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.QueryPart;
import org.jooq.Record1;
import org.jooq.Select;
import org.jooq.SortField;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Searches as CSRs search in BillMax: a number finds the record (and records that point at that number),
 * names and subjects match anywhere, email, phone and logins match from the start; a {@code %} the CSR types
 * is a wildcard and replaces that default. The expressions match the indexes in the migrations exactly,
 * so a million services stay instant.
 */
public final class SearchStore {

    private enum Match { FRAGMENT, PREFIX }

    /**
     * What the text typed is compared as: folded by the same {@link Fold} as the expression, the phone's digits alone
     * (whatever punctuation either has), or as typed.
     */
    private enum Typed { FOLDED, DIGITS, AS_TYPED }

    /**
     * A search expression and the columns it reads: a database without one of them does not search that way. The
     * expression comes from {@link SearchIndexes}' definitions, which the indexes are made from too.
     */
    private record Term(String sql, Match match, Typed typed, List<String> columns) {
        Term(String sql, Match match, Typed typed) {
            this(sql, match, typed, SearchIndexes.columnsOf(sql));
        }
    }

    private record Spec(List<String> numberColumns, List<Term> terms) {
    }

    private static final Map<Fold, Map<HookedTable, Spec>> SPECS = new EnumMap<>(Fold.class);

    static {
        for (Fold f : Fold.values()) {
            SPECS.put(f, specs(f));
        }
    }

    private static Map<HookedTable, Spec> specs(Fold f) {
        Map<HookedTable, Spec> specs = new EnumMap<>(HookedTable.class);
        specs.put(HookedTable.ACCOUNT, new Spec(List.of(), List.of(
                new Term(SearchIndexes.accountNames(f), Match.FRAGMENT, Typed.FOLDED),
                new Term(f.of("email"), Match.PREFIX, Typed.FOLDED),
                new Term(SearchIndexes.digits("cphone"), Match.PREFIX, Typed.DIGITS),
                // = ANY(ARRAY(...)) rather than IN (...): the sub-select runs once, and the OR can then combine this
                // term with the others as a BitmapOr of index scans; an IN sub-select inside an OR cannot be, and
                // forced a scan of every account (a second per search on a million services). {1} and {2} are the
                // user and service tables, qualified with their schema.
                new Term("number = ANY(ARRAY(SELECT u.account FROM {1} u JOIN {2} s ON s.\"user\" = u.number "
                        + "WHERE " + f.of("s.d01") + " LIKE {0}))", Match.PREFIX, Typed.FOLDED,
                        List.of("user.account", "service.user", "service.d01")))));
        specs.put(HookedTable.USER, new Spec(List.of("account"), List.of(
                new Term(SearchIndexes.userNames(f), Match.FRAGMENT, Typed.FOLDED),
                new Term(f.of("email"), Match.PREFIX, Typed.FOLDED),
                new Term(SearchIndexes.digits("dphone"), Match.PREFIX, Typed.DIGITS),
                new Term(f.of("login"), Match.PREFIX, Typed.FOLDED))));
        specs.put(HookedTable.SERVICE, new Spec(List.of("user"), List.of(
                new Term(f.of("d01"), Match.PREFIX, Typed.FOLDED))));
        specs.put(HookedTable.TICKET, new Spec(List.of("account", "queue"), List.of(
                new Term(f.of("subject"), Match.FRAGMENT, Typed.FOLDED))));
        specs.put(HookedTable.QUEUE, new Spec(List.of(), List.of(
                new Term(f.of("name"), Match.FRAGMENT, Typed.FOLDED), new Term(f.of("descr"), Match.FRAGMENT, Typed.FOLDED))));
        specs.put(HookedTable.MESSAGE, new Spec(List.of("ticket"), List.of(
                new Term(f.of("subject"), Match.FRAGMENT, Typed.FOLDED), new Term(f.of("fromaddr"), Match.PREFIX, Typed.FOLDED))));
        specs.put(HookedTable.PAYHIST, new Spec(List.of("account", "service"), List.of(
                new Term(f.of("descr"), Match.FRAGMENT, Typed.FOLDED), new Term(f.of("authcode"), Match.PREFIX, Typed.FOLDED))));
        specs.put(HookedTable.EFPSTATE, new Spec(List.of("account", "payhist"), List.of(
                new Term(f.of("authcode"), Match.PREFIX, Typed.FOLDED), new Term(f.of("processorid"), Match.PREFIX, Typed.FOLDED))));
        specs.put(HookedTable.EFPDATA, new Spec(List.of("efpstate"), List.of()));
        specs.put(HookedTable.DATACALL, new Spec(List.of("service"), List.of(
                new Term(f.of("username"), Match.PREFIX, Typed.FOLDED), new Term("callnum", Match.PREFIX, Typed.AS_TYPED),
                new Term("userip", Match.PREFIX, Typed.AS_TYPED))));
        return specs;
    }

    /**
     * One way a few letters suggest a record: {@code where} matches the pattern ({@code {3}}) with an index's
     * expression exactly, {@code text} is what matched, {@code detail} tells the record from the others ({@code ''}
     * where the database lacks its columns). The record is {@code x}, read from {@code {0}}; {@code {1}} is the user
     * table, {@code {2}} the service table. {@code grouped}: a join that can find a record more than once.
     */
    private record Hint(String from, String where, Match match, String text, String detail, int minLength,
                        List<String> columns, List<String> detailColumns, boolean grouped) {
    }

    /**
     * How many logins an account's suggestions read, in the prefix index's order, to find their accounts: ten
     * accounts are among them unless the first accounts hold dozens of logins with the same first letters each.
     */
    private static final int GROUPED_READ = 100;

    private static final Map<Fold, Map<HookedTable, List<Hint>>> HINTS = new EnumMap<>(Fold.class);

    static {
        for (Fold f : Fold.values()) {
            HINTS.put(f, hints(f));
        }
    }

    private static Map<HookedTable, List<Hint>> hints(Fold f) {
        Map<HookedTable, List<Hint>> hints = new EnumMap<>(HookedTable.class);
        hints.put(HookedTable.USER, List.of(
                // user_login_ci_prefix, user_email_ci_prefix, user_names_ci_trgm
                new Hint("{0} x", f.of("x.login") + " LIKE {3}", Match.PREFIX, "x.login::text",
                        "concat_ws(' ', x.fname::text, x.lname::text)", 2,
                        List.of("user.login"), List.of("user.fname", "user.lname"), false),
                new Hint("{0} x", f.of("x.email") + " LIKE {3}", Match.PREFIX, "x.email::text",
                        "concat_ws(' ', x.fname::text, x.lname::text)", 2,
                        List.of("user.email"), List.of("user.fname", "user.lname"), false),
                new Hint("{0} x", SearchIndexes.qualified(SearchIndexes.userNames(f), "x") + " LIKE {3}", Match.FRAGMENT,
                        "concat_ws(' ', x.fname::text, x.lname::text)", "x.login::text", 3,
                        List.of("user.fname", "user.lname"), List.of("user.login"), false)));
        hints.put(HookedTable.ACCOUNT, List.of(
                // service_d01_ci_prefix through the account's users; account_email_ci_prefix; account_names_ci_trgm
                // The first logins in the prefix index's own order, then their accounts: joined first, every service
                // of a short prefix (8,334 for three letters on a million services) was read and sorted.
                new Hint("(SELECT s.\"user\", s.d01 FROM {2} s WHERE " + f.of("s.d01") + " LIKE {3} ORDER BY "
                        + f.of("s.d01") + " USING ~<~"
                        + " LIMIT " + GROUPED_READ + ") s JOIN {1} u ON u.number = s.\"user\" JOIN {0} x ON x.number = u.account",
                        "true", Match.PREFIX, "min(s.d01::text)",
                        "min(concat_ws(' ', x.cfname::text, x.clname::text))", 2,
                        List.of("user.account", "service.user", "service.d01"), List.of("account.cfname", "account.clname"), true),
                new Hint("{0} x", f.of("x.email") + " LIKE {3}", Match.PREFIX, "x.email::text",
                        "concat_ws(' ', x.cfname::text, x.clname::text)", 2,
                        List.of("account.email"), List.of("account.cfname", "account.clname"), false),
                new Hint("{0} x", SearchIndexes.qualified(SearchIndexes.accountNames(f), "x") + " LIKE {3}", Match.FRAGMENT,
                        "concat_ws(' ', x.cfname::text, x.clname::text)", "x.company::text", 3,
                        List.of("account.cfname", "account.clname", "account.company"), List.of("account.company"), false)));
        hints.put(HookedTable.SERVICE, List.of(
                // service_d01_ci_prefix
                new Hint("{0} x", f.of("x.d01") + " LIKE {3}", Match.PREFIX, "x.d01::text",
                        "(SELECT concat_ws(' ', u.fname::text, u.lname::text) FROM {1} u WHERE u.number = x.\"user\")", 2,
                        List.of("service.d01"), List.of("service.user", "user.fname", "user.lname"), false)));
        return hints;
    }

    private final RecordStore store;

    public SearchStore(RecordStore store) {
        this.store = store;
    }

    /**
     * How many of the newest names a search walks, per row it needs, before it reads every match through the trigram
     * index instead: a name that one record in 150 or more has fills its page within the walk; a rarer one has few
     * enough matches to read them all.
     */
    static final int WALK_PER_ROW = 150;

    /**
     * One way a text matches: its condition; for a fragment of an expression that {@link SearchIndexes} keeps in
     * number order, that expression and the pattern, so the newest matches can be found by walking it.
     */
    private record Way(Condition condition, String walkable, Field<String> pattern) {
    }

    /**
     * One page of matches, ordered by {@code sortColumn} (null: newest number first). Asks for one row more than
     * the page so the caller knows whether there is a next page without counting every match.
     */
    public List<Row> search(DSLContext ctx, HookedTable t, String text, String sortColumn, boolean ascending,
                            int offset, int limit) {
        Tables tables = store.tables();
        String trimmed = text == null ? "" : text.trim();
        boolean sorted = sortColumn != null && tables.meta(t).has(sortColumn);
        boolean newestFirst = sortColumn == null || ascending;
        List<SortField<?>> order = new ArrayList<>();
        if (sorted) {
            Field<?> sort = DSL.field(DSL.name(sortColumn));
            order.add(ascending ? sort.asc() : sort.desc());
        }
        order.add(newestFirst ? tables.number(t).desc() : tables.number(t).asc());
        Long typedNumber = recordNumber(trimmed);
        if (typedNumber != null) {
            // The record whose own number was typed comes first, whatever the order: Enter then opens service 27, not
            // the services of user 27 that are newer.
            order.add(0, DSL.when(tables.number(t).eq(typedNumber), DSL.inline(0)).otherwise(DSL.inline(1)).asc());
        }
        if (everything(trimmed)) {
            return ctx.select(tables.columns(t)).from(tables.table(t)).orderBy(order).offset(offset).limit(limit)
                    .fetch(r -> store.toRow(t, r));
        }
        List<Way> ways = ways(tables, t, trimmed);
        if (ways.isEmpty()) {
            return List.of();
        }
        return ctx.transactionResult(cfg -> {
            DSLContext tx = DSL.using(cfg);
            // Serial plans: a search returns one page, and on a busy two-core machine starting parallel workers for the
            // walk along the key cost more than it saved (an account name fragment on a million services: 38-99 ms with
            // two workers against 13-34 ms without, same plan, same load). A plan for this text, every time: how many
            // records an email or phone prefix matches decides the best path, which a plan cached for any text
            // (PostgreSQL's generic plan) cannot know.
            tx.execute("SELECT set_config('max_parallel_workers_per_gather', '0', true), "
                    + "set_config('plan_cache_mode', 'force_custom_plan', true)");
            if (sorted || ways.size() == 1 && ways.get(0).walkable() == null) {
                return tx.select(tables.columns(t)).from(tables.table(t)).where(DSL.or(ways.stream().map(Way::condition).toList()))
                        .orderBy(order).offset(offset).limit(limit).fetch(r -> store.toRow(t, r));
            }
            First first = eachWaysFirst(tables, t, ways, newestFirst, offset + limit);
            return (first.walks().isEmpty() ? tx.select(tables.columns(t)) : tx.with(first.walks()).select(tables.columns(t)))
                    .from(tables.table(t))
                    .where(tables.number(t).in(first.numbers())).orderBy(order).offset(offset).limit(limit)
                    .fetch(r -> store.toRow(t, r));
        });
    }

    /** The numbers {@link #eachWaysFirst} selects, and the walks ({@code WITH} queries) they read. */
    private record First(Select<Record1<Long>> numbers, List<CommonTableExpression<?>> walks) {
    }

    /**
     * The numbers of the first {@code n} records in number order that each way finds on its own, together: the first
     * {@code n} matches of any way are among them. As one OR, PostgreSQL plans one scan for all (every term's index
     * combined, then every match read and sorted); apart, each way takes its own path, a prefix its B-tree range and a
     * name its walk.
     *
     * <p>A name is found without trusting PostgreSQL's estimate of how common it is (for {@code LIKE '%...%'} a guess:
     * one account in 10,000 for a name one in 120 has, which read 4,167 heap pages where walking 6,000 names in number
     * order would have done). The newest {@link #WALK_PER_ROW} x n names are walked in the index that keeps them in
     * number order (index only: each costs a comparison), a {@code MATERIALIZED} {@code WITH} query; only when fewer
     * than {@code n} match there is the name rare enough to read all its matches through the trigram index, a scan
     * behind a one-time filter on the walk's count, so PostgreSQL does not start it otherwise. It is ordered by
     * {@code number + 0} so its order cannot be taken from a walk again.
     */
    private static First eachWaysFirst(Tables tables, HookedTable t, List<Way> ways, boolean newestFirst, int n) {
        Field<Long> number = tables.number(t);
        List<CommonTableExpression<?>> walks = new ArrayList<>();
        List<Select<Record1<Long>>> firsts = new ArrayList<>();
        for (Way way : ways) {
            if (way.walkable() == null) {
                firsts.add(DSL.select(number).from(tables.table(t)).where(way.condition())
                        .orderBy(newestFirst ? number.desc() : number.asc()).limit(n));
                continue;
            }
            Table<?> window = DSL.select(number, DSL.field(way.walkable(), SQLDataType.VARCHAR).as("v")).from(tables.table(t))
                    .orderBy(newestFirst ? number.desc() : number.asc())
                    .limit((int) Math.min(Integer.MAX_VALUE, (long) WALK_PER_ROW * n)).asTable("w");
            Field<Long> walkedNumber = window.field("number", Long.class);
            var walk = DSL.name("walk" + walks.size()).fields("number").asMaterialized(DSL.select(walkedNumber).from(window)
                    .where(DSL.condition("{0} LIKE {1}", window.field("v"), way.pattern()))
                    .orderBy(newestFirst ? walkedNumber.desc() : walkedNumber.asc()).limit(n));
            walks.add(walk);
            firsts.add(DSL.select(walk.field("number", Long.class)).from(walk));
            Field<Long> unordered = number.plus(DSL.inline(0));
            firsts.add(DSL.select(number).from(tables.table(t))
                    .where(way.condition().and(DSL.field(DSL.selectCount().from(walk)).lt(n)))
                    .orderBy(newestFirst ? unordered.desc() : unordered.asc()).limit(n));
        }
        Select<Record1<Long>> union = firsts.get(0);
        for (Select<Record1<Long>> first : firsts.subList(1, firsts.size())) {
            union = union.unionAll(first);
        }
        return new First(union, walks);
    }

    /**
     * What a field for a record of {@code t} suggests for the few letters typed: logins and emails that start with
     * them, names that contain them (from three letters, the least a trigram index can use), each by the index the
     * search uses, at most {@code limit} records, logins first. A way of suggesting whose columns this database lacks
     * is left out; a table with none suggests nothing. Bounded by a short statement timeout: a suggestion that
     * cannot come quickly is no use.
     */
    public List<Suggestion> suggest(DSLContext ctx, HookedTable t, String text, int limit) {
        Tables tables = store.tables();
        String typed = text == null ? "" : text.strip();
        if (typed.length() < 2 || !tables.available(t)) {
            return List.of();
        }
        List<String> parts = new ArrayList<>();
        int i = 0;
        for (Hint h : HINTS.get(tables.fold()).getOrDefault(t, List.of())) {
            i++;
            if (typed.length() < h.minLength() || !available(tables, h.columns())) {
                continue;
            }
            String detail = available(tables, h.detailColumns()) ? h.detail() : "''";
            String where = h.where().replace("{3}", h.match() == Match.PREFIX ? "{3}" : "{4}");
            parts.add("(SELECT x.number AS number, " + h.text() + " AS match, " + detail + " AS detail, " + i + " AS hint"
                    + " FROM " + h.from() + " WHERE " + where + (h.grouped() ? " GROUP BY x.number" : "")
                    + " ORDER BY " + order(h) + " LIMIT " + limit + ")");
        }
        if (parts.isEmpty()) {
            return List.of();
        }
        String sql = "SELECT number, match, detail FROM (" + String.join(" UNION ALL ", parts) + ") s ORDER BY hint, match";
        // A CSR's % and _ are literal here: the list suggests what starts with (or holds) the letters typed.
        String literal = escape(typed).replace("%", "\\%");
        Object[] args = {tables.table(t), table(tables, HookedTable.USER), table(tables, HookedTable.SERVICE),
                folded(tables.fold(), literal + "%"), folded(tables.fold(), "%" + literal + "%")};
        return ctx.transactionResult(cfg -> {
            DSLContext tx = DSL.using(cfg);
            // One round trip for both settings, as the search makes its own: this runs at every pause in typing.
            tx.execute("SELECT set_config('statement_timeout', '3000', true), "
                    + "set_config('max_parallel_workers_per_gather', '0', true)");
            Map<Long, Suggestion> byNumber = new LinkedHashMap<>();
            tx.resultQuery(sql, args).forEach(r -> {
                long n = r.get(0, Long.class);
                byNumber.putIfAbsent(n, new Suggestion(n, r.get(1, String.class), r.get(2, String.class)));
            });
            return byNumber.values().stream().limit(limit).toList();
        });
    }

    /**
     * The order in which a hint's first rows are taken, one an index gives so the limit stops the scan: a prefix in
     * its B-tree's own order ({@code text_pattern_ops} sorts by {@code ~<~}, whatever the database's collation), so
     * the first ten logins of "gro" are read and not all 8,334 of them sorted; a name fragment newest first (the
     * trigram index gives no order; the key or the names' number-ordered index does); a grouped hint by what it found.
     */
    private static String order(Hint h) {
        if (h.grouped()) {
            return "2";
        }
        if (h.match() == Match.PREFIX) {
            return h.where().substring(0, h.where().indexOf(" LIKE ")) + " USING ~<~";
        }
        return "x.number DESC";
    }

    /** {@code t} for a statement's template; a table this database lacks is never read (its hints are left out). */
    private static QueryPart table(Tables tables, HookedTable t) {
        return tables.available(t) ? tables.table(t) : DSL.name(t.sqlName());
    }

    /** Records of {@code t} whose {@code column} refers to {@code parent}, newest first (none if it has no such column). */
    public List<Row> children(DSLContext ctx, HookedTable t, String column, long parent, int limit) {
        Tables tables = store.tables();
        if (!tables.available(t) || !tables.meta(t).has(column)) {
            return List.of();
        }
        Field<Long> fk = DSL.field(DSL.name(column), SQLDataType.BIGINT);
        return ctx.select(tables.columns(t)).from(tables.table(t)).where(fk.eq(parent)).orderBy(tables.number(t).desc())
                .limit(limit).fetch(r -> store.toRow(t, r));
    }

    /** The services of every user of an account, newest first. */
    public List<Row> servicesOfAccount(DSLContext ctx, long account, int limit) {
        Tables tables = store.tables();
        if (!available(tables, List.of("service.user", "user.account"))) {
            return List.of();
        }
        return ctx.select(tables.columns(HookedTable.SERVICE)).from(tables.table(HookedTable.SERVICE))
                .where(DSL.condition("\"user\" IN (SELECT number FROM {0} WHERE account = {1})",
                        tables.table(HookedTable.USER), DSL.val(account)))
                .orderBy(tables.number(HookedTable.SERVICE).desc()).limit(limit)
                .fetch(r -> store.toRow(HookedTable.SERVICE, r));
    }

    /** Whether {@code text} (trimmed) asks for every record. */
    private static boolean everything(String text) {
        return text.isEmpty() || text.equals("%");
    }

    /**
     * {@code text} as a record number (keys are 64-bit: up to 9223372036854775807, nineteen digits), or null when it is
     * not one, so a number too long for a key is searched as text rather than failing.
     */
    static Long recordNumber(String text) {
        if (!text.matches("\\d{1,19}")) {
            return null;
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException tooLarge) {
            return null;
        }
    }

    /** The ways {@code text} matches a record of {@code t}, any one of which is enough; none: nothing can match. */
    private static List<Way> ways(Tables tables, HookedTable t, String text) {
        Fold fold = tables.fold();
        Spec spec = SPECS.get(fold).get(t);
        List<Way> any = new ArrayList<>();
        Long n = recordNumber(text);
        if (n != null) {
            any.add(new Way(DSL.field(DSL.name("number"), SQLDataType.BIGINT).eq(n), null, null));
            for (String c : spec.numberColumns()) {
                if (!tables.meta(t).has(c)) {
                    continue;
                }
                any.add(new Way(DSL.field(DSL.name(c), SQLDataType.BIGINT).eq(n), null, null));
            }
        }
        boolean wildcard = text.contains("%");
        // A phone is typed with any punctuation, or none: only its digits are compared, and only when the text is
        // nothing but a phone's characters (a name or an email is never one).
        String digits = text.matches("[0-9+()./ -]*[0-9][0-9+()./ -]*") ? text.replaceAll("\\D", "") : null;
        for (Term term : spec.terms()) {
            if (!available(tables, term.columns().stream()
                    .map(c -> c.contains(".") ? c : t.sqlName() + "." + c).toList())) {
                continue;
            }
            Field<String> pattern;
            if (term.typed() == Typed.DIGITS) {
                if (digits == null || digits.isEmpty()) {
                    continue;
                }
                pattern = DSL.val(term.match() == Match.FRAGMENT ? "%" + digits + "%" : digits + "%");
            } else {
                String p = wildcard ? text : term.match() == Match.FRAGMENT ? "%" + escape(text) + "%" : escape(text) + "%";
                // Folded by the database, as the expression is: the same fold on both sides, whatever its locale.
                pattern = term.typed() == Typed.FOLDED ? DSL.field(fold.of("{0}::text"), SQLDataType.VARCHAR, DSL.val(p)) : DSL.val(p);
            }
            if (term.sql().contains("{0}")) {
                any.add(new Way(DSL.condition(term.sql(), pattern, table(tables, HookedTable.USER),
                        table(tables, HookedTable.SERVICE)), null, null));
            } else {
                // A digit or an @ makes a phone, a number or an email, which few names contain: reading those few
                // through the trigram index costs less than walking the newest names for them.
                boolean walkable = term.match() == Match.FRAGMENT && SearchIndexes.inNumberOrder(fold, t, term.sql())
                        && !text.matches(".*[0-9@].*");
                any.add(new Way(DSL.condition(term.sql() + " LIKE {0}", pattern), walkable ? term.sql() : null, pattern));
            }
        }
        return any;
    }

    /** Whether every {@code table.column} named is there to read. */
    private static boolean available(Tables tables, List<String> columns) {
        for (String qualified : columns) {
            int dot = qualified.indexOf('.');
            var table = HookedTable.bySqlName(qualified.substring(0, dot));
            if (table.isEmpty() || !tables.available(table.get()) || !tables.meta(table.get()).has(qualified.substring(dot + 1))) {
                return false;
            }
        }
        return true;
    }

    /** A pattern folded by the database as the expressions it is compared with are. */
    private static Field<String> folded(Fold fold, String pattern) {
        return DSL.field(fold.of("{0}::text"), SQLDataType.VARCHAR, DSL.val(pattern));
    }

    /** A CSR's {@code _} and backslash are literal; only {@code %} is a wildcard. */
    private static String escape(String s) {
        return s.replace("\\", "\\\\").replace("_", "\\_");
    }
}
