package io.hookdesk.save;

import io.hookdesk.model.HookCancellation;
import io.hookdesk.model.HookedTable;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Whose turn it is to run a table's hook, as {@link HookSerialization} says: BillMax's runhook runs one hook at a time
 * across the system, so by default HookDesk does too, within the process and, on a shared server, across
 * workstations through a transaction-scoped PostgreSQL advisory lock. Different hooks run in parallel.
 *
 * <p>A save never waits for its turn inside its transaction: a waiting transaction holds a server connection, and
 * behind PgBouncer with many desks the waiters once held every server connection while other desks were told the
 * database could not be reached. {@link #take} only tries; when the turn is another's the save rolls back (releasing
 * its connection), waits in {@link #await} outside any transaction, and starts again from the beginning.
 */
final class HookTurns {

    private static final Logger LOG = LoggerFactory.getLogger(HookTurns.class);

    /** The advisory locks' first key: HookDesk's hooks ("HD"); the second is the table's place in {@link HookedTable}. */
    static final int ADVISORY_LOCK_SPACE = 0x4844;

    /** The first pause before looking again whether the turn is free; it doubles up to {@link #LONGEST_PAUSE}. */
    private static final Duration FIRST_PAUSE = Duration.ofMillis(50);
    /** Long enough that a few hundred waiting desks ask the server little, short enough that a turn is soon noticed. */
    private static final Duration LONGEST_PAUSE = Duration.ofSeconds(1);

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

    /**
     * The table's hook is another's to run now (another save in this process, or another workstation): the save must
     * roll back, {@link #await} outside its transaction and start again. Carries no stack: it is a turn, not a fault.
     */
    static final class Busy extends RuntimeException {
        final HookedTable table;
        /** Another workstation holds it (else another save in this process). */
        final boolean elsewhere;

        Busy(HookedTable table, boolean elsewhere) {
            super(table.hookName() + " is running for another save", null, false, false);
            this.table = table;
            this.elsewhere = elsewhere;
        }

        /** What the person is told while the save waits. */
        String waitingFor() {
            return "waiting for " + table.hookName() + (elsewhere ? " on another workstation" : ", which another save here is running");
        }
    }

    /** Takes this table's hook's turn if it is free, or throws {@link Busy} without waiting. */
    Turn take(DSLContext tx, HookedTable table) {
        if (serialization == HookSerialization.NONE) {
            return () -> { };
        }
        ReentrantLock lock = processLock(table);
        if (!lock.tryLock()) {
            throw new Busy(table, false);
        }
        try {
            if (serialization == HookSerialization.DATABASE && !tryAcrossWorkstations(tx, table)) {
                throw new Busy(table, true);
            }
        } catch (RuntimeException e) {
            lock.unlock();
            throw e;
        }
        return lock::unlock;
    }

    /**
     * Takes this table's hook's turn, waiting for it inside {@code tx}: for a cascade, which cannot start again once one
     * of its hooks has run (see administration.md: a cascade waiting for a turn holds its connection).
     */
    Turn takeWaiting(DSLContext tx, HookedTable table, HookCancellation cancellation) {
        if (serialization == HookSerialization.NONE) {
            return () -> { };
        }
        ReentrantLock lock = processLock(table);
        lock.lock();
        try {
            if (serialization == HookSerialization.DATABASE && !tryAcrossWorkstations(tx, table)) {
                cancellation.waiting(new Busy(table, true).waitingFor());
                try {
                    tx.execute("SELECT pg_advisory_xact_lock(?, ?)", ADVISORY_LOCK_SPACE, table.ordinal());
                } finally {
                    cancellation.waiting(null);
                }
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
        ReentrantLock lock = processLock(table);
        lock.lock();
        return lock::unlock;
    }

    /**
     * Waits, outside any transaction, until the turn {@code busy} found taken looks free, saying so on
     * {@code cancellation}: pauses growing from 50 ms to 1 s, each drawn at random from its upper half so that desks
     * that met do not all ask again at once; each look is one short statement on {@code dsl} (no lock is taken, no
     * transaction stays open). False when the person cancelled (or the thread was interrupted) while waiting.
     * The turn may be gone again when the save comes back for it; it then waits again.
     */
    boolean await(DSLContext dsl, Busy busy, HookCancellation cancellation) {
        cancellation.waiting(busy.waitingFor());
        try {
            long pause = FIRST_PAUSE.toMillis();
            while (!cancellation.isCancelled()) {
                try {
                    Thread.sleep(pause / 2 + ThreadLocalRandom.current().nextLong(pause / 2 + 1));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
                if (cancellation.isCancelled()) {
                    return false;
                }
                if (looksFree(dsl, busy.table)) {
                    return true;
                }
                pause = Math.min(pause * 2, LONGEST_PAUSE.toMillis());
            }
            return false;
        } finally {
            cancellation.waiting(null);
        }
    }

    private boolean looksFree(DSLContext dsl, HookedTable table) {
        if (processLock(table).isLocked()) {
            return false;
        }
        if (serialization != HookSerialization.DATABASE) {
            return true;
        }
        try {
            // pg_locks shows the advisory lock of a two-key pg_try_advisory_xact_lock as classid, objid, objsubid 2.
            Object held = dsl.fetchValue("SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_locks WHERE locktype = 'advisory' "
                    + "AND classid::bigint = ? AND objid::bigint = ? AND objsubid = 2 AND granted)",
                    (long) ADVISORY_LOCK_SPACE, (long) table.ordinal());
            return !Boolean.TRUE.equals(held);
        } catch (RuntimeException e) {
            // Not a reason to give up: the save's own transaction meets the same problem and says it as it should.
            LOG.debug("could not look whether {}'s turn is free", table.hookName(), e);
            return true;
        }
    }

    private ReentrantLock processLock(HookedTable table) {
        return processLocks.computeIfAbsent(table, t -> new ReentrantLock());
    }

    /**
     * Released by the save's commit or rollback, so it is held through the hook and cannot outlive the save: a second
     * workstation's run starts only after the first save has ended.
     */
    private static boolean tryAcrossWorkstations(DSLContext tx, HookedTable table) {
        Boolean free = tx.fetchOne("SELECT pg_try_advisory_xact_lock(?, ?)", ADVISORY_LOCK_SPACE, table.ordinal())
                .get(0, Boolean.class);
        return Boolean.TRUE.equals(free);
    }
}
