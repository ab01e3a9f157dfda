package io.hookdesk.db;

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

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static io.hookdesk.db.schema.hookdesk.Tables.HOOK_RUN;

/** Writes and reads {@code hookdesk.hook_run}. Writes autocommit on their own connection, apart from any save. */
public final class AuditStore {

    private final DSLContext dsl;
    private final RenderedStatements statements = new RenderedStatements();

    public AuditStore(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** Records one attempt in a transaction of its own; returns its id. */
    public long record(HookRun run) {
        Map<Field<?>, Object> values = new LinkedHashMap<>();
        values.put(HOOK_RUN.TABLE_NAME, run.table());
        values.put(HOOK_RUN.RECORD_NUMBER, run.number());
        values.put(HOOK_RUN.OPERATION, run.operation());
        values.put(HOOK_RUN.CSR, run.csr());
        values.put(HOOK_RUN.ORIGIN, run.origin());
        values.put(HOOK_RUN.STARTED_AT, run.startedAt().atOffset(ZoneOffset.UTC));
        values.put(HOOK_RUN.DURATION_MS, run.durationMs());
        values.put(HOOK_RUN.HOOK_PATH, run.hookPath());
        values.put(HOOK_RUN.EXIT_CODE, run.exitCode());
        values.put(HOOK_RUN.SIGNAL, run.signal());
        values.put(HOOK_RUN.OUTCOME, run.outcome());
        values.put(HOOK_RUN.MESSAGE, run.message());
        values.put(HOOK_RUN.STDOUT, run.stdout());
        values.put(HOOK_RUN.STDERR, run.stderr());
        values.put(HOOK_RUN.ENVIRONMENT, run.environment());
        // Every save writes one of these: the text is rendered once per set of NULL columns, then only bound.
        List<Param<?>> binds = new ArrayList<>();
        List<Object> shape = new ArrayList<>(List.of("hook_run"));
        values.forEach((f, v) -> {
            binds.add(RenderedStatements.value(f, v));
            shape.add(v == null);
        });
        return statements.query(dsl, shape,
                        () -> dsl.insertInto(HOOK_RUN).set(values).returningResult(HOOK_RUN.ID), List.of(HOOK_RUN.ID), binds)
                .fetchOne()
                .get(HOOK_RUN.ID);
    }

    /**
     * Records one attempt per number in {@code numbers}, all alike but for the number, with one {@code INSERT ... SELECT}
     * on {@code tx} (so the rows commit or roll back with what they record). Only the columns named here are written:
     * the output, the environment and any column a later migration adds take the table's defaults.
     */
    public void recordEach(DSLContext tx, String table, Integer[] numbers, Operation operation, String csr,
                           Origin origin, Instant startedAt, String hookPath, String outcome, String message) {
        if (numbers.length == 0) {
            return;
        }
        Table<?> each = DSL.unnest(DSL.val(numbers, SQLDataType.INTEGER.getArrayDataType())).as("each", "number");
        tx.insertInto(HOOK_RUN, HOOK_RUN.TABLE_NAME, HOOK_RUN.RECORD_NUMBER, HOOK_RUN.OPERATION, HOOK_RUN.CSR,
                        HOOK_RUN.ORIGIN, HOOK_RUN.STARTED_AT, HOOK_RUN.HOOK_PATH, HOOK_RUN.OUTCOME, HOOK_RUN.MESSAGE)
                .select(DSL.select(DSL.val(table, HOOK_RUN.TABLE_NAME), each.field("number", Integer.class),
                                DSL.val(operation.label(), HOOK_RUN.OPERATION), DSL.val(csr, HOOK_RUN.CSR),
                                DSL.val(origin.name().toLowerCase(Locale.ROOT), HOOK_RUN.ORIGIN),
                                DSL.val(startedAt.atOffset(ZoneOffset.UTC), HOOK_RUN.STARTED_AT),
                                DSL.val(hookPath, HOOK_RUN.HOOK_PATH), DSL.val(outcome, HOOK_RUN.OUTCOME),
                                DSL.val(message, HOOK_RUN.MESSAGE))
                        .from(each))
                .execute();
    }

    /** The newest attempts on one record, newest first. */
    public List<HookRun> forRecord(String table, int number, int limit) {
        return query(HOOK_RUN.TABLE_NAME.eq(table).and(HOOK_RUN.RECORD_NUMBER.eq(number)), limit);
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
                r.get(HOOK_RUN.OPERATION), r.get(HOOK_RUN.CSR), r.get(HOOK_RUN.ORIGIN),
                r.get(HOOK_RUN.STARTED_AT).toInstant(), r.get(HOOK_RUN.DURATION_MS), r.get(HOOK_RUN.HOOK_PATH),
                r.get(HOOK_RUN.EXIT_CODE), r.get(HOOK_RUN.SIGNAL), r.get(HOOK_RUN.OUTCOME), r.get(HOOK_RUN.MESSAGE),
                r.get(HOOK_RUN.STDOUT), r.get(HOOK_RUN.STDERR), r.get(HOOK_RUN.ENVIRONMENT));
    }
}
