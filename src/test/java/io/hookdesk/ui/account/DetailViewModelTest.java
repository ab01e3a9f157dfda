package io.hookdesk.ui.account;

import io.hookdesk.model.HookedTable;
import io.hookdesk.ui.UiFixture;
import io.hookdesk.ui.form.FormOverlays;
import io.hookdesk.ui.form.RecordOpener;
import io.hookdesk.ui.task.SameThreadTaskExecutor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class DetailViewModelTest {

    @RegisterExtension
    static final UiFixture fx = UiFixture.demo();

    final List<String> opened = new ArrayList<>();
    final RecordOpener opener = new RecordOpener() {
        @Override
        public void open(HookedTable table, long number) {
            opened.add(table + " " + number);
        }

        @Override
        public void openNew(HookedTable table, Map<String, String> prefill) {
            opened.add("new " + table + " " + prefill);
        }
    };

    DetailViewModel account(int number) {
        DetailViewModel d = new DetailViewModel(HookedTable.ACCOUNT, fx.session.records(), new SameThreadTaskExecutor(),
                opener, new FormOverlays());
        d.load(number);
        return d;
    }

    DetailTab tab(DetailViewModel d, String label) {
        return d.tabs().stream().filter(t -> t.label().equals(label)).findFirst().orElseThrow();
    }

    @Test
    void anAccountListsItsUsersServicesPaymentsAndTickets() {
        DetailViewModel d = account(1);

        assertThat(d.tabs()).extracting(DetailTab::label)
                .containsExactly("Users", "Services", "Payments", "Tickets", "Electronic payments");
        assertThat(tab(d, "Users").rows()).extracting(r -> r.integer("number").intValue()).containsExactly(1);
        assertThat(tab(d, "Services").rows()).extracting(r -> r.integer("number").intValue()).containsExactlyInAnyOrder(1, 2);
        assertThat(tab(d, "Payments").rows()).isNotEmpty().allMatch(r -> Integer.valueOf(1).equals(r.get("account")));
        assertThat(tab(d, "Tickets").rows()).isNotEmpty().allMatch(r -> Integer.valueOf(1).equals(r.get("account")));
    }

    @Test
    void aNewServiceOnAnAccountBelongsToItsUser() {
        DetailViewModel d = account(1);
        d.newChild(tab(d, "Services"));
        assertThat(opened).containsExactly("new service {user=1}");
    }

    @Test
    void aNewServiceWithSeveralUsersWaitsForAChoice() {
        DetailViewModel d = account(1);
        tab(d, "Users").rows().add(fx.row(HookedTable.USER, 2));

        d.newChild(tab(d, "Services"));
        assertThat(opened).isEmpty();
        assertThat(d.statusProperty().get()).contains("Choose a user");

        tab(d, "Users").selectedProperty().set(fx.row(HookedTable.USER, 2));
        d.newChild(tab(d, "Services"));
        assertThat(opened).containsExactly("new service {user=2}");
    }

    @Test
    void childrenWithAParentColumnGetTheParentFilledIn() {
        DetailViewModel d = account(4);
        d.newChild(tab(d, "Tickets"));
        d.open(tab(d, "Users"), tab(d, "Users").rows().get(0));
        assertThat(opened).containsExactly("new ticket {account=4}", "user 4");
    }
}
