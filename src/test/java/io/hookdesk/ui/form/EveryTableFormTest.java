package io.hookdesk.ui.form;

import io.hookdesk.model.HookedTable;
import io.hookdesk.model.Operation;
import io.hookdesk.ui.FakeDialogs;
import io.hookdesk.ui.UiFixture;
import io.hookdesk.ui.task.SameThreadTaskExecutor;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Clock;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The one form serves all ten tables: the demo data loads clean, and a new record asks for exactly its parents. */
class EveryTableFormTest {

    @RegisterExtension
    static final UiFixture fx = UiFixture.demo();

    RecordFormViewModel form(HookedTable table) {
        return new RecordFormViewModel(table, fx.session, new SameThreadTaskExecutor(), new FakeDialogs(),
                new FormOverlays(), Clock.systemUTC());
    }

    @ParameterizedTest
    @EnumSource(HookedTable.class)
    void aDemoRecordOpensCleanWithEveryColumnOnTheForm(HookedTable table) {
        int number = fx.context.records().search(table, "", null, true, 0, 1).rows().get(0).integer("number");
        RecordFormViewModel f = form(table);
        f.open(number);

        assertThat(f.readyProperty().get()).isTrue();
        assertThat(f.fields()).extracting(FieldViewModel::name)
                .containsExactlyInAnyOrderElementsOf(fx.context.records().meta(table).columnNames());
        assertThat(f.fields()).filteredOn(FieldViewModel::invalid).extracting(x -> x.name() + ": " + x.error()).isEmpty();
        assertThat(f.dirty()).isFalse();
        assertThat(f.env().entry("HOOK_TABLE").value()).isEqualTo(table.sqlName());
        assertThat(f.env().entry("NEW_number").value()).isEqualTo(Integer.toString(number));
    }

    @ParameterizedTest
    @EnumSource(HookedTable.class)
    void aNewRecordAsksOnlyForTheColumnsTheDatabaseCannotFillIn(HookedTable table) {
        RecordFormViewModel f = form(table);
        f.openNew(Map.of());

        assertThat(f.operation()).isEqualTo(Operation.CREATE);
        assertThat(f.fields()).filteredOn(FieldViewModel::invalid).extracting(FieldViewModel::name)
                .containsExactlyInAnyOrderElementsOf(fx.context.records().meta(table).columns().stream()
                        .filter(c -> c.required()).map(c -> c.name()).toList());
        assertThat(f.fields()).filteredOn(FieldViewModel::invalid).allMatch(x -> x.error().equals("a value is required"));
        assertThat(f.env().entry("NEW").value()).isEqualTo("1");
    }
}
