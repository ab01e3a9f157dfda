package io.hookdesk.ui.form;

import io.hookdesk.model.HookedTable;
import io.hookdesk.model.Row;
import io.hookdesk.ui.FakeDialogs;
import io.hookdesk.ui.UiFixture;
import io.hookdesk.ui.search.ListColumn;
import io.hookdesk.ui.task.SameThreadTaskExecutor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Amounts in cents are typed and shown as currency, stored as cents, and reach the hook as cents. */
class MoneyTest {

    @RegisterExtension
    static final UiFixture fx = UiFixture.demo();

    @Test
    void centsReadAsAnAmountAndAnAmountIsStoredAsCents() {
        assertThat(Money.format("4995")).isEqualTo("49.95");
        assertThat(Money.format("-5")).isEqualTo("-0.05");
        assertThat(Money.format("0")).isEqualTo("0.00");
        assertThat(Money.format("")).isEmpty();

        assertThat(Money.toCents("49.95")).isEqualTo("4995");
        assertThat(Money.toCents("49.9")).isEqualTo("4990");
        assertThat(Money.toCents("49")).isEqualTo("4900");
        assertThat(Money.toCents("-3.50")).isEqualTo("-350");
        assertThat(Money.toCents("$1,234.50")).isEqualTo("123450");
        assertThat(Money.toCents(".5")).isEqualTo("50");
        assertThat(Money.toCents(" ")).isEmpty();
        for (String bad : new String[] {"49.999", "4,99", "forty", "49.95.1", "1,23.00"}) {
            assertThatThrownBy(() -> Money.toCents(bad)).as(bad).hasMessage("is not an amount like 49.95");
        }
    }

    @Test
    void aPaymentOf4995IsTypedAs49Point95StoredAsCentsAndTheHookGetsTheCents() throws Exception {
        Path seen = fx.dir().resolve("payhist-env-" + System.nanoTime());
        fx.hooks.install(HookedTable.PAYHIST, "env > '" + seen + "'\nexit 0");
        try {
            Row payment = fx.context.records().search(HookedTable.PAYHIST, "", null, true, 0, 1).rows().get(0);
            long n = payment.integer("number");
            RecordFormViewModel f = new RecordFormViewModel(HookedTable.PAYHIST, fx.session, new SameThreadTaskExecutor(),
                    new FakeDialogs(), new FormOverlays(), Clock.systemUTC());
            f.open(n);
            assertThat(f.field("ucash").spec().kind()).isEqualTo(ControlKind.MONEY);
            assertThat(f.field("ucash").text()).isEqualTo(Money.format(payment.get("ucash").toString()));

            f.field("ucash").textProperty().set("12.34");
            assertThat(f.field("ucash").error()).isNull();
            assertThat(f.env().entry("NEW_ucash").value()).isEqualTo("1234");
            assertThat(f.buildRequest().changes()).containsEntry("ucash", "1234");

            f.field("ucash").textProperty().set("12.345");
            assertThat(f.field("ucash").error()).isEqualTo("is not an amount like 49.95");
            f.field("ucash").textProperty().set("12.34");
            f.save();

            assertThat(fx.row(HookedTable.PAYHIST, n).get("ucash")).isEqualTo(1234);
            assertThat(Files.readAllLines(seen)).contains("NEW_ucash=1234");
            assertThat(f.field("ucash").text()).isEqualTo("12.34");
            assertThat(f.dirty()).isFalse();
        } finally {
            fx.hooks.remove(HookedTable.PAYHIST);
        }
    }

    @Test
    void listsShowAmountsAndCodesByMeaning() {
        var columns = ListColumns.of(new FormOverlays(), HookedTable.EFPSTATE);
        Row e = fx.context.records().search(HookedTable.EFPSTATE, "", null, true, 0, 1).rows().get(0);
        ListColumn amount = columns.stream().filter(c -> c.column().equals("amount")).findFirst().orElseThrow();
        ListColumn method = columns.stream().filter(c -> c.column().equals("method")).findFirst().orElseThrow();
        assertThat(amount.text(e)).isEqualTo(Money.format(e.get("amount").toString()));
        assertThat(method.text(e)).isEqualTo("card");
    }
}
