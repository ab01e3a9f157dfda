package io.hookdesk.renewal;

import io.hookdesk.db.Database;
import io.hookdesk.db.store.AuditStore;
import io.hookdesk.db.store.RecordStore;
import io.hookdesk.model.AuditOutcome;
import io.hookdesk.model.ColumnMeta;
import io.hookdesk.model.Failures;
import io.hookdesk.model.HookedTable;
import io.hookdesk.model.Operation;
import io.hookdesk.model.Origin;
import org.jooq.Cursor;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record3;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Renews open services (state 0) whose invoice date is due: {@code invdate} moves on by the service's duration,
 * in months when positive and days when negative (BillMax's convention), and {@code invcnt} counts one more invoice.
 *
 * <p>Set-based: the due services are read once at the start with their versions, then renewed thousands per
 * {@code UPDATE}, each batch in a transaction of its own together with its audit rows (one per renewed service,
 * written by one {@code INSERT ... SELECT}). The update only touches a row whose version is still the one read at the
 * start (the save path's predicate, {@link RecordStore#VERSION}), so a CSR's edit made meanwhile is never
 * overwritten: the service counts as a conflict and the next run renews it. Renewal runs no hook, so it does not
 * need the per-record save path. A service is advanced by one period per run. Every service due at the start ends
 * in exactly one of the summary's categories.
 */
public final class Renewal {

    private static final Logger LOG = LoggerFactory.getLogger(Renewal.class);

    /** Services per statement: large enough that a round trip is noise, small enough that a batch commits quickly. */
    public static final int BATCH = 5_000;

    static final String SKIPPED = "duration 0: no period to advance by";
    static final String CONFLICT = "changed by someone else during the run; the next run renews it";
    /** What the audit row of a renewed service says, as the save path said it for automated processing. */
    static final String AUDIT_MESSAGE = "Saved; hook not run: automated processing never runs hooks.";

    private static final Field<Long> NUMBER = DSL.field(DSL.name("number"), SQLDataType.BIGINT);
    private static final Field<Short> STATE = DSL.field(DSL.name("state"), SQLDataType.SMALLINT);
    private static final Field<LocalDate> INVDATE = DSL.field(DSL.name("invdate"), SQLDataType.LOCALDATE);
    private static final Field<Integer> DURATION = DSL.field(DSL.name("duration"), SQLDataType.INTEGER);

    /**
     * {@link #next} in SQL, on the row being updated (alias {@code s}); a test holds the two equal. Adding months
     * keeps the day where the month has it (PostgreSQL clamps to the month's end as {@code plusMonths} does); the
     * billing day {@code invday} then wins where the month has it.
     */
    static final String NEXT_INVDATE = """
            CASE WHEN s.duration < 0 THEN s.invdate - s.duration
                 WHEN coalesce(s.invday, 0) BETWEEN 1 AND 31 THEN
                      date_trunc('month', s.invdate + make_interval(months => s.duration))::date
                      + (least(s.invday, extract(day FROM date_trunc('month', s.invdate + make_interval(months => s.duration))
                                                       + interval '1 month - 1 day')::integer) - 1)
                 ELSE (s.invdate + make_interval(months => s.duration))::date END""";

    /** What a run did. {@code due} is counted at the start; {@code skipped} services have duration 0. */
    public record Summary(LocalDate through, int due, int renewed, int conflicts, int failed, int skipped, Duration elapsed) {
        public int done() {
            return renewed + conflicts + failed + skipped;
        }
    }

    /** Told about every due service not renewed, and after every batch. */
    public interface Listener {
        /** {@code number} was not renewed, for the reason {@code problem} (one line). */
        void notRenewed(long number, String problem);

        /** Called after each batch (and once before the first), for progress on long runs. */
        void progress(Summary soFar);
    }

    private final DSLContext dsl;
    private final Table<?> service;
    private final AuditStore audit;
    private final String hookPath;
    private final Clock clock;
    private final int batch;
    /** The open state as SQL: {@code 0}, or where the state is an enum its label cast to the enum type. */
    private final String openState;

    /**
     * {@code service} is the table as {@link io.hookdesk.db.schema.Tables} found it in this database; {@code hookPath} the
     * service hook that renewals do not run (recorded in the audit rows as the save path did), or "" when none is
     * installed.
     */
    public Renewal(Database database, Table<?> service, String hookPath, Clock clock) {
        this(database, service, hookPath, clock, BATCH, "0");
    }

    /**
     * Where {@code service.state} is not BillMax's smallint: {@code openState} is the SQL for the open state, from
     * {@link #openState}.
     */
    public Renewal(Database database, Table<?> service, String hookPath, Clock clock, String openState) {
        this(database, service, hookPath, clock, BATCH, openState);
    }

    Renewal(Database database, Table<?> service, String hookPath, Clock clock, int batch) {
        this(database, service, hookPath, clock, batch, "0");
    }

    Renewal(Database database, Table<?> service, String hookPath, Clock clock, int batch, String openState) {
        this.openState = openState;
        this.dsl = database.dsl();
        this.service = service;
        this.audit = new AuditStore(dsl);
        this.hookPath = hookPath;
        this.clock = clock;
        this.batch = batch;
    }

    /**
     * The SQL for the state that is open in {@code stateColumn}, stored as {@code stored} ({@link
     * io.hookdesk.model.ServiceStates#stored}): the code itself for a whole-number column, else the label as a
     * literal cast to the column's type (which the catalogue named, quoted), so {@code state = ...} compares like
     * with like and an index on state still serves it.
     */
    public static String openState(ColumnMeta stateColumn, String stored) {
        if (stateColumn.kind().isWholeNumber()) {
            return Integer.toString(Integer.parseInt(stored));
        }
        return "CAST('" + stored.replace("'", "''") + "' AS " + stateColumn.castType() + ")";
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
        Due due = due(through);
        var counts = new Object() {
            int renewed;
            int conflicts;
            int failed;
            int skipped;

            Summary summary() {
                return new Summary(through, due.size, renewed, conflicts, failed, skipped, Duration.ofNanos(System.nanoTime() - t0));
            }
        };
        listener.progress(counts.summary());
        String update = updateStatement();
        long[] numbers = new long[batch];
        long[] versions = new long[batch];
        int n = 0;
        for (int i = 0; i <= due.size; i++) {
            if (i < due.size && due.durations[i] == 0) {
                counts.skipped++;
                listener.notRenewed(due.numbers[i], SKIPPED);
            } else if (i < due.size) {
                numbers[n] = due.numbers[i];
                versions[n] = due.versions[i];
                n++;
            }
            if (n == batch || (i == due.size && n > 0)) {
                long[] nums = Arrays.copyOf(numbers, n);
                long[] vers = Arrays.copyOf(versions, n);
                Set<Long> renewed;
                Map<Long, String> failed = new HashMap<>();
                try {
                    renewed = renew(update, nums, vers, through, csr);
                } catch (RuntimeException batchFailed) {
                    // One bad row (a trigger, a constraint) must not cost the whole batch: each service alone, so only
                    // the ones that truly fail are reported.
                    LOG.warn("renewal batch of {} services from {} failed; renewing them one by one", n, nums[0], batchFailed);
                    renewed = new HashSet<>();
                    for (int k = 0; k < n; k++) {
                        try {
                            renewed.addAll(renew(update, new long[] {nums[k]}, new long[] {vers[k]}, through, csr));
                        } catch (RuntimeException e) {
                            LOG.warn("renewing service {} failed", nums[k], e);
                            failed.put(nums[k], "the database refused the change: "
                                    + Failures.rootMessage(e).replaceAll("\\s+", " ").trim());
                        }
                    }
                }
                for (int k = 0; k < n; k++) {
                    if (renewed.contains(nums[k])) {
                        counts.renewed++;
                    } else if (failed.containsKey(nums[k])) {
                        counts.failed++;
                        listener.notRenewed(nums[k], failed.get(nums[k]));
                    } else {
                        counts.conflicts++;
                        listener.notRenewed(nums[k], CONFLICT);
                    }
                }
                n = 0;
                listener.progress(counts.summary());
            }
        }
        return counts.summary();
    }

    /** Renews the services among {@code numbers} still at {@code versions} and records them; returns those renewed. */
    private Set<Long> renew(String update, long[] numbers, long[] versions, LocalDate through, String csr) {
        return dsl.transactionResult(cfg -> {
            DSLContext tx = DSL.using(cfg);
            Long[] renewed = tx.fetch(update, box(numbers), box(versions), through).intoArray(0, Long.class);
            audit.recordEach(tx, HookedTable.SERVICE.sqlName(), renewed, Operation.UPDATE, csr, Origin.AUTOMATED,
                    hookPath, AuditOutcome.SKIPPED.word(), AUDIT_MESSAGE);
            return new HashSet<>(Arrays.asList(renewed));
        });
    }

    /**
     * The batch {@code UPDATE}. Due services are read with their version at the start; a row that changed since
     * (a CSR saved it, or it is no longer due) keeps what it has. Under READ COMMITTED an UPDATE that waits for a
     * CSR's uncommitted save rechecks the predicate on the row the CSR committed, whose version differs: it is left
     * alone as well.
     */
    private String updateStatement() {
        return "UPDATE " + dsl.render(service) + " AS s SET invdate = " + NEXT_INVDATE + ",\n"
                + "    invcnt = coalesce(s.invcnt, 0) + 1\n"
                + "FROM unnest(?::bigint[], ?::bigint[]) AS d(number, version)\n"
                + "WHERE s.number = d.number AND s.xmin::text::bigint = d.version\n"
                + "  AND s.state = " + openState + " AND s.invdate <= ?::date AND s.duration <> 0\n"
                + "RETURNING s.number";
    }

    /** The due services as the run starts, in number order: number, version and duration side by side. */
    private Due due(LocalDate through) {
        return dsl.transactionResult(cfg -> {
            Due d = new Due();
            // Streamed (a cursor needs the transaction): a million due services are a million small rows.
            try (Cursor<Record3<Long, Long, Integer>> rows = DSL.using(cfg)
                    .select(NUMBER, RecordStore.VERSION, DSL.coalesce(DURATION, 0))
                    .from(service)
                    .where(DSL.condition("{0} = " + openState, STATE).and(INVDATE.le(through)))
                    .orderBy(NUMBER)
                    .fetchSize(10_000)
                    .fetchLazy()) {
                for (var r : rows) {
                    d.add(r.value1(), r.value2(), r.value3());
                }
            }
            return d;
        });
    }

    private static Long[] box(long[] values) {
        return Arrays.stream(values).boxed().toArray(Long[]::new);
    }

    /** Growing primitive columns: a million boxed records would be ten times the memory. */
    private static final class Due {
        int size;
        long[] numbers = new long[1024];
        long[] versions = new long[1024];
        int[] durations = new int[1024];

        void add(long number, long version, int duration) {
            if (size == numbers.length) {
                numbers = Arrays.copyOf(numbers, size * 2);
                versions = Arrays.copyOf(versions, size * 2);
                durations = Arrays.copyOf(durations, size * 2);
            }
            numbers[size] = number;
            versions[size] = version;
            durations[size] = duration;
            size++;
        }
    }
}
