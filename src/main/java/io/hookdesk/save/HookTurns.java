package io.hookdesk.save;

import io.hookdesk.hook.run.HookCancellation;
import io.hookdesk.model.HookedTable;
import org.jooq.DSLContext;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Whose turn it is to run a table's hook, as {@link HookSerialization} says: BillMax's runhook runs one hook at a time
 * across the system, so by default HookDesk does too, within the process and, on a shared server, across
 * workstations through a transaction-scoped PostgreSQL advisory lock. Different hooks run in parallel.
 */
final class HookTurns {

    /** The advisory locks' first key: HookDesk's hooks ("HD"); the second is the table's place in {@link HookedTable}. */
    static final int ADVISORY_LOCK_SPACE = 0x4844;

    private final HookSerialization serialization;
    private final Map<HookedTable, ReentrantLock> processLocks = new ConcurrentHashMap<>();

    HookTurns(HookSerialization serialization) {
        this.serialization = serialization;
    }

    /** A turn held until {@link Turn#close}; the database's part is held until {@code tx} commits or rolls back. */
    interface Turn extends AutoCloseable {
        @Override
        void close();
    }

    /** Waits for this table's hook to be free (saying so on {@code cancellation} while it waits for another workstation). */
    Turn take(DSLContext tx, HookedTable table, HookCancellation cancellation) {
        if (serialization == HookSerialization.NONE) {
            return () -> { };
        }
        ReentrantLock lock = processLocks.computeIfAbsent(table, t -> new ReentrantLock());
        lock.lock();
        try {
            if (serialization == HookSerialization.DATABASE) {
                acrossWorkstations(tx, table, cancellation);
            }
        } catch (RuntimeException e) {
            lock.unlock();
            throw e;
        }
        return lock::unlock;
    }

    /**
     * The turn of a hook whose turn across workstations this transaction already holds (its advisory lock lasts until
     * the transaction ends): only this process's part is taken, so it needs no statement, and works in a transaction
     * the database has already failed (a cascade compensating before its rollback).
     */
    Turn again(HookedTable table) {
        if (serialization == HookSerialization.NONE) {
            return () -> { };
        }
        ReentrantLock lock = processLocks.computeIfAbsent(table, t -> new ReentrantLock());
        lock.lock();
        return lock::unlock;
    }

    /**
     * Released by the save's commit or rollback, so it is held through the hook and cannot outlive the save: a second
     * workstation's run starts only after the first save has ended.
     */
    private static void acrossWorkstations(DSLContext tx, HookedTable table, HookCancellation cancellation) {
        Boolean free = tx.fetchOne("SELECT pg_try_advisory_xact_lock(?, ?)", ADVISORY_LOCK_SPACE, table.ordinal())
                .get(0, Boolean.class);
        if (Boolean.TRUE.equals(free)) {
            return;
        }
        cancellation.waiting("waiting for " + table.hookName() + " on another workstation");
        try {
            tx.execute("SELECT pg_advisory_xact_lock(?, ?)", ADVISORY_LOCK_SPACE, table.ordinal());
        } finally {
            cancellation.waiting(null);
        }
    }
}
