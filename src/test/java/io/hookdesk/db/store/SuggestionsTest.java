package io.hookdesk.db.store;

import io.hookdesk.db.Database;
import io.hookdesk.db.schema.Catalog;
import io.hookdesk.model.HookedTable;
import io.hookdesk.model.Suggestion;
import io.hookdesk.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What a reference field or a search box suggests for a few letters, over the demo data and a foreign schema. */
class SuggestionsTest {

    private static Database db;
    private static SearchStore search;

    @BeforeAll
    static void open() {
        db = TestDatabase.withDemoData();
        search = new SearchStore(new RecordStore(Catalog.read(db.dsl())));
    }

    @AfterAll
    static void close() {
        db.close();
    }

    private static String userLogin(int number) {
        return db.dsl().fetchOne("SELECT login FROM \"user\" WHERE number = " + number).get(0, String.class);
    }

    @Test
    void aUsersLoginPrefixSuggestsTheUserWithNumberLoginAndName() {
        String login = userLogin(3);
        var name = db.dsl().fetchOne("SELECT fname || ' ' || lname FROM \"user\" WHERE number = 3").get(0, String.class);

        List<Suggestion> found = search.suggest(db.dsl(), HookedTable.USER, login.substring(0, 3).toUpperCase(), 10);

        assertThat(found).contains(new Suggestion(3, login, name));
        assertThat(found).allMatch(s -> s.match().toLowerCase().startsWith(login.substring(0, 3))
                || s.detail().toLowerCase().contains(login.substring(0, 3)));
        assertThat(new Suggestion(3, login, name).display()).isEqualTo("3 · " + login + " · " + name);
    }

    @Test
    void atMostTheLimitAndEachRecordOnce() {
        // Fifteen users whose login and email start alike: each matches two ways, and is suggested once.
        db.dsl().execute("INSERT INTO \"user\" (number, account, login, email, fname, lname) SELECT 9000 + i, 1, "
                + "'zzpage' || i, 'zzpage' || i || '@example.net', 'Page', 'Tester' || i FROM generate_series(1, 15) AS i");

        List<Suggestion> found = search.suggest(db.dsl(), HookedTable.USER, "zzp", 10);

        assertThat(found).hasSize(10);
        assertThat(found.stream().map(Suggestion::number).toList()).doesNotHaveDuplicates();
        assertThat(found.get(0)).isEqualTo(new Suggestion(9001, "zzpage1", "Page Tester1"));
        assertThat(search.suggest(db.dsl(), HookedTable.USER, "z", 10)).isEmpty();
    }

    @Test
    void anAccountIsSuggestedByTheLoginOfItsServiceByEmailAndByAFragmentOfItsName() {
        var a = db.dsl().fetchOne("SELECT a.email, a.clname, s.d01 FROM account a JOIN \"user\" u ON u.account = a.number "
                + "JOIN service s ON s.\"user\" = u.number WHERE a.number = 7 LIMIT 1");
        String email = a.get(0, String.class);
        String surname = a.get(1, String.class);
        String login = a.get(2, String.class);

        assertThat(numbers(HookedTable.ACCOUNT, login)).contains(7);
        assertThat(numbers(HookedTable.ACCOUNT, email.substring(0, email.indexOf('@')))).contains(7);
        assertThat(numbers(HookedTable.ACCOUNT, surname.substring(1, 4))).contains(7);
        // A fragment of two letters is not enough for a name (the trigram index needs three).
        assertThat(search.suggest(db.dsl(), HookedTable.ACCOUNT, surname.substring(1, 3), 100))
                .noneMatch(s -> s.match().contains(" ") && !s.match().toLowerCase().startsWith(surname.substring(1, 3).toLowerCase()));
    }

    @Test
    void aServiceIsSuggestedByItsLoginWithItsUsersName() {
        var s = db.dsl().fetchOne("SELECT s.d01, u.fname || ' ' || u.lname FROM service s JOIN \"user\" u "
                + "ON u.number = s.\"user\" WHERE s.number = 9");
        List<Suggestion> found = search.suggest(db.dsl(), HookedTable.SERVICE, s.get(0, String.class), 10);

        assertThat(found).contains(new Suggestion(9, s.get(0, String.class), s.get(1, String.class)));
    }

    @Test
    void aTypedWildcardIsALiteralAndTablesWithoutHintsSuggestNothing() {
        assertThat(search.suggest(db.dsl(), HookedTable.USER, "%%", 10)).isEmpty();
        assertThat(search.suggest(db.dsl(), HookedTable.USER, "_a", 10)).isEmpty();
        assertThat(search.suggest(db.dsl(), HookedTable.PAYHIST, "pay", 10)).isEmpty();
    }

    @Test
    void onAForeignSchemaAMissingColumnLeavesOnlyItsWayOfSuggestingOut() {
        try (Database foreign = Database.connect(TestDatabase.foreignBillMax(), "postgres", null)) {
            // The vendor dropped the users' email and the accounts' company: the rest still suggests, nothing fails.
            foreign.dsl().execute("ALTER TABLE \"user\" DROP COLUMN email");
            foreign.dsl().execute("ALTER TABLE account DROP COLUMN company");
            SearchStore s = new SearchStore(new RecordStore(Catalog.read(foreign.dsl())));

            // char(16) logins come without their pad
            assertThat(s.suggest(foreign.dsl(), HookedTable.USER, "AD", 10))
                    .containsExactly(new Suggestion(1, "ada", "Ada Lovelace"));
            assertThat(s.suggest(foreign.dsl(), HookedTable.USER, "ada@", 10)).isEmpty();
            assertThat(s.suggest(foreign.dsl(), HookedTable.ACCOUNT, "ada", 10))
                    .containsExactly(new Suggestion(1, "ada", "Ada Lovelace"));
            assertThat(s.suggest(foreign.dsl(), HookedTable.ACCOUNT, "love", 10)).isEmpty();
            assertThat(s.suggest(foreign.dsl(), HookedTable.SERVICE, "ad", 10))
                    .containsExactly(new Suggestion(1, "ada", "Ada Lovelace"));
            // A table the database lacks suggests nothing either.
            assertThat(s.suggest(foreign.dsl(), HookedTable.DATACALL, "ad", 10)).isEmpty();
        }
    }

    private static List<Integer> numbers(HookedTable t, String text) {
        return search.suggest(db.dsl(), t, text, 100).stream().map(s -> (int) s.number()).toList();
    }
}
