package io.hookdesk.db.store;

import io.hookdesk.model.HookedTable;
import io.hookdesk.model.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The related records a hook receives, read in one statement along the chain {@code Relations} declares. */
class RelatedRecordsTest {

    @RegisterExtension
    static final DemoStore demo = new DemoStore();

    private static Row row(HookedTable t, long number) {
        return demo.store.find(demo.db.dsl(), t, number).orElseThrow().row();
    }

    @Test
    void aDataCallBringsItsServiceThatServicesUserAndThatUsersAccount() {
        int call = demo.db.dsl().fetchOne("SELECT min(number) FROM datacall").get(0, Integer.class);
        Row datacall = row(HookedTable.DATACALL, call);

        Map<String, Row> related = demo.store.related(demo.db.dsl(), HookedTable.DATACALL, datacall);

        assertThat(related).containsOnlyKeys("SERVICE", "USER", "ACCOUNT");
        Row service = related.get("SERVICE");
        assertThat(service).isEqualTo(row(HookedTable.SERVICE, datacall.integer("service")));
        assertThat(related.get("USER")).isEqualTo(row(HookedTable.USER, service.integer("user")));
        assertThat(related.get("ACCOUNT")).isEqualTo(row(HookedTable.ACCOUNT, related.get("USER").integer("account")));
    }

    @Test
    void aNullKeyLeavesThatRecordOutAndKeepsTheOthers() {
        Row ticket = row(HookedTable.TICKET, demo.db.dsl().fetchOne("SELECT min(number) FROM ticket").get(0, Integer.class))
                .with(java.util.Collections.singletonMap("user", null));

        Map<String, Row> related = demo.store.related(demo.db.dsl(), HookedTable.TICKET, ticket);

        assertThat(related).containsOnlyKeys("ACCOUNT", "QUEUE");
        assertThat(related.get("QUEUE")).isEqualTo(row(HookedTable.QUEUE, ticket.integer("queue")));
    }

    @Test
    void aMissingRecordIsLeftOutAndSoIsWhatWouldFollowFromIt() {
        Row service = row(HookedTable.SERVICE, 1).with(Map.of("user", 999_999));

        assertThat(demo.store.related(demo.db.dsl(), HookedTable.SERVICE, service)).isEmpty();
    }

    @Test
    void aTableWithoutRelationsHasNoRelatedRecords() {
        assertThat(demo.store.related(demo.db.dsl(), HookedTable.QUEUE, row(HookedTable.QUEUE, 1))).isEmpty();
    }
}
