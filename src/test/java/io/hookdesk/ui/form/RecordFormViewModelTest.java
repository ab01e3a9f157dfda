package io.hookdesk.ui.form;

import io.hookdesk.model.HookedTable;
import io.hookdesk.model.Operation;
import io.hookdesk.model.Origin;
import io.hookdesk.model.Row;
import io.hookdesk.save.SaveRequest;
import io.hookdesk.ui.FakeDialogs;
import io.hookdesk.ui.UiFixture;
import io.hookdesk.ui.task.SameThreadTaskExecutor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Clock;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RecordFormViewModelTest {

    @RegisterExtension
    static final UiFixture fx = UiFixture.demo();

    FakeDialogs dialogs;

    @BeforeEach
    void setUp() {
        dialogs = new FakeDialogs();
        fx.hooks.remove(HookedTable.SERVICE);
    }

    RecordFormViewModel form(HookedTable table) {
        return new RecordFormViewModel(table, fx.session, new SameThreadTaskExecutor(), dialogs, new FormOverlays(),
                Clock.systemUTC());
    }

    RecordFormViewModel service(int number) {
        RecordFormViewModel f = form(HookedTable.SERVICE);
        f.open(number);
        assertThat(f.readyProperty().get()).isTrue();
        return f;
    }

    @Test
    void loginLongerThanItsColumnIsRefusedOnTheFieldAndNotSaved() {
        int n = fx.anOpenService();
        RecordFormViewModel f = service(n);
        String before = (String) fx.row(HookedTable.SERVICE, n).get("d01");

        f.field("d01").textProperty().set("x".repeat(101));
        f.save();

        assertThat(f.field("d01").error()).contains("at most 100 characters");
        assertThat(f.validProperty().get()).isFalse();
        assertThat(f.messageProperty().get()).startsWith("Not saved: 1 field needs fixing").contains("at most 100");
        assertThat(fx.row(HookedTable.SERVICE, n).get("d01")).isEqualTo(before);
    }

    @Test
    void numbersDatesAndCodesAreCheckedWithTheSaveParser() {
        RecordFormViewModel f = service(fx.anOpenService());

        f.field("iprice").textProperty().set("twelve");
        f.field("startdate").textProperty().set("2024-13-01");
        f.field("state").textProperty().set("4");
        f.field("invday").textProperty().set("99999");

        assertThat(f.field("iprice").error()).contains("is not a number");
        assertThat(f.field("startdate").error()).contains("is not a valid YYYY-MM-DD");
        assertThat(f.field("state").error()).contains("must be one of").contains("5 Prospective");
        assertThat(f.field("invday").error()).contains("between");

        f.field("iprice").textProperty().set("12.50");
        f.field("startdate").textProperty().set("2024-12-01");
        f.field("state").textProperty().set("3");
        f.field("invday").textProperty().set("7");
        assertThat(f.fields()).noneMatch(FieldViewModel::invalid);
        assertThat(f.validProperty().get()).isTrue();
    }

    @Test
    void aNewServiceNeedsItsUserAndProduct() {
        RecordFormViewModel f = form(HookedTable.SERVICE);
        f.openNew(Map.of());

        assertThat(f.operation()).isEqualTo(Operation.CREATE);
        assertThat(f.field("user").error()).isEqualTo("a value is required");
        assertThat(f.field("servdef").error()).isEqualTo("a value is required");
        // defaults come from the database: a new service is Prospective
        assertThat(f.field("state").text()).isEqualTo("5");
        assertThat(f.field("number").spec().readOnly()).isTrue();
    }

    @Test
    void aProblemIsShownOnlyOnceTheCsrTouchedTheFieldOrTriedToSave() {
        RecordFormViewModel f = form(HookedTable.SERVICE);
        f.openNew(Map.of());
        FieldViewModel price = f.field("iprice");
        FieldViewModel user = f.field("user");

        // A freshly opened record shows nothing, though its user is missing.
        assertThat(user.invalid()).isTrue();
        assertThat(user.shownError()).isNull();

        price.textProperty().set("12,5x");
        assertThat(price.shownError()).isEqualTo(price.error()).contains("is not a number");
        price.textProperty().set("12.5");
        assertThat(price.shownError()).isNull();

        f.field("d04").touch();
        assertThat(f.field("d04").shownError()).isNull();

        f.save();
        assertThat(f.messageProperty().get()).startsWith("Not saved: 2 fields need fixing").contains("a value is required");
        assertThat(user.shownError()).isEqualTo("a value is required");
        assertThat(f.field("servdef").shownError()).isEqualTo("a value is required");

        // Opening a record again starts afresh.
        f.open(fx.anOpenService());
        assertThat(f.fields()).allMatch(x -> x.shownError() == null);
    }

    @Test
    void dirtyTrackingFollowsTheTextAndRevertRestoresIt() {
        int n = fx.anOpenService();
        RecordFormViewModel f = service(n);
        assertThat(f.dirty()).isFalse();
        assertThat(f.title()).startsWith("Service " + n).doesNotEndWith("*");

        f.field("state").textProperty().set("2");
        assertThat(f.dirty()).isTrue();
        assertThat(f.title()).endsWith(" *");

        f.field("state").textProperty().set("0");
        assertThat(f.dirty()).isFalse();

        f.field("d03").textProperty().set("changed");
        f.revert();
        assertThat(f.dirty()).isFalse();
        assertThat(f.field("d03").text()).isEqualTo(fx.row(HookedTable.SERVICE, n).get("d03"));
    }

    @Test
    void escWithOneEditRevertsAtOnceAndWithSeveralAsksFirst() {
        int n = fx.anOpenService();
        RecordFormViewModel f = service(n);
        f.field("d03").textProperty().set("one");
        f.revertAsking();
        assertThat(dialogs.confirmations).isEmpty();
        assertThat(f.dirty()).isFalse();

        f.field("d03").textProperty().set("one");
        f.field("d04").textProperty().set("two");
        dialogs.confirmAnswer = false;
        f.revertAsking();
        assertThat(dialogs.confirmations).containsExactly("Discard 2 changes?");
        assertThat(f.field("d03").text()).isEqualTo("one");
        assertThat(f.field("d04").text()).isEqualTo("two");

        dialogs.confirmAnswer = true;
        f.revertAsking();
        assertThat(f.dirty()).isFalse();
        assertThat(f.field("d04").text()).isEqualTo(fx.row(HookedTable.SERVICE, n).get("d04") == null ? ""
                : fx.row(HookedTable.SERVICE, n).get("d04"));
    }

    @Test
    void theRequestCarriesOnlyChangedColumnsAsTypedAgainstTheLoadedVersion() {
        int n = fx.anOpenService();
        RecordFormViewModel f = service(n);
        long loadedVersion = f.version();

        f.field("state").textProperty().set("2");
        f.field("iprice").textProperty().set("39.90");
        SaveRequest r = f.buildRequest();

        assertThat(r.changes()).containsExactly(Map.entry("state", "2"), Map.entry("iprice", "39.90"));
        assertThat(r.number()).isEqualTo(n);
        assertThat(r.expectedVersion()).isEqualTo(loadedVersion);
        assertThat(r.origin()).isEqualTo(Origin.DESKTOP);
        assertThat(r.csr()).isEqualTo(UiFixture.CSR);
    }

    @Test
    void savingCommitsReloadsTheCommittedRowAndNotifies() {
        int n = fx.anOpenService();
        RecordFormViewModel f = service(n);
        long before = f.version();

        f.field("state").textProperty().set("2");
        f.save();

        assertThat(fx.row(HookedTable.SERVICE, n).get("state")).isEqualTo((short) 2);
        assertThat(f.dirty()).isFalse();
        assertThat(f.version()).isNotEqualTo(before);
        assertThat(f.field("state").originalText()).isEqualTo("2");
        assertThat(dialogs.notifications).singleElement().asString().startsWith("Saved service " + n);
        // no hook is installed here: nothing to show
        assertThat(dialogs.notifiedOutputs).containsExactly((io.hookdesk.ui.dialogs.HookOutput) null);
        // a second save from the same form is no conflict: it saves against the committed version
        f.field("state").textProperty().set("0");
        f.save();
        assertThat(fx.row(HookedTable.SERVICE, n).get("state")).isEqualTo((short) 0);
        assertThat(dialogs.conflicts).isEmpty();
    }

    @Test
    void aSaveWhoseHookRanNotifiesWhatWasSavedAndOffersTheHooksOutputMasked() {
        fx.hooks.install(HookedTable.SERVICE, "echo \"provisioned $NEW_d01 with $NEW_d02\"\necho 'radius: reloaded' >&2\nexit 0");
        int n = fx.anOpenService();
        RecordFormViewModel f = service(n);
        String password = (String) fx.row(HookedTable.SERVICE, n).get("d02");
        f.field("d04").textProperty().set("notified");

        f.save();

        assertThat(dialogs.notifications).singleElement().asString()
                .matches("Saved service " + n + "; service_hook succeeded \\(exit 0, [0-9.]+ m?s\\)\\.");
        io.hookdesk.ui.dialogs.HookOutput output = dialogs.notifiedOutputs.get(0);
        assertThat(output.title()).isEqualTo("service_hook for service " + n);
        assertThat(output.status()).isEqualTo("exited with status 0");
        assertThat(output.stdout()).startsWith("provisioned ").doesNotContain(password).contains("********");
        assertThat(output.stderr()).isEqualTo("radius: reloaded\n");
        assertThat(output.hookPath()).endsWith("service_hook");
    }

    @Test
    void aNewServiceOfAUserStartsWithTheUserAndItsRelatedRecords() {
        Row user = fx.row(HookedTable.USER, 1);
        RecordFormViewModel f = form(HookedTable.SERVICE);
        f.openNew(Map.of("user", "1"));

        assertThat(f.field("user").text()).isEqualTo("1");
        assertThat(f.field("user").dirty()).isTrue();
        assertThat(f.field("user").descriptionProperty().get()).contains((String) user.get("fname"));
        assertThat(f.env().entry("USER_login").value()).isEqualTo(user.get("login"));
        assertThat(f.env().entry("NEW").value()).isEqualTo("1");

        f.field("servdef").textProperty().set("4");
        f.field("d01").textProperty().set("newmailbox");
        assertThat(f.field("d03").labelProperty().get()).isEqualTo("Quota (MB) (d03)");
        f.save();

        assertThat(f.operation()).isEqualTo(Operation.UPDATE);
        assertThat(f.number()).isNotNull();
        Row saved = fx.row(HookedTable.SERVICE, f.number());
        assertThat(saved.get("user")).isEqualTo(1);
        assertThat(saved.get("d01")).isEqualTo("newmailbox");
        assertThat(saved.get("state")).isEqualTo((short) 5);
        assertThat(f.title()).startsWith("Service " + f.number() + " · newmailbox");
    }

    @Test
    void aValueTheDatabaseRefusesIsShownOnItsField() {
        RecordFormViewModel f = form(HookedTable.SERVICE);
        f.openNew(Map.of("user", "999999"));
        f.field("servdef").textProperty().set("1");

        f.save();

        assertThat(f.field("user").error()).contains("does not exist");
        assertThat(dialogs.errors).singleElement().asString().startsWith("Not saved");
        f.field("user").textProperty().set("1");
        assertThat(f.field("user").error()).isNull();
    }

    @Test
    void closingAFormWithEditsAsksFirst() {
        RecordFormViewModel f = service(fx.anOpenService());
        assertThat(f.confirmClose()).isTrue();
        assertThat(dialogs.confirmations).isEmpty();

        f.field("d04").textProperty().set("edit");
        dialogs.confirmAnswer = false;
        assertThat(f.confirmClose()).isFalse();
        assertThat(dialogs.confirmations).containsExactly("Discard your changes?");
    }
}
