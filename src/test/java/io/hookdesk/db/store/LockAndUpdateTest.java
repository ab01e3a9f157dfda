package io.hookdesk.db.store;

import io.hookdesk.model.HookedTable;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The save path's one statement: lock, version check, write, old and new row. */
class LockAndUpdateTest {

    @RegisterExtension
    static final DemoStore demo = new DemoStore();

    private static VersionedRow current(int number) {
        return demo.store.find(demo.db.dsl(), HookedTable.SERVICE, number).orElseThrow();
    }

    @Test
    void returnsTheOldRowAndTheRowAsStored() {
        VersionedRow before = current(3);
        RecordStore.Written w = demo.db.dsl().transactionResult(cfg -> demo.store.lockAndUpdate(DSL.using(cfg), HookedTable.SERVICE, 3,
                Map.of("d03", "changed in one statement"), before.version())).orElseThrow();

        assertThat(w.conflict()).isFalse();
        assertThat(w.old()).isEqualTo(before);
        assertThat(w.saved().row().get("d03")).isEqualTo("changed in one statement");
        // The trigger's stamp is in the returned row: it is the row as stored.
        assertThat(w.saved()).isEqualTo(current(3));
        assertThat(w.saved().version()).isNotEqualTo(before.version());
    }

    @Test
    void aStaleVersionWritesNothingAndReturnsTheCurrentRow() {
        VersionedRow before = current(4);
        Optional<RecordStore.Written> w = demo.db.dsl().transactionResult(cfg -> demo.store.lockAndUpdate(DSL.using(cfg),
                HookedTable.SERVICE, 4, Map.of("d03", "lost"), before.version() + 1));

        assertThat(w).isPresent();
        assertThat(w.get().conflict()).isTrue();
        assertThat(w.get().old()).isEqualTo(before);
        assertThat(current(4)).isEqualTo(before);
    }

    @Test
    void noVersionMeansNoCheck() {
        RecordStore.Written w = demo.db.dsl().transactionResult(cfg -> demo.store.lockAndUpdate(DSL.using(cfg), HookedTable.SERVICE, 5,
                Map.of("d03", "unchecked"), null)).orElseThrow();
        assertThat(w.saved().row().get("d03")).isEqualTo("unchecked");
    }

    @Test
    void aMissingRowIsEmpty() {
        Optional<RecordStore.Written> w = demo.db.dsl().transactionResult(cfg -> demo.store.lockAndUpdate(DSL.using(cfg),
                HookedTable.SERVICE, 999_999, Map.of("d03", "x"), null));
        assertThat(w).isEmpty();
    }

    @Test
    void aSaveWaitingForTheLockSeesTheCommittedChangeAsAConflict() throws Exception {
        VersionedRow before = current(6);
        try (Connection other = DriverManager.getConnection(demo.db.description(), "postgres", null)) {
            other.setAutoCommit(false);
            try (Statement s = other.createStatement()) {
                s.executeUpdate("UPDATE service SET d03 = 'the other CSR' WHERE number = 6");
            }
            CompletableFuture<Optional<RecordStore.Written>> mine = CompletableFuture.supplyAsync(() -> demo.db.dsl().transactionResult(
                    cfg -> demo.store.lockAndUpdate(DSL.using(cfg), HookedTable.SERVICE, 6, Map.of("d03", "mine"), before.version())));
            while (demo.db.dsl().fetchOne("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'").get(0, Integer.class) == 0) {
                assertThat(mine).isNotDone();
                Thread.sleep(20);
            }
            other.commit();
            RecordStore.Written w = mine.get(30, TimeUnit.SECONDS).orElseThrow();

            assertThat(w.conflict()).isTrue();
            assertThat(w.old().row().get("d03")).isEqualTo("the other CSR");
            assertThat(current(6).row().get("d03")).isEqualTo("the other CSR");
        }
    }
}
