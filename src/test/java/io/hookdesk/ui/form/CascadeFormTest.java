package io.hookdesk.ui.form;

import io.hookdesk.model.HookRun;
import io.hookdesk.model.HookedTable;
import io.hookdesk.ui.FakeDialogs;
import io.hookdesk.ui.UiFixture;
import io.hookdesk.ui.dialogs.CascadeChoice;
import io.hookdesk.ui.dialogs.CascadeReport;
import io.hookdesk.ui.history.HistoryViewModel;
import io.hookdesk.ui.task.SameThreadTaskExecutor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Clock;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The desktop's account-wide action (issue 21 item 4): a CSR changing an account's state is shown the records and hooks
 * with a count and each one's variables, and chooses the cascade, only this record, or nothing.
 */
class CascadeFormTest {

    @RegisterExtension
    final UiFixture fx = UiFixture.demoPerTest();

    final FakeDialogs dialogs = new FakeDialogs();

    @BeforeEach
    void customer() {
        fx.context.database().dsl().execute("""
                INSERT INTO account (number, state) VALUES (1042, 0);
                INSERT INTO "user" (number, account, state, login) VALUES (501, 1042, 0, 'a');
                INSERT INTO service (number, "user", state, servdef, d01, d02) VALUES
                  (9001, 501, 0, 1, 'a1', 'hunter2'), (9002, 501, 1, 1, 'a2', 'pw');
                """);
        for (HookedTable t : new HookedTable[] {HookedTable.ACCOUNT, HookedTable.USER, HookedTable.SERVICE}) {
            fx.hooks.install(t, "exit 0");
        }
    }

    @AfterEach
    void removeHooks() {
        for (HookedTable t : new HookedTable[] {HookedTable.ACCOUNT, HookedTable.USER, HookedTable.SERVICE}) {
            fx.hooks.remove(t);
        }
    }

    private RecordFormViewModel suspendAccount() {
        RecordFormViewModel f = new RecordFormViewModel(HookedTable.ACCOUNT, fx.session(false), new SameThreadTaskExecutor(),
                dialogs, new FormOverlays(), Clock.systemUTC());
        f.open(1042);
        f.field("state").textProperty().set("2");
        f.save();
        return f;
    }

    private String state(HookedTable t, long n) {
        return String.valueOf(fx.row(t, n).get("state"));
    }

    @Test
    void theCsrSeesEveryRecordAndItsVariablesThenTheCascadeSuspendsThemAll() {
        RecordFormViewModel f = suspendAccount();

        CascadeReport report = dialogs.cascadesAsked.get(0);
        assertThat(report.summary()).startsWith("account:1042: 3 records change to Suspended, 3 hooks run");
        assertThat(report.entries()).extracting(CascadeReport.Entry::label).containsExactly(
                "account 1042: Open -> Suspended, account_hook runs", "user 501: Open -> Suspended, user_hook runs",
                "service 9001: Open -> Suspended, service_hook runs");
        assertThat(report.entries().get(2).environment()).containsEntry("HOOK_CASCADE_FROM", "account:1042")
                .containsEntry("NEW_d02", "********").containsEntry("USER_state", "2");
        assertThat(report.left()).containsExactly("service 9002: Closed, Closed is beyond Suspended: stays Closed");
        assertThat(state(HookedTable.SERVICE, 9001)).isEqualTo("2");
        assertThat(state(HookedTable.USER, 501)).isEqualTo("2");
        assertThat(dialogs.notifications).singleElement().asString().contains("3 records set to Suspended");
        assertThat(f.dirtyProperty().get()).isFalse();
    }

    @Test
    void onlyThisRecordSavesTheAccountAlone() {
        dialogs.cascadeChoice = CascadeChoice.ONLY_THIS_RECORD;
        suspendAccount();
        assertThat(state(HookedTable.ACCOUNT, 1042)).isEqualTo("2");
        assertThat(state(HookedTable.SERVICE, 9001)).isEqualTo("0");
    }

    @Test
    void cancelSavesNothingAndKeepsTheEdit() {
        dialogs.cascadeChoice = CascadeChoice.CANCEL;
        RecordFormViewModel f = suspendAccount();
        assertThat(state(HookedTable.ACCOUNT, 1042)).isEqualTo("0");
        assertThat(f.messageProperty().get()).contains("Not saved");
        assertThat(f.field("state").textProperty().get()).isEqualTo("2");
    }

    @Test
    void aFailingHookRollsTheCascadeBackAndTheDialogSaysSo() {
        fx.hooks.install(HookedTable.SERVICE, "[ -z \"$HOOK_COMPENSATE\" ] && exit 1\nexit 0");
        RecordFormViewModel f = suspendAccount();
        assertThat(dialogs.errors).singleElement().asString().contains("rolled back").contains("2 of 2 earlier hooks undone");
        assertThat(state(HookedTable.ACCOUNT, 1042)).isEqualTo("0");
        assertThat(f.messageProperty().get()).contains("rolled back");

        // History lists the account's part; "Whole cascade" shows the story together, in order.
        HistoryViewModel history = new HistoryViewModel(fx.session(false).records(), new SameThreadTaskExecutor(), dialogs);
        history.loadFor(HookedTable.ACCOUNT, 1042);
        HookRun mine = history.runs().get(0);
        assertThat(mine.cascadeId()).isNotNull();
        history.loadCascadeOf(mine);
        assertThat(history.runs()).extracting(r -> r.operation() + " " + r.table() + " " + r.number() + " " + r.outcome())
                .containsExactly("update account 1042 rolled_back", "update user 501 rolled_back",
                        "update service 9001 rolled_back", "compensate user 501 compensated",
                        "compensate account 1042 compensated");
        assertThat(history.statusProperty().get()).isEqualTo("Cascade " + mine.cascadeId() + ": 5 runs");
    }
}
