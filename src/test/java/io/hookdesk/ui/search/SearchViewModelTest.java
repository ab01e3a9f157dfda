package io.hookdesk.ui.search;

import io.hookdesk.model.HookedTable;
import io.hookdesk.model.Row;
import io.hookdesk.ui.UiFixture;
import io.hookdesk.ui.form.FormOverlays;
import io.hookdesk.ui.form.ListColumns;
import io.hookdesk.ui.task.SameThreadTaskExecutor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Comparator;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SearchViewModelTest {

    @RegisterExtension
    static final UiFixture fx = UiFixture.demo();

    SearchViewModel accounts(int pageSize) {
        return new SearchViewModel(HookedTable.ACCOUNT, "Accounts", ListColumns.of(new FormOverlays(), HookedTable.ACCOUNT),
                fx.session.records(), new SameThreadTaskExecutor(), pageSize);
    }

    @Test
    void aNameFindsTheAccount() {
        Row account = fx.row(HookedTable.ACCOUNT, 7);
        SearchViewModel s = accounts(50);
        s.queryProperty().set(account.get("clname").toString().toLowerCase());
        s.search();

        assertThat(s.rows()).extracting(r -> r.integer("number").intValue()).contains(7);
        assertThat(s.rows()).allMatch(r -> r.get("clname").equals(account.get("clname")));
        assertThat(s.statusProperty().get()).startsWith("Accounts 1–");
    }

    @Test
    void theServiceLoginFindsItsAccount() {
        Row service = fx.row(HookedTable.SERVICE, 1);
        SearchViewModel s = accounts(50);
        s.queryProperty().set(service.get("d01").toString());
        s.search();

        assertThat(s.rows()).extracting(r -> r.integer("number").intValue()).containsExactly(1);
    }

    @Test
    void sortingAsksTheDatabaseForThatOrder() {
        SearchViewModel s = accounts(10);
        s.search();
        s.sortBy("clname", true);

        List<String> names = s.rows().stream().map(r -> (String) r.get("clname")).toList();
        assertThat(names).isSortedAccordingTo(Comparator.naturalOrder());
        // the first page of a database sort holds the smallest names of all, not a sorted page of the newest
        String smallest = fx.context.records().search(HookedTable.ACCOUNT, "", "clname", true, 0, 1).rows().get(0)
                .get("clname").toString();
        assertThat(names.get(0)).isEqualTo(smallest);

        s.sortBy("clname", false);
        assertThat(s.rows().stream().map(r -> (String) r.get("clname")).toList())
                .isSortedAccordingTo(Comparator.reverseOrder());
    }

    @Test
    void pagesGoForwardAndBack() {
        int accounts = fx.count(HookedTable.ACCOUNT, "");
        assertThat(accounts).as("accounts in the test data: more than two pages of 10").isGreaterThan(20);
        int pages = (accounts + 9) / 10;
        SearchViewModel s = accounts(10);
        s.search();
        assertThat(s.rows()).hasSize(10);
        assertThat(s.hasPreviousProperty().get()).isFalse();
        assertThat(s.hasNextProperty().get()).isTrue();
        Long firstOfPageOne = s.rows().get(0).integer("number");

        s.next();
        assertThat(s.offset()).isEqualTo(10);
        assertThat(s.statusProperty().get()).startsWith("Accounts 11–20");
        assertThat(s.rows().get(0).integer("number")).isNotEqualTo(firstOfPageOne);
        for (int page = 2; page < pages; page++) {
            assertThat(s.hasNextProperty().get()).as("page %d of %d", page, pages).isTrue();
            s.next();
        }
        assertThat(s.offset()).isEqualTo((pages - 1) * 10);
        assertThat(s.rows()).hasSize(accounts - (pages - 1) * 10);
        assertThat(s.hasNextProperty().get()).isFalse();

        for (int page = 1; page < pages; page++) {
            s.previous();
        }
        assertThat(s.rows().get(0).integer("number")).isEqualTo(firstOfPageOne);
        assertThat(s.hasPreviousProperty().get()).isFalse();
    }

    @Test
    void codedColumnsShowTheirNames() {
        SearchViewModel s = accounts(50);
        ListColumn state = s.columns().stream().filter(c -> c.column().equals("state")).findFirst().orElseThrow();
        assertThat(state.text(fx.row(HookedTable.ACCOUNT, fx.first(HookedTable.ACCOUNT, "state = 0")))).isEqualTo("Open");
        assertThat(state.text(fx.row(HookedTable.ACCOUNT, fx.first(HookedTable.ACCOUNT, "state = 1")))).isEqualTo("Closed");
    }

    @Test
    void noMatchSaysSo() {
        SearchViewModel s = accounts(50);
        s.queryProperty().set("zzzz-nobody");
        s.search();
        assertThat(s.rows()).isEmpty();
        assertThat(s.statusProperty().get()).isEqualTo("No accounts match “zzzz-nobody”");
    }
}
