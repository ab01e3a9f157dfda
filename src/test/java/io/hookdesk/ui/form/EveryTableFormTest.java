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
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The one form serves all ten tables: the demo data loads clean with a field for every column the table has, and a new
 * record asks for exactly the columns the database cannot fill in. What the table has is asked of PostgreSQL's own
 * catalogue here, not of the metadata the form is built from, so a column the metadata misses is caught.
 */
class EveryTableFormTest {

    @RegisterExtension
    static final UiFixture fx = UiFixture.demo();

    /** The table's columns as PostgreSQL lists them; with {@code requiredOnly}, those NOT NULL with no default. */
    private static List<String> catalogue(HookedTable table, boolean requiredOnly) {
        return fx.context.database().dsl().fetch("SELECT a.attname FROM pg_attribute a WHERE a.attrelid = to_regclass(?) "
                        + "AND a.attnum > 0 AND NOT a.attisdropped"
                        + (requiredOnly ? " AND a.attnotnull AND NOT a.atthasdef AND a.attidentity = '' AND a.attgenerated = ''" : ""),
                "\"" + table.sqlName() + "\"").getValues(0, String.class);
    }

    RecordFormViewModel form(HookedTable table) {
        return new RecordFormViewModel(table, fx.session, new SameThreadTaskExecutor(), new FakeDialogs(),
                new FormOverlays(), Clock.systemUTC());
    }

    @ParameterizedTest
    @EnumSource(HookedTable.class)
    void aDemoRecordOpensCleanWithEveryColumnOnTheForm(HookedTable table) {
        long number = fx.context.records().search(table, "", null, true, 0, 1).rows().get(0).integer("number");
        RecordFormViewModel f = form(table);
        f.open(number);

        assertThat(f.readyProperty().get()).isTrue();
        assertThat(f.fields()).extracting(FieldViewModel::name)
                .isNotEmpty().containsExactlyInAnyOrderElementsOf(catalogue(table, false));
        assertThat(f.fields()).filteredOn(FieldViewModel::invalid).extracting(x -> x.name() + ": " + x.error()).isEmpty();
        assertThat(f.dirty()).isFalse();
        assertThat(f.env().entry("HOOK_TABLE").value()).isEqualTo(table.sqlName());
        assertThat(f.env().entry("NEW_number").value()).isEqualTo(Long.toString(number));
    }

    @ParameterizedTest
    @EnumSource(HookedTable.class)
    void aNewRecordAsksOnlyForTheColumnsTheDatabaseCannotFillIn(HookedTable table) {
        RecordFormViewModel f = form(table);
        f.openNew(Map.of());

        assertThat(f.operation()).isEqualTo(Operation.CREATE);
        assertThat(f.fields()).filteredOn(FieldViewModel::invalid).extracting(FieldViewModel::name)
                .containsExactlyInAnyOrderElementsOf(catalogue(table, true));
        assertThat(f.fields()).filteredOn(FieldViewModel::invalid).allMatch(x -> x.error().equals("a value is required"));
        assertThat(f.env().entry("NEW").value()).isEqualTo("1");
    }
}
