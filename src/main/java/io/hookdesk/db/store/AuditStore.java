package io.hookdesk.db.store;

import io.hookdesk.model.AuditOutcome;
import io.hookdesk.model.HookRun;
import io.hookdesk.model.Operation;
import io.hookdesk.model.Origin;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Param;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static io.hookdesk.db.generated.hookdesk.Tables.HOOK_RUN;

/**
 * Writes and reads {@code hookdesk.hook_run}. A committed save's row is written in the save's own transaction
 * ({@link #begin} before the hook, {@link #finish} after it); an attempt that did not commit gets its row in a
 * transaction of its own ({@link #record}). Every text is made to fit its column first ({@link AuditText}), so no
 * content can make an insert fail. Who wrote the row ({@code db_user}) is set by the database, never sent.
 */
public final class AuditStore {

    /** The outcome of a row written before its hook ran; the same transaction completes it before committing. */
    public static final String RUNNING = AuditOutcome.RUNNING.word();

    private final DSLContext dsl;
    private final RenderedStatements statements = new RenderedStatements();

    public AuditStore(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** Records one attempt in a transaction of its own; returns its id. */
    public long record(HookRun run) {
        return insert(dsl, run);
    }

    /**
     * Inserts {@code run} in the caller's transaction {@code tx}: it commits with the change it records, or not at
     * all. Returns its id, for {@link #finish}.
     */
    public long begin(DSLContext tx, HookRun run) {
        return insert(tx, run);
    }

    /**
     * Completes the row {@link #begin} wrote in this same transaction with how the hook ended. Through a function
     * of the database: a CSR's login may not UPDATE the audit, and this completes only the calling transaction's row.
     */
    public void finish(DSLContext tx, long id, HookRun run) {
        tx.execute("SELECT hookdesk.finish_run(?, ?, ?, ?, ?, ?, ?, ?)", id,
                AuditText.fit(run.outcome(), 30), text(run.message()), run.exitCode(), run.signal(), run.durationMs(),
                text(run.stdout()), text(run.stderr()));
    }

    private long insert(DSLContext ctx, HookRun run) {
        Map<Field<?>, Object> values = new LinkedHashMap<>();
        values.put(HOOK_RUN.TABLE_NAME, AuditText.fit(run.table(), 20));
        values.put(HOOK_RUN.RECORD_NUMBER, run.number());
        values.put(HOOK_RUN.OPERATION, AuditText.fit(run.operation(), 10));
        values.put(HOOK_RUN.CSR, AuditText.fit(run.csr(), 100));
        values.put(HOOK_RUN.ORIGIN, AuditText.fit(run.origin(), 20));
        // No id and no started_at: the database numbers and dates every row (migration 3), and a CSR's login may
        // not write either.
        values.put(HOOK_RUN.DURATION_MS, run.durationMs());
        values.put(HOOK_RUN.HOOK_PATH, AuditText.fit(run.hookPath(), 1000));
        values.put(HOOK_RUN.EXIT_CODE, run.exitCode());
        values.put(HOOK_RUN.SIGNAL, run.signal());
        values.put(HOOK_RUN.OUTCOME, AuditText.fit(run.outcome(), 30));
        values.put(HOOK_RUN.MESSAGE, text(run.message()));
        values.put(HOOK_RUN.STDOUT, text(run.stdout()));
        values.put(HOOK_RUN.STDERR, text(run.stderr()));
        values.put(HOOK_RUN.ENVIRONMENT, text(run.environment()));
        if (run.hookRunner() != null && !run.hookRunner().equals("local")) {
            // Left out when local (the column's default): a login granted the older columns by hand still saves.
            values.put(HOOK_RUN.HOOK_RUNNER, AuditText.fit(run.hookRunner(), 1000));
        }
        if (run.cascadeId() != null) {
            // Named only where there is one, so an ordinary save's insert is what it was before migration 6.
            values.put(HOOK_RUN.CASCADE_ID, AuditText.fit(run.cascadeId(), 40));
        }
        // Every save writes one of these: the text is rendered once per set of NULL columns, then only bound.
        List<Param<?>> binds = new ArrayList<>();
        List<Object> shape = new ArrayList<>(List.of("hook_run"));
        values.forEach((f, v) -> {
            binds.add(RenderedStatements.value(f, v));
            shape.add(v == null);
        });
        return statements.query(ctx, shape,
                        () -> ctx.insertInto(HOOK_RUN).set(values).returningResult(HOOK_RUN.ID), List.of(HOOK_RUN.ID), binds)
                .fetchOne()
                .get(HOOK_RUN.ID);
    }

    /**
     * Records one attempt per number in {@code numbers}, all alike but for the number, with one {@code INSERT ... SELECT}
     * on {@code tx} (so the rows commit or roll back with what they record). Only the columns named here are written:
     * the output, the environment and any column a later migration adds take the table's defaults.
     */
    public void recordEach(DSLContext tx, String table, Long[] numbers, Operation operation, String csr,
                           Origin origin, String hookPath, String outcome, String message) {
        if (numbers.length == 0) {
            return;
        }
        Table<?> each = DSL.unnest(DSL.val(numbers, SQLDataType.BIGINT.getArrayDataType())).as("each", "number");
        tx.insertInto(HOOK_RUN, HOOK_RUN.TABLE_NAME, HOOK_RUN.RECORD_NUMBER, HOOK_RUN.OPERATION, HOOK_RUN.CSR,
                        HOOK_RUN.ORIGIN, HOOK_RUN.HOOK_PATH, HOOK_RUN.OUTCOME, HOOK_RUN.MESSAGE)
                .select(DSL.select(DSL.val(table, HOOK_RUN.TABLE_NAME), each.field("number", Long.class),
                                DSL.val(operation.label(), HOOK_RUN.OPERATION), DSL.val(text(csr), HOOK_RUN.CSR),
                                DSL.val(origin.name().toLowerCase(Locale.ROOT), HOOK_RUN.ORIGIN),
                                DSL.val(hookPath, HOOK_RUN.HOOK_PATH), DSL.val(outcome, HOOK_RUN.OUTCOME),
                                DSL.val(text(message), HOOK_RUN.MESSAGE))
                        .from(each))
                .execute();
    }

    private static String text(String s) {
        return AuditText.fit(s, AuditText.TEXT_LIMIT);
    }

    /** The newest attempts on one record, newest first. */
    public List<HookRun> forRecord(String table, long number, int limit) {
        return query(HOOK_RUN.TABLE_NAME.eq(table).and(HOOK_RUN.RECORD_NUMBER.eq(number)), limit);
    }

    /** Every run of one cascade (its hooks, then any compensations), in the order they were recorded. */
    public List<HookRun> forCascade(String cascadeId) {
        return dsl.selectFrom(HOOK_RUN).where(HOOK_RUN.CASCADE_ID.eq(cascadeId)).orderBy(HOOK_RUN.ID.asc())
                .fetch(AuditStore::toRun);
    }

    /**
     * The newest attempts overall, newest first, optionally only one table and/or one outcome
     * (null for any), for the supervisor's view.
     */
    public List<HookRun> recent(String table, String outcome, int limit) {
        Condition c = DSL.trueCondition();
        if (table != null) {
            c = c.and(HOOK_RUN.TABLE_NAME.eq(table));
        }
        if (outcome != null) {
            c = c.and(HOOK_RUN.OUTCOME.eq(outcome));
        }
        return query(c, limit);
    }

    private List<HookRun> query(Condition where, int limit) {
        return dsl.selectFrom(HOOK_RUN).where(where).orderBy(HOOK_RUN.STARTED_AT.desc(), HOOK_RUN.ID.desc())
                .limit(limit).fetch(AuditStore::toRun);
    }

    private static HookRun toRun(Record r) {
        return new HookRun(r.get(HOOK_RUN.ID), r.get(HOOK_RUN.TABLE_NAME), r.get(HOOK_RUN.RECORD_NUMBER),
                r.get(HOOK_RUN.OPERATION), r.get(HOOK_RUN.CSR), r.get(HOOK_RUN.DB_USER), r.get(HOOK_RUN.ORIGIN),
                r.get(HOOK_RUN.STARTED_AT).toInstant(), r.get(HOOK_RUN.DURATION_MS), r.get(HOOK_RUN.HOOK_PATH),
                r.get(HOOK_RUN.EXIT_CODE), r.get(HOOK_RUN.SIGNAL), r.get(HOOK_RUN.OUTCOME), r.get(HOOK_RUN.MESSAGE),
                r.get(HOOK_RUN.STDOUT), r.get(HOOK_RUN.STDERR), r.get(HOOK_RUN.ENVIRONMENT), r.get(HOOK_RUN.HOOK_RUNNER),
                r.get(HOOK_RUN.CASCADE_ID));
    }
}
