package io.hookdesk.db.store;

import io.hookdesk.db.Database;
import io.hookdesk.db.schema.Catalog;
import io.hookdesk.model.HookedTable;
import io.hookdesk.model.Row;
import io.hookdesk.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The search rules CSRs rely on, over the small demo data set (each account: one user, two services). */
class SearchStoreTest {

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

    private static List<Integer> numbers(HookedTable t, String text) {
        return search.search(db.dsl(), t, text, null, true, 0, 100).stream().map(r -> r.integer("number").intValue()).toList();
    }

    private static Row account(int number) {
        return db.dsl().fetchOne("SELECT cfname, clname, email, cphone FROM account WHERE number = " + number)
                .map(r -> Row.of(r.intoMap()));
    }

    @Test
    void accountIsFoundByTheLoginOfOneOfItsServices() {
        String login = db.dsl().fetchOne("SELECT s.d01 FROM service s JOIN \"user\" u ON u.number = s.\"user\" "
                + "WHERE u.account = 7 LIMIT 1").get(0, String.class);

        assertThat(numbers(HookedTable.ACCOUNT, login.toUpperCase())).contains(7);
    }

    @Test
    void accountIsFoundByEmailPrefixAndPhonePrefix() {
        Row a = account(12);
        String email = (String) a.get("email");
        String phone = (String) a.get("cphone");

        assertThat(numbers(HookedTable.ACCOUNT, email.substring(0, email.indexOf('@')))).contains(12);
        assertThat(numbers(HookedTable.ACCOUNT, phone)).contains(12);
        // Email and phone match from the start only.
        assertThat(numbers(HookedTable.ACCOUNT, email.substring(1))).doesNotContain(12);
    }

    @Test
    void accountIsFoundByAFragmentOfItsNameNewestFirst() {
        Row a = account(5);
        String surname = (String) a.get("clname");

        List<Integer> found = numbers(HookedTable.ACCOUNT, surname.substring(1, surname.length() - 1));
        assertThat(found).contains(5);
        assertThat(found).isSortedAccordingTo((x, y) -> Integer.compare(y, x));
    }

    @Test
    void serviceIsFoundByLoginPrefixButNotByAFragment() {
        String login = db.dsl().fetchOne("SELECT d01 FROM service WHERE number = 9").get(0, String.class);

        assertThat(numbers(HookedTable.SERVICE, login.substring(0, login.length() - 1))).contains(9);
        assertThat(numbers(HookedTable.SERVICE, login.substring(2))).doesNotContain(9);
    }
}
