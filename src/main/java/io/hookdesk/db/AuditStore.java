package io.hookdesk.db;

import io.hookdesk.model.HookRun;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;

import java.time.ZoneOffset;
import java.util.List;

import static io.hookdesk.db.schema.hookdesk.Tables.HOOK_RUN;

/** Writes and reads {@code hookdesk.hook_run}. Writes autocommit on their own connection, apart from any save. */
public final class AuditStore {

    private final DSLContext dsl;

    public AuditStore(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** Records one attempt in a transaction of its own; returns its id. */
    public long record(HookRun run) {
        return dsl.insertInto(HOOK_RUN)
                .set(HOOK_RUN.TABLE_NAME, run.table())
                .set(HOOK_RUN.RECORD_NUMBER, run.number())
                .set(HOOK_RUN.OPERATION, run.operation())
                .set(HOOK_RUN.CSR, run.csr())
                .set(HOOK_RUN.ORIGIN, run.origin())
                .set(HOOK_RUN.STARTED_AT, run.startedAt().atOffset(ZoneOffset.UTC))
                .set(HOOK_RUN.DURATION_MS, run.durationMs())
                .set(HOOK_RUN.HOOK_PATH, run.hookPath())
                .set(HOOK_RUN.EXIT_CODE, run.exitCode())
                .set(HOOK_RUN.SIGNAL, run.signal())
                .set(HOOK_RUN.OUTCOME, run.outcome())
                .set(HOOK_RUN.MESSAGE, run.message())
                .set(HOOK_RUN.STDOUT, run.stdout())
                .set(HOOK_RUN.STDERR, run.stderr())
                .set(HOOK_RUN.ENVIRONMENT, run.environment())
                .returningResult(HOOK_RUN.ID)
                .fetchOne()
                .value1();
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
