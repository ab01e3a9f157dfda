package io.hookdesk.db;

import io.hookdesk.model.HookedTable;
import io.hookdesk.model.Row;
import io.hookdesk.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The related records a hook receives, read in one statement along the chain {@code Relations} declares. */
class RelatedRecordsTest {

    private static Database db;
    private static RecordStore store;

    @BeforeAll
    static void open() {
        db = TestDatabase.withDemoData();
        store = new RecordStore(Catalog.read(db.dsl()));
    }

    @AfterAll
    static void close() {
        db.close();
    }

    private static Row row(HookedTable t, int number) {
        return store.find(db.dsl(), t, number).orElseThrow().row();
    }

    @Test
    void aDataCallBringsItsServiceThatServicesUserAndThatUsersAccount() {
        int call = db.dsl().fetchOne("SELECT min(number) FROM datacall").get(0, Integer.class);
        Row datacall = row(HookedTable.DATACALL, call);

        Map<String, Row> related = store.related(db.dsl(), HookedTable.DATACALL, datacall);

        assertThat(related).containsOnlyKeys("SERVICE", "USER", "ACCOUNT");
        Row service = related.get("SERVICE");
        assertThat(service).isEqualTo(row(HookedTable.SERVICE, datacall.integer("service")));
        assertThat(related.get("USER")).isEqualTo(row(HookedTable.USER, service.integer("user")));
        assertThat(related.get("ACCOUNT")).isEqualTo(row(HookedTable.ACCOUNT, related.get("USER").integer("account")));
    }

    @Test
    void aNullKeyLeavesThatRecordOutAndKeepsTheOthers() {
        Row ticket = row(HookedTable.TICKET, db.dsl().fetchOne("SELECT min(number) FROM ticket").get(0, Integer.class))
                .with(java.util.Collections.singletonMap("user", null));

        Map<String, Row> related = store.related(db.dsl(), HookedTable.TICKET, ticket);

        assertThat(related).containsOnlyKeys("ACCOUNT", "QUEUE");
        assertThat(related.get("QUEUE")).isEqualTo(row(HookedTable.QUEUE, ticket.integer("queue")));
    }

    @Test
    void aMissingRecordIsLeftOutAndSoIsWhatWouldFollowFromIt() {
        Row service = row(HookedTable.SERVICE, 1).with(Map.of("user", 999_999));

        assertThat(store.related(db.dsl(), HookedTable.SERVICE, service)).isEmpty();
    }

    @Test
    void aTableWithoutRelationsHasNoRelatedRecords() {
        assertThat(store.related(db.dsl(), HookedTable.QUEUE, row(HookedTable.QUEUE, 1))).isEmpty();
    }
}
