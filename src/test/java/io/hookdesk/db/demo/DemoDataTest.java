package io.hookdesk.db.demo;

import io.hookdesk.db.Database;
import io.hookdesk.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DemoDataTest {

    @Test
    void sameScaleGivesTheSameRecords() {
        try (Database a = TestDatabase.fresh(); Database b = TestDatabase.fresh()) {
            new DemoData(a.dsl()).seed(40, n -> { });
            new DemoData(b.dsl()).seed(40, n -> { });
            String q = "SELECT string_agg(number || d01 || state || \"user\", ',' ORDER BY number) FROM service";
            assertThat(a.dsl().fetchOne(q).get(0, String.class)).isEqualTo(b.dsl().fetchOne(q).get(0, String.class));
            assertThat(a.dsl().fetchOne("SELECT count(*) FROM service").get(0, Integer.class)).isEqualTo(40);
            assertThat(a.dsl().fetchOne("SELECT count(*) FROM account").get(0, Integer.class)).isEqualTo(20);
        }
    }

    @Test
    void seedingTwiceAppendsAfterExistingRecords() {
        try (Database db = TestDatabase.fresh()) {
            DemoData demo = new DemoData(db.dsl());
            demo.seed(10, n -> { });
            demo.seed(10, n -> { });
            assertThat(db.dsl().fetchOne("SELECT count(*) FROM service").get(0, Integer.class)).isEqualTo(20);
            // the identity sequence follows the explicit numbers, so a CSR's next record does not collide
            Integer highest = db.dsl().fetchOne("SELECT max(number) FROM queue").get(0, Integer.class);
            assertThat(highest).as("the demo's queues").isNotNull();
            Integer next = db.dsl().fetchOne("INSERT INTO queue (name) VALUES ('x') RETURNING number").get(0, Integer.class);
            assertThat(next).isEqualTo(highest + 1);
        }
    }
}
