package io.hookdesk.renewal;

import io.hookdesk.db.Database;
import io.hookdesk.db.RecordStore;
import io.hookdesk.model.HookedTable;
import io.hookdesk.model.Origin;
import io.hookdesk.save.SaveRequest;
import io.hookdesk.save.SaveResult;
import io.hookdesk.save.SaveService;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record6;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;


/**
 * Renews open services (state 0) whose invoice date is due: {@code invdate} moves on by the service's duration,
 * in months when positive and days when negative (BillMax's convention), and {@code invcnt} counts one more invoice.
 * Each service is one save through {@link SaveService} with the version it was read at, so a CSR's edit made meanwhile
 * is never overwritten (it shows as a conflict; the next run picks the service up again). A service is advanced by one
 * period per run.
 */
public final class Renewal {

    private static final int BATCH = 500;
    private static final Field<Integer> NUMBER = DSL.field(DSL.name("number"), SQLDataType.INTEGER);
    private static final Field<Short> STATE = DSL.field(DSL.name("state"), SQLDataType.SMALLINT);
    private static final Field<LocalDate> INVDATE = DSL.field(DSL.name("invdate"), SQLDataType.LOCALDATE);
    private static final Field<Integer> DURATION = DSL.field(DSL.name("duration"), SQLDataType.INTEGER);
    private static final Field<Short> INVDAY = DSL.field(DSL.name("invday"), SQLDataType.SMALLINT);
    private static final Field<Integer> INVCNT = DSL.field(DSL.name("invcnt"), SQLDataType.INTEGER);

    /** What a run did. {@code due} is counted at the start; {@code skipped} services have duration 0. */
    public record Summary(LocalDate through, int due, int renewed, int conflicts, int failed, int skipped, Duration elapsed) {
        public int done() {
            return renewed + conflicts + failed + skipped;
        }
    }

    /** Told after each service; {@code problem} is null when it was renewed. */
    public interface Listener {
        void after(int number, String problem, Summary soFar);
    }

    private final DSLContext dsl;
    private final SaveService saves;
    private final Table<?> service;

    /** {@code service} is the table as {@link io.hookdesk.db.Tables} found it in this database. */
    public Renewal(Database database, SaveService saves, Table<?> service) {
        this.dsl = database.dsl();
        this.saves = saves;
        this.service = service;
    }

    /** The invoice date after {@code invdate}: months keep the billing day {@code invday} where the month has it. */
    public static LocalDate next(LocalDate invdate, int duration, int invday) {
        if (duration < 0) {
            return invdate.plusDays(-(long) duration);
        }
        LocalDate d = invdate.plusMonths(duration);
        return invday >= 1 && invday <= 31 ? d.withDayOfMonth(Math.min(invday, d.lengthOfMonth())) : d;
    }

    public Summary run(LocalDate through, String csr, Listener listener) {
        long t0 = System.nanoTime();
        int due = dsl.fetchCount(service, STATE.eq((short) 0).and(INVDATE.le(through)));
        int renewed = 0;
        int conflicts = 0;
        int failed = 0;
        int skipped = 0;
        int after = 0;
        while (true) {
            List<Record6<Integer, LocalDate, Integer, Short, Integer, Long>> batch = dueAfter(through, after);
            if (batch.isEmpty()) {
                break;
            }
            for (var s : batch) {
                int number = s.value1();
                after = number;
                int duration = s.value3();
                String problem = null;
                if (duration == 0) {
                    skipped++;
                    problem = "duration 0: no period to advance by";
                } else {
                    LocalDate next = next(s.value2(), duration, s.value4());
                    SaveResult r = saves.save(SaveRequest.update(HookedTable.SERVICE, number,
                            Map.of("invdate", next.toString(), "invcnt", Integer.toString(s.value5() + 1)),
                            s.value6(), Origin.AUTOMATED, csr));
                    switch (r.outcome()) {
                        case COMMITTED -> renewed++;
                        case CONFLICT -> {
                            conflicts++;
                            problem = "changed by someone else during the run; the next run renews it";
                        }
                        default -> {
                            failed++;
                            problem = r.message();
                        }
                    }
                }
                listener.after(number, problem, new Summary(through, due, renewed, conflicts, failed, skipped,
                        Duration.ofNanos(System.nanoTime() - t0)));
            }
        }
        return new Summary(through, due, renewed, conflicts, failed, skipped, Duration.ofNanos(System.nanoTime() - t0));
    }

    private List<Record6<Integer, LocalDate, Integer, Short, Integer, Long>> dueAfter(LocalDate through, int after) {
        return dsl.select(NUMBER, INVDATE, DURATION, INVDAY, INVCNT, RecordStore.VERSION)
                .from(service)
                .where(STATE.eq((short) 0).and(INVDATE.le(through)).and(NUMBER.gt(after)))
                .orderBy(NUMBER)
                .limit(BATCH)
                .fetch();
    }
}
