package io.hookdesk.save;

import io.hookdesk.model.Row;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Path;
import java.util.Map;

import static io.hookdesk.model.HookedTable.SERVICE;
import static org.assertj.core.api.Assertions.assertThat;

/** Bad input gets a message that names the field, and nothing is written or run. */
class InvalidInputTest {

    @RegisterExtension
    final SaveFixture f = SaveFixture.perTest();
    Path ran;
    Row before;

    @BeforeEach
    void setUp() {
        ran = f.scratch("ran");
        f.hooks.install(SERVICE, "touch '" + ran + "'");
        before = f.row(SERVICE, 1);
    }

    private void assertNothingHappened(SaveResult r) {
        assertThat(r.outcome()).isEqualTo(SaveOutcome.INVALID);
        assertThat(f.row(SERVICE, 1)).isEqualTo(before);
        assertThat(ran).doesNotExist();
    }

    @Test
    void unknownColumnIsNamed() {
        SaveResult r = f.update(SERVICE, 1, Map.of("colour", "red"));
        assertNothingHappened(r);
        assertThat(r.fieldErrors()).containsKey("colour");
        assertThat(r.message()).contains("colour").contains("no column");
    }

    @Test
    void valueThatDoesNotParseIsNamed() {
        SaveResult r = f.update(SERVICE, 1, Map.of("startdate", "31/12/2026", "invcnt", "many"));
        assertNothingHappened(r);
        assertThat(r.fieldErrors()).containsOnlyKeys("startdate", "invcnt");
        assertThat(r.fieldErrors().get("startdate")).contains("YYYY-MM-DD");
    }

    @Test
    void tooLongTextIsNamed() {
        SaveResult r = f.update(SERVICE, 1, Map.of("d01", "x".repeat(101)));
        assertNothingHappened(r);
        assertThat(r.fieldErrors().get("d01")).contains("at most 100");
    }

    @Test
    void stateOutsideTheCodesIsRefusedByTheDatabaseAndNamed() {
        SaveResult r = f.update(SERVICE, 1, Map.of("state", "4"));
        assertNothingHappened(r);
        assertThat(r.fieldErrors()).containsKey("state");
    }

    @Test
    void referenceToAMissingUserIsNamed() {
        SaveResult r = f.update(SERVICE, 1, Map.of("user", "999999"));
        assertNothingHappened(r);
        assertThat(r.fieldErrors()).containsKey("user");
    }

    @Test
    void assignedColumnsCannotBeSet() {
        SaveResult r = f.update(SERVICE, 1, Map.of("number", "77"));
        assertNothingHappened(r);
        assertThat(r.fieldErrors().get("number")).contains("assigned by the database");
    }

    @Test
    void createWithoutRequiredColumnsNamesThem() {
        int services = f.countRows("SELECT count(*) FROM service");
        SaveResult r = f.create(SERVICE, Map.of("d01", "x"));
        assertThat(r.outcome()).isEqualTo(SaveOutcome.INVALID);
        assertThat(r.fieldErrors()).containsOnlyKeys("user", "servdef");
        assertThat(f.countRows("SELECT count(*) FROM service")).isEqualTo(services);
    }

    @Test
    void updateOfAMissingRecordIsNotFound() {
        SaveResult r = f.saves().save(io.hookdesk.save.SaveRequest.update(SERVICE, 424242, Map.of("state", "1"), null,
                io.hookdesk.model.Origin.COMMAND_LINE, "x"));
        assertThat(r.outcome()).isEqualTo(SaveOutcome.NOT_FOUND);
        assertThat(ran).doesNotExist();
    }
}
