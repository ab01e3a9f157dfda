package io.hookdesk.bench;

import io.hookdesk.db.Database;
import io.hookdesk.db.schema.Catalog;
import io.hookdesk.db.store.RecordStore;
import io.hookdesk.db.store.SearchStore;
import io.hookdesk.model.HookedTable;
import io.hookdesk.records.RecordService;
import io.hookdesk.records.SearchPage;
import org.jooq.DSLContext;
import org.jooq.ExecuteContext;
import org.jooq.SQLDialect;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultExecuteListener;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The desktop's search box on the million-service demo database: {@code RecordService.search(table, text, null, true,
 * 0, 50)}, which fetches the first page (51 rows asked for, to know whether there is a next one). Each kind of search
 * rotates through {@value #TEXTS} different texts taken from the data, so neither PostgreSQL's plan cache nor its
 * buffers see one lucky query; after the warm-up the plan cache has had every chance to switch to a generic plan,
 * as it would in a long desktop session. The plan of each kind is checked with EXPLAIN ANALYZE.
 */
final class SearchBench {

    static final String SECTION = "Search";
    private static final int TEXTS = 20;

    /** One kind of search; {@code absent}: texts no record matches, so an empty page is the right answer. */
    private record Kind(String name, HookedTable table, List<String> texts, boolean absent) {

        Kind(String name, HookedTable table, List<String> texts) {
            this(name, table, texts, false);
        }
    }

    /** The target for every kind: p95 at most this, in milliseconds. */
    private static final double TARGET_MS = 10;

    private final Database db;
    private final int scale;
    private final int warmup;
    private final int rounds;

    SearchBench(Database db, int scale, int warmup, int rounds) {
        this.db = db;
        this.scale = scale;
        this.warmup = warmup;
        this.rounds = rounds;
    }

    void run(Report report, RecordService records) throws Exception {
        List<Kind> kinds = kinds();
        Rounds r = new Rounds();
        int[] next = new int[kinds.size()];
        int[] rows = new int[kinds.size()];
        for (int k = 0; k < kinds.size(); k++) {
            Kind kind = kinds.get(k);
            int idx = k;
            r.add(kind.name(), () -> {
                String text = kind.texts().get(next[idx]++ % kind.texts().size());
                long t0 = System.nanoTime();
                SearchPage page = records.search(kind.table(), text, null, true, 0, 50);
                long took = System.nanoTime() - t0;
                if (page.rows().isEmpty() != kind.absent()) {
                    throw new IllegalStateException(kind.name() + ": '" + text + "' found " + page.rows().size() + " rows");
                }
                rows[idx] += page.rows().size();
                return took;
            });
        }
        // What a search box or a reference field suggests while the CSR types: RecordService.suggest, ten at most.
        List<Kind> hints = suggestions(kinds);
        int[] nextHint = new int[hints.size()];
        for (int k = 0; k < hints.size(); k++) {
            Kind kind = hints.get(k);
            int idx = k;
            r.add(kind.name(), () -> {
                String text = kind.texts().get(nextHint[idx]++ % kind.texts().size());
                long t0 = System.nanoTime();
                int found = records.suggest(kind.table(), text, 10).size();
                long took = System.nanoTime() - t0;
                if (found == 0) {
                    throw new IllegalStateException(kind.name() + ": '" + text + "' suggested nothing");
                }
                return took;
            });
        }
        // The reference: the same call finding one record by its number (primary key), a search's least possible work.
        int[] n = {0};
        r.add("reference: search by record number", () -> Rounds.time(() ->
                records.search(HookedTable.SERVICE, Integer.toString(1 + (n[0]++ * 7919) % scale), null, true, 0, 50)));
        Map<String, Samples> s = r.run(warmup, rounds);
        for (int k = 0; k < kinds.size(); k++) {
            Kind kind = kinds.get(k);
            Samples samples = s.get(kind.name());
            report.add(new Result("search: " + kind.name() + " (p95)", "<= 10 ms", "ms", Double.NaN, samples.p95Ms(),
                    Result.Kind.AT_MOST, TARGET_MS, null));
            report.detail(SECTION, String.format(Locale.ROOT, "%s, e.g. '%s' on %s: %s; %.1f rows on the first page on average",
                    kind.name(), kind.texts().get(0), kind.table(), samples.describe(),
                    rows[k] / (double) (warmup + rounds)));
        }
        for (Kind kind : hints) {
            Samples samples = s.get(kind.name());
            report.add(new Result(kind.name() + " (p95)", "<= 30 ms", "ms", Double.NaN, samples.p95Ms(),
                    Result.Kind.AT_MOST, 30, null));
            report.detail(SECTION, String.format(Locale.ROOT, "%s, e.g. '%s' on %s: %s", kind.name(),
                    kind.texts().get(0), kind.table(), samples.describe()));
        }
        report.detail(SECTION, "reference, search by record number: " + s.get("reference: search by record number").describe());
        for (Kind kind : kinds) {
            report.detail(SECTION, kind.name() + " plan: " + plan(kind.table(), kind.texts().get(1)));
        }
        for (Kind kind : hints) {
            report.detail(SECTION, kind.name() + " plan: " + suggestPlan(kind.table(), kind.texts().get(1)));
        }
    }

    /**
     * Texts a CSR would type, from records spread over the whole table. Names come in every frequency the demo data
     * has, since which path is fast depends on it: a first name with a surname (one account in 120), a surname alone
     * (one in 30), a first name alone (one in 24), and a first name with a surname no account has (none: the rarest a
     * name can be, where a walk in number order would read every account).
     */
    private List<Kind> kinds() throws Exception {
        List<String> logins = new ArrayList<>();
        List<String> fullNames = new ArrayList<>();
        List<String> surnames = new ArrayList<>();
        List<String> firstNames = new ArrayList<>();
        List<String> emails = new ArrayList<>();
        List<String> phones = new ArrayList<>();
        int accounts = scale / 2;
        try (Connection c = db.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT a.cfname, a.clname, a.email, a.cphone, u.login "
                     + "FROM account a JOIN \"user\" u ON u.account = a.number WHERE a.number = ?")) {
            for (int i = 0; i < TEXTS; i++) {
                ps.setInt(1, accounts / 2 + 1 + (int) ((long) i * (accounts / 2 - 1) / TEXTS));
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    String login = rs.getString(5);
                    // A login typed but for its last two digits: up to a hundred users' logins match.
                    logins.add(login.substring(0, login.length() - 2));
                    fullNames.add(rs.getString(1) + " " + rs.getString(2));
                    surnames.add(rs.getString(2).toLowerCase(Locale.ROOT));
                    firstNames.add(rs.getString(1).toLowerCase(Locale.ROOT));
                    String email = rs.getString(3);
                    emails.add(i % 2 == 0 ? email : email.substring(0, email.indexOf('@')));
                    phones.add(rs.getString(4));
                }
            }
        }
        return List.of(new Kind("service login prefix", HookedTable.SERVICE, logins),
                new Kind("account name, first and last (1 in 120)", HookedTable.ACCOUNT, fullNames),
                new Kind("account name, surname (1 in 30)", HookedTable.ACCOUNT, surnames),
                new Kind("account name, first name (1 in 24)", HookedTable.ACCOUNT, firstNames),
                new Kind("account name no account has", HookedTable.ACCOUNT, absentNames(), true),
                new Kind("account email", HookedTable.ACCOUNT, emails),
                new Kind("user name, first and last", HookedTable.USER, fullNames),
                new Kind("user name, surname", HookedTable.USER, surnames),
                new Kind("account phone", HookedTable.ACCOUNT, phones));
    }

    /**
     * First names with surnames that no account combines (the demo data pairs them by the account number modulo 120,
     * so the first 240 accounts show every pair there is).
     */
    private List<String> absentNames() throws Exception {
        Set<String> firsts = new TreeSet<>();
        Set<String> lasts = new TreeSet<>();
        Set<String> pairs = new HashSet<>();
        try (Connection c = db.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT cfname, clname FROM account ORDER BY number LIMIT 240");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                firsts.add(rs.getString(1));
                lasts.add(rs.getString(2));
                pairs.add(rs.getString(1) + " " + rs.getString(2));
            }
        }
        List<String> absent = new ArrayList<>();
        for (String first : firsts) {
            for (String last : lasts) {
                if (!pairs.contains(first + " " + last)) {
                    absent.add(first + " " + last);
                }
            }
        }
        List<String> spread = new ArrayList<>();
        for (int i = 0; i < TEXTS && !absent.isEmpty(); i++) {
            spread.add(absent.get((int) ((long) i * absent.size() / TEXTS)));
        }
        return spread;
    }

    /** The first letters a CSR types before the suggestions list what they look for. */
    private static List<Kind> suggestions(List<Kind> searches) {
        List<String> logins = searches.get(0).texts();
        List<String> names = searches.get(1).texts();
        return List.of(
                new Kind("suggest: service login, 3 letters", HookedTable.SERVICE, prefixes(logins, 3)),
                new Kind("suggest: account by its service's login, 3 letters", HookedTable.ACCOUNT, prefixes(logins, 3)),
                new Kind("suggest: user login or email, 2 letters", HookedTable.USER, prefixes(logins, 2)),
                new Kind("suggest: account name, 4 letters", HookedTable.ACCOUNT,
                        names.stream().map(n -> n.toLowerCase(Locale.ROOT).replaceAll(".* ", "")).map(n -> n.substring(0, 4)).toList()));
    }

    private static List<String> prefixes(List<String> texts, int letters) {
        return texts.stream().map(t -> t.substring(0, Math.min(letters, t.length()))).toList();
    }

    /**
     * EXPLAIN ANALYZE of exactly the statement the search sends, with its bind values, after the settings the search
     * makes in its transaction (serial plans, a plan for these values); the plan's main lines.
     */
    private String plan(HookedTable table, String text) throws Exception {
        return plan(capture -> new SearchStore(new RecordStore(Catalog.read(db.dsl()))).search(capture, table, text, null, true, 0, 51));
    }

    /** The same for what a field suggests for {@code text}. */
    private String suggestPlan(HookedTable table, String text) throws Exception {
        return plan(capture -> new SearchStore(new RecordStore(Catalog.read(db.dsl()))).suggest(capture, table, text, 10));
    }

    private String plan(java.util.function.Consumer<DSLContext> run) throws Exception {
        record Sent(String sql, List<Object> binds) {
        }
        List<Sent> sent = new ArrayList<>();
        DSLContext capture = DSL.using(db.dataSource(), SQLDialect.POSTGRES, new Settings().withExecuteLogging(false));
        capture.configuration().set(new DefaultExecuteListener() {
            @Override
            public void executeStart(ExecuteContext ctx) {
                sent.add(new Sent(ctx.sql(), ctx.query() == null ? List.of() : ctx.query().getBindValues()));
            }
        });
        run.accept(capture);
        Sent search = sent.get(sent.size() - 1);
        StringBuilder out = new StringBuilder();
        try (Connection c = db.dataSource().getConnection()) {
            c.setAutoCommit(false);
            for (Sent setting : sent.subList(0, sent.size() - 1)) {
                try (PreparedStatement ps = c.prepareStatement(setting.sql())) {
                    bind(ps, setting.binds());
                    ps.execute();
                }
            }
            try (PreparedStatement ps = c.prepareStatement("EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF) " + search.sql())) {
                bind(ps, search.binds());
                ResultSet rs = ps.executeQuery();
                List<String> lines = new ArrayList<>();
                while (rs.next()) {
                    lines.add(rs.getString(1));
                }
                // The plan's nodes (which index, how many rows) and its time; conditions and sort details left out.
                List<String> nodes = new ArrayList<>();
                for (String line : lines) {
                    String t = line.trim().replaceFirst("^->\\s*", "");
                    if (t.matches("(Limit|Sort|Index Scan|Index Only Scan|Bitmap Heap Scan|Bitmap Index Scan|BitmapOr|Seq Scan"
                            + "|Nested Loop|Hash|HashAggregate|Append|Unique|InitPlan|SubPlan)\\b.*") || t.startsWith("Execution Time")) {
                        nodes.add(t.replaceAll(" \\(actual rows=(\\d+) loops=(\\d+)\\)", " ($1 rows)"));
                    }
                }
                out.append(String.join(" / ", nodes));
            }
            c.rollback();
        }
        return "`" + out.toString().replace("`", "'") + "`";
    }

    private static void bind(PreparedStatement ps, List<Object> values) throws Exception {
        int i = 1;
        for (Object v : values) {
            ps.setObject(i++, v);
        }
    }
}
