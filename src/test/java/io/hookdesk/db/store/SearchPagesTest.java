package io.hookdesk.db.store;

import io.hookdesk.db.Database;
import io.hookdesk.db.demo.DemoData;
import io.hookdesk.db.schema.Catalog;
import io.hookdesk.db.schema.SearchIndexes;
import io.hookdesk.db.schema.Tables;
import io.hookdesk.model.HookedTable;
import io.hookdesk.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Account search pages are exactly what the search rules say, whichever way each term is found (the newest names
 * walked in number order, or every match read through the trigram index when a name is too rare for the walk, or a
 * prefix's B-tree range): every page is compared with a plain filter of every account in Java, for names of every
 * frequency, on the demo tables and on a foreign BillMax schema with other column types, before and after its search
 * indexes are applied.
 */
class SearchPagesTest {

    /** One account as the search rules read it. */
    private record Account(int number, String names, String email, String phone, List<String> logins) {
    }

    private static Database demo;
    private static String foreignUrl;
    private static Database foreign;

    @BeforeAll
    static void open() throws SQLException {
        demo = TestDatabase.fresh();
        // 1,200 accounts: a first name with a surname is one in 120, a surname one in 30, a first name one in 24.
        new DemoData(demo.dsl()).seed(2_400, n -> { });
        demo.dsl().execute("UPDATE account SET cfname = 'Zelda', clname = 'Quixote' WHERE number IN (10, 1100)");
        demo.dsl().execute("UPDATE account SET cfname = 'Yorick', clname = 'Quince' WHERE number = 3");
        demo.dsl().execute("UPDATE \"user\" SET fname = 'Zelda', lname = 'Quixote' WHERE number IN (7, 1050)");
        demo.dsl().execute("ANALYZE \"user\"");
        demo.dsl().execute("ANALYZE account");
        foreignUrl = TestDatabase.foreignBillMax();
        try (Connection c = DriverManager.getConnection(foreignUrl, "postgres", null); Statement s = c.createStatement()) {
            // 600 more accounts in char(n) columns, each with a user and a service, two of them with a rare name.
            s.execute("INSERT INTO account (clname, cfname, company, email, cphone) SELECT "
                    + "(ARRAY['Lovelace','Turing','Hopper','Liskov','Knuth'])[1 + i % 5], "
                    + "(ARRAY['Ada','Alan','Grace','Barbara','Donald','Ken'])[1 + (i * 7) % 6], "
                    + "(ARRAY['','Acme Farm','Blue Heron Cafe'])[1 + i % 3], 'c' || i || '@example.net', "
                    + "'555-' || lpad((i % 1000)::text, 4, '0') FROM generate_series(1, 600) AS i");
            s.execute("UPDATE account SET cfname = 'Zelda', clname = 'Quixote' WHERE number IN (5, 580)");
            s.execute("INSERT INTO \"user\" (account, login, fname, lname) "
                    + "SELECT number, 'u' || number, cfname, clname FROM account WHERE number > 1");
            s.execute("INSERT INTO service (d01, \"user\", servdef) SELECT 'svc' || u.number, u.number, 1 FROM \"user\" u "
                    + "WHERE u.number > 1");
            s.execute("ANALYZE");
        }
        foreign = Database.connect(foreignUrl, "postgres", null);
    }

    @AfterAll
    static void close() {
        demo.close();
        foreign.close();
    }

    @Test
    void everyPageOfTheDemoAccountsIsThePlainFilterOfEveryAccountNewestFirst() {
        comparePages(demo, List.of("Edsger Dijkstra", "lovelace", "ada", "heron cafe", "zelda quixote", "yorick quince",
                "ada turing", "grace.hopper", "541-0", "ghopper", "ADA LOVELACE", "100", "a%e q", "nobody at all"));
    }

    @Test
    void everyPageOfAForeignSchemasAccountsIsThePlainFilterBeforeAndAfterItsIndexes() throws SQLException {
        List<String> texts = List.of("ada lovelace", "turing", "grace", "zelda quixote", "ada turing", "c12", "555-00",
                "u3", "acme", "svc4");
        comparePages(foreign, texts);
        try (Connection c = DriverManager.getConnection(foreignUrl, "postgres", null); Statement s = c.createStatement()) {
            Tables tables = Catalog.read(foreign.dsl());
            List<SearchIndexes.Index> indexes = SearchIndexes.applicable(tables);
            assertThat(indexes).extracting(SearchIndexes.Index::name).contains("account_number_names_ci");
            for (String statement : SearchIndexes.statements(foreign.dsl(), tables, indexes)) {
                s.execute(statement);
            }
            s.execute("VACUUM ANALYZE account");
        }
        comparePages(foreign, texts);
    }

    @Test
    void everyPageOfTheDemoUsersByNameIsThePlainFilterOfEveryUserNewestFirst() {
        // Users' names are walked in their own number-ordered index (demo migration 6) as accounts' are.
        List<String[]> users = new ArrayList<>();
        try (Connection c = demo.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT number, lower(fname || ' ' || lname), lower(email), dphone::text, "
                     + "lower(login) FROM \"user\"")) {
            while (r.next()) {
                users.add(new String[] {r.getString(1), r.getString(2), r.getString(3), r.getString(4), r.getString(5)});
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        SearchStore search = new SearchStore(new RecordStore(Catalog.read(demo.dsl())));
        for (String text : List.of("Ada Lovelace", "lovelace", "grace", "zelda quixote", "nobody at all")) {
            String lower = text.toLowerCase(Locale.ROOT);
            List<Integer> expected = users.stream().filter(u -> u[1].contains(lower) || u[2] != null && u[2].startsWith(lower)
                            || u[3] != null && u[3].startsWith(text) || u[4] != null && u[4].startsWith(lower))
                    .map(u -> Integer.parseInt(u[0])).sorted(Comparator.reverseOrder()).toList();
            for (int size : new int[] {1, 3, 10}) {
                for (int page = 0; page < 4; page++) {
                    int offset = page * size;
                    List<Integer> found = search.search(demo.dsl(), HookedTable.USER, text, null, true, offset, size + 1)
                            .stream().map(r -> r.integer("number").intValue()).toList();
                    assertThat(found).as("user '%s', rows %d to %d", text, offset + 1, offset + size + 1)
                            .isEqualTo(expected.subList(Math.min(offset, expected.size()),
                                    Math.min(offset + size + 1, expected.size())));
                }
            }
        }
    }

    /**
     * Pages of 1, 3 and 10, first to fourth, against the plain filter. Small pages make the walk short (page 1 of 1
     * walks the newest {@link SearchStore#WALK_PER_ROW} x 2 = 300 names, of 3 the newest 600), so the rare names, old
     * accounts, are read through the trigram index.
     */
    private static void comparePages(Database db, List<String> texts) {
        List<Account> accounts = accounts(db);
        SearchStore search = new SearchStore(new RecordStore(Catalog.read(db.dsl())));
        for (String text : texts) {
            List<Integer> expected = accounts.stream().filter(a -> matches(a, text)).map(Account::number)
                    .sorted(Comparator.reverseOrder()).toList();
            for (int size : new int[] {1, 3, 10}) {
                for (int page = 0; page < 4; page++) {
                    int offset = page * size;
                    // As RecordService asks: one row more than the page.
                    List<Integer> found = search.search(db.dsl(), HookedTable.ACCOUNT, text, null, true, offset, size + 1)
                            .stream().map(r -> r.integer("number").intValue()).toList();
                    assertThat(found).as("'%s', rows %d to %d", text, offset + 1, offset + size + 1)
                            .isEqualTo(expected.subList(Math.min(offset, expected.size()),
                                    Math.min(offset + size + 1, expected.size())));
                }
            }
        }
    }

    /** The rules, written out: a name fragment anywhere, email, phone and a service's login from the start, a number. */
    private static boolean matches(Account a, String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        if (text.contains("%")) {
            Pattern like = Pattern.compile(String.join(".*", List.of(lower.split("%", -1)).stream().map(Pattern::quote).toList()),
                    Pattern.DOTALL);
            return like.matcher(a.names()).matches() || like.matcher(a.email()).matches()
                    || Pattern.compile(String.join(".*", List.of(text.split("%", -1)).stream().map(Pattern::quote).toList()))
                    .matcher(a.phone()).matches()
                    || a.logins().stream().anyMatch(l -> like.matcher(l).matches());
        }
        return a.names().contains(lower) || a.email().startsWith(lower) || a.phone().startsWith(text)
                || a.logins().stream().anyMatch(l -> l.startsWith(lower))
                || text.matches("\\d{1,9}") && a.number() == Integer.parseInt(text);
    }

    /** Every account with its services' logins, read plainly (char(n) values without their pad, as PostgreSQL casts them). */
    private static List<Account> accounts(Database db) {
        Map<Integer, List<String>> logins = new HashMap<>();
        List<Account> accounts = new ArrayList<>();
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            try (ResultSet r = s.executeQuery("SELECT u.account, s.d01 FROM service s JOIN \"user\" u ON u.number = s.\"user\"")) {
                while (r.next()) {
                    logins.computeIfAbsent(r.getInt(1), k -> new ArrayList<>()).add(r.getString(2).stripTrailing().toLowerCase(Locale.ROOT));
                }
            }
            try (ResultSet r = s.executeQuery("SELECT number, cfname, clname, company, email, cphone FROM account")) {
                while (r.next()) {
                    String names = String.join(" ", r.getString(2).stripTrailing(), r.getString(3).stripTrailing(),
                            r.getString(4).stripTrailing()).toLowerCase(Locale.ROOT);
                    accounts.add(new Account(r.getInt(1), names, r.getString(5).toLowerCase(Locale.ROOT),
                            r.getString(6).stripTrailing(), logins.getOrDefault(r.getInt(1), List.of())));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return accounts;
    }
}
