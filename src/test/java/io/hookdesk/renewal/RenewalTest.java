package io.hookdesk.renewal;

import io.hookdesk.db.Database;
import io.hookdesk.db.demo.DemoData;
import io.hookdesk.testing.TestDatabase;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RenewalTest {

    private static final LocalDate THROUGH = LocalDate.parse("2026-12-05");

    private Database db;
    private DSLContext dsl;

    @BeforeEach
    void seed() {
        db = TestDatabase.fresh();
        dsl = db.dsl();
        new DemoData(dsl).seed(DemoData.SMALL, n -> { });
        // Every open service due, so batches of a few services make several batches.
        dsl.execute("UPDATE service SET invdate = DATE '2026-11-30' - (number % 40) WHERE state = 0");
    }

    @AfterEach
    void close() {
        db.close();
    }

    private Renewal renewal(int batch) {
        return new Renewal(db, DSL.table(DSL.name("public", "service")), "", Clock.systemUTC(), batch);
    }

    private static class Recorder implements Renewal.Listener {
        final Map<Long, String> problems = new LinkedHashMap<>();
        final List<Renewal.Summary> progress = new ArrayList<>();

        @Override
        public void notRenewed(long number, String problem) {
            problems.put(number, problem);
        }

        @Override
        public void progress(Renewal.Summary soFar) {
            progress.add(soFar);
        }
    }

    @Test
    void theStatementAdvancesDatesExactlyAsTheRuleSays() {
        List<String> rows = new ArrayList<>();
        List<LocalDate> expected = new ArrayList<>();
        String[] dates = {"2027-01-31", "2027-01-30", "2027-02-28", "2028-02-29", "2027-03-31", "2027-04-30",
                "2027-12-31", "2027-12-28", "2027-06-15", "2027-01-01"};
        int[] durations = {-30, -7, -1, 1, 2, 3, 6, 11, 12, 13, 25};
        int[] invdays = {0, 1, 15, 28, 29, 30, 31, 32};
        for (String date : dates) {
            for (int duration : durations) {
                for (int invday : invdays) {
                    rows.add("(" + rows.size() + ", DATE '" + date + "', " + duration + ", " + invday + "::smallint)");
                    expected.add(Renewal.next(LocalDate.parse(date), duration, invday));
                }
            }
        }
        List<LocalDate> computed = dsl.fetch("SELECT " + Renewal.NEXT_INVDATE + " FROM (VALUES " + String.join(", ", rows)
                + ") AS s(i, invdate, duration, invday) ORDER BY i").getValues(0, LocalDate.class);
        assertThat(computed).isEqualTo(expected);
    }

    @Test
    void everyDueServiceEndsInOneCategoryAcrossBatches() {
        dsl.execute("UPDATE service SET duration = 0 WHERE number = 7");
        // A trigger that refuses one service's renewal: the batch it is in is redone one by one, so only it fails.
        dsl.execute("CREATE FUNCTION hookdesk.refuse_13() RETURNS trigger LANGUAGE plpgsql AS $$ "
                + "BEGIN IF NEW.number = 13 THEN RAISE EXCEPTION 'service 13 may not be renewed'; END IF; RETURN NEW; END $$");
        dsl.execute("CREATE TRIGGER refuse_13 BEFORE UPDATE ON service FOR EACH ROW EXECUTE FUNCTION hookdesk.refuse_13()");
        Map<Integer, Record> before = rows();
        List<Integer> due = before.values().stream().filter(r -> r.get("state", Short.class) == 0)
                .map(r -> r.get("number", Integer.class)).sorted().toList();
        int edited = due.get(due.size() - 2);
        Recorder recorder = new Recorder() {
            @Override
            public void progress(Renewal.Summary soFar) {
                super.progress(soFar);
                if (soFar.done() > 0 && soFar.done() < 6) {
                    // A CSR saves a service of a later batch after the run read it.
                    dsl.execute("UPDATE service SET d05 = 'edited by a CSR' WHERE number = " + edited);
                }
            }
        };

        Renewal.Summary s = renewal(4).run(THROUGH, "nightly", recorder);

        assertThat(s.due()).isEqualTo(due.size());
        assertThat(s.renewed() + s.conflicts() + s.failed() + s.skipped()).isEqualTo(s.due());
        assertThat(s.skipped()).isEqualTo(1);
        assertThat(s.failed()).isEqualTo(1);
        assertThat(s.conflicts()).isEqualTo(1);
        assertThat(recorder.problems).containsOnlyKeys(7L, 13L, (long) edited);
        assertThat(recorder.problems.get((long) edited)).isEqualTo(Renewal.CONFLICT);
        assertThat(recorder.problems.get(13L)).startsWith("the database refused the change: ").contains("service 13 may not be renewed");
        assertThat(recorder.progress.size()).isGreaterThan(due.size() / 4);
        assertThat(recorder.progress.get(recorder.progress.size() - 1).done()).isEqualTo(s.due());

        Map<Integer, Record> after = rows();
        for (int number : due) {
            Record b = before.get(number);
            Record a = after.get(number);
            if (recorder.problems.containsKey((long) number)) {
                assertThat(a.get("invdate")).as("service %d", number).isEqualTo(b.get("invdate"));
                assertThat(a.get("invcnt")).as("service %d", number).isEqualTo(b.get("invcnt"));
            } else {
                assertThat(a.get("invdate", LocalDate.class)).as("service %d", number).isEqualTo(Renewal.next(
                        b.get("invdate", LocalDate.class), b.get("duration", Integer.class), b.get("invday", Short.class)));
                assertThat(a.get("invcnt", Integer.class)).isEqualTo(b.get("invcnt", Integer.class) + 1);
            }
        }
        assertThat(after.get(edited).get("d05")).isEqualTo("edited by a CSR");
        List<Integer> audited = dsl.fetch("SELECT record_number FROM hookdesk.hook_run WHERE table_name = 'service' "
                + "AND operation = 'update' AND origin = 'automated' AND outcome = 'skipped' AND csr = 'nightly' "
                + "AND environment = '' AND message = ? ORDER BY record_number", Renewal.AUDIT_MESSAGE).getValues(0, Integer.class);
        assertThat(audited).hasSize(s.renewed()).doesNotContain(7, 13, edited);
        assertThat(dsl.fetchOne("SELECT count(*) FROM hookdesk.hook_run").get(0, Integer.class)).isEqualTo(s.renewed());
    }

    @Test
    void aServiceFurtherBehindAdvancesOnePeriodPerRun() {
        dsl.execute("UPDATE service SET invdate = DATE '2026-01-10', duration = 1, invday = 10 WHERE number = 1");

        renewal(3).run(THROUGH, "nightly", new Recorder());
        assertThat(rows().get(1).get("invdate", LocalDate.class)).isEqualTo("2026-02-10");
        renewal(3).run(THROUGH, "nightly", new Recorder());
        assertThat(rows().get(1).get("invdate", LocalDate.class)).isEqualTo("2026-03-10");
    }

    @Test
    void nothingDueIsAnEmptyRun() {
        Renewal.Summary s = renewal(3).run(LocalDate.parse("2000-01-01"), "nightly", new Recorder());
        assertThat(s.due()).isZero();
        assertThat(s.done()).isZero();
    }

    private Map<Integer, Record> rows() {
        Map<Integer, Record> all = new LinkedHashMap<>();
        for (Record r : dsl.fetch("SELECT number, state, invdate, invcnt, duration, invday, d05 FROM service ORDER BY number")) {
            all.put(r.get("number", Integer.class), r);
        }
        return all;
    }
}
