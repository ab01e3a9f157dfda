package io.hookdesk.ui;

import io.hookdesk.model.HookedTable;
import io.hookdesk.ui.form.Code;
import io.hookdesk.ui.form.ControlKind;
import io.hookdesk.ui.form.FormOverlays;
import io.hookdesk.ui.form.RecordFormViewModel;
import io.hookdesk.ui.task.SameThreadTaskExecutor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.math.BigDecimal;
import java.time.Clock;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The desktop's forms on a BillMax database an ISP migrated from MySQL: the type decides an amount's unit (a
 * numeric balance is currency as stored, integer cents are shown as currency), an enum state offers its labels, and
 * opening a record shows no change.
 */
class MigratedDatabaseFormTest {

    @RegisterExtension
    static final UiFixture fx = UiFixture.migratedBillMax();

    final FakeDialogs dialogs = new FakeDialogs();

    RecordFormViewModel open(HookedTable table, int number) {
        RecordFormViewModel form = new RecordFormViewModel(table, fx.session, new SameThreadTaskExecutor(), dialogs,
                new FormOverlays(), Clock.systemUTC());
        form.open(number);
        return form;
    }

    @Test
    void openingAnAccountWithANumericBalanceShowsNoChangeAndCentsStayCents() {
        RecordFormViewModel form = open(HookedTable.ACCOUNT, 1);

        assertThat(form.field("balance").spec().kind()).isEqualTo(ControlKind.NUMBER);
        assertThat(form.field("balance").text()).isEqualTo("-14.55");
        assertThat(form.field("deposit").spec().kind()).isEqualTo(ControlKind.MONEY);
        assertThat(form.field("deposit").text()).isEqualTo("49.95");
        assertThat(form.dirty()).isFalse();
        assertThat(form.env().changedSummaryProperty().get()).isEqualTo("No column changed yet.");
        assertThat(form.env().entry("NEW_balance").value()).isEqualTo("-14.55");
        assertThat(form.env().entry("NEW_deposit").value()).isEqualTo("4995");
    }

    @Test
    void aNumericAmountTypedAsTwentyPreviewsAndIsStoredAsTwentyPointZeroZero() {
        RecordFormViewModel form = open(HookedTable.ACCOUNT, 2);

        form.field("balance").textProperty().set("20");

        assertThat(form.env().entry("NEW_balance").value()).isEqualTo("20.00");
        form.save();
        assertThat(form.messageProperty().get()).doesNotStartWith("Not saved");
        assertThat((BigDecimal) fx.row(HookedTable.ACCOUNT, 2).get("balance")).isEqualByComparingTo("20.00");
    }

    @Test
    void anEnumStateOffersItsLabelsAndIsSavedByLabel() {
        RecordFormViewModel form = open(HookedTable.SERVICE, 3);

        assertThat(form.field("state").spec().kind()).isEqualTo(ControlKind.CODE);
        assertThat(form.field("state").spec().codes()).extracting(Code::value).containsExactly("open", "suspended", "closed");
        assertThat(form.field("state").text()).isEqualTo("suspended");
        assertThat(form.dirty()).isFalse();

        form.field("state").textProperty().set("no-such-state");
        assertThat(form.field("state").error()).contains("open, suspended, closed");
        form.field("state").textProperty().set("closed");
        form.save();

        assertThat(form.messageProperty().get()).doesNotStartWith("Not saved");
        assertThat(fx.row(HookedTable.SERVICE, 3).get("state")).isEqualTo("closed");
    }
}
