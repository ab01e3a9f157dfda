package io.hookdesk.db.store;

import io.hookdesk.model.HookedTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** RecordStore renders each statement shape once and then only binds values: every later call must still be right. */
class CachedStatementsTest {

    @RegisterExtension
    static final DemoStore demo = new DemoStore();

    @Test
    void updatesOfTheSameColumnsWithValuesAndNullsEachWriteWhatTheyWere() {
        // Dates are carried as the text PostgreSQL writes for them.
        String[] dates = {"2027-01-31", null, "2028-02-29", null};
        for (int i = 0; i < dates.length; i++) {
            Map<String, Object> values = new LinkedHashMap<>();
            values.put("enddate", dates[i]);
            values.put("price", new BigDecimal("1" + i + ".50"));
            values.put("d03", "mac-" + i);
            VersionedRow written = demo.db.dsl().transactionResult(cfg ->
                    demo.store.lockAndUpdate(org.jooq.impl.DSL.using(cfg), HookedTable.SERVICE, 3, values, null)
                            .orElseThrow().saved());

            VersionedRow read = demo.store.find(demo.db.dsl(), HookedTable.SERVICE, 3).orElseThrow();
            assertThat(read.row()).isEqualTo(written.row());
            assertThat(read.version()).isEqualTo(written.version());
            assertThat(read.row().get("enddate")).isEqualTo(dates[i]);
            assertThat((BigDecimal) read.row().get("price")).isEqualByComparingTo("1" + i + ".50");
            assertThat(read.row().get("d03")).isEqualTo("mac-" + i);
        }
    }

    @Test
    void findAndLockReturnTheRowAskedForEachTime() {
        for (int n = 1; n <= 6; n++) {
            int number = n;
            assertThat(demo.store.find(demo.db.dsl(), HookedTable.ACCOUNT, number).orElseThrow().row().integer("number")).isEqualTo(number);
            assertThat(demo.db.dsl().transactionResult(cfg -> demo.store.lock(org.jooq.impl.DSL.using(cfg), HookedTable.ACCOUNT, number))
                    .orElseThrow().row().integer("number")).isEqualTo(number);
        }
        assertThat(demo.store.find(demo.db.dsl(), HookedTable.ACCOUNT, 999_999)).isEmpty();
    }

    @Test
    void anUpdateThatChangesNothingWritesNothing() {
        VersionedRow before = demo.store.find(demo.db.dsl(), HookedTable.QUEUE, 2).orElseThrow();
        Map<String, Object> same = new LinkedHashMap<>();
        same.put("name", before.row().get("name"));

        VersionedRow nothing = demo.db.dsl().transactionResult(cfg ->
                demo.store.lockAndUpdate(org.jooq.impl.DSL.using(cfg), HookedTable.QUEUE, 2, Collections.emptyMap(), null)
                        .orElseThrow().saved());
        VersionedRow sameValues = demo.db.dsl().transactionResult(cfg ->
                demo.store.lockAndUpdate(org.jooq.impl.DSL.using(cfg), HookedTable.QUEUE, 2, same, before.version())
                        .orElseThrow().saved());

        // No UPDATE ran (no trigger fired, no new row version): the row as it was, not a conflict.
        assertThat(nothing.version()).isEqualTo(before.version());
        assertThat(sameValues).isNotNull();
        assertThat(sameValues.version()).isEqualTo(before.version());
        assertThat(demo.store.find(demo.db.dsl(), HookedTable.QUEUE, 2).orElseThrow().version()).isEqualTo(before.version());
    }
}
