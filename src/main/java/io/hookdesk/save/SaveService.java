package io.hookdesk.save;

import io.hookdesk.db.AuditStore;
import io.hookdesk.db.RecordStore;
import io.hookdesk.db.VersionedRow;
import io.hookdesk.hook.FireDecision;
import io.hookdesk.hook.FirePolicy;
import io.hookdesk.hook.HookCancellation;
import io.hookdesk.hook.HookEnvironment;
import io.hookdesk.hook.HookInput;
import io.hookdesk.hook.HookLocator;
import io.hookdesk.hook.HookOutcome;
import io.hookdesk.hook.HookRunner;
import io.hookdesk.hook.HookStatus;
import io.hookdesk.model.ColumnMeta;
import io.hookdesk.model.Failures;
import io.hookdesk.model.HookedTable;
import io.hookdesk.model.InvalidValueException;
import io.hookdesk.model.Operation;
import io.hookdesk.model.Origin;
import io.hookdesk.model.Row;
import io.hookdesk.model.TableMeta;
import io.hookdesk.model.TableUnavailableException;
import io.hookdesk.model.ValueParser;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The one save path, for the desktop and the command line alike: lock, check version, write, read back,
 * build the environment, run the hook while the transaction is open, commit on exit 0 or roll back, and record
 * the attempt. A hook never runs against data that is then not saved unless the commit itself fails, and that
 * case is reported as such.
 */
public final class SaveService {

    private static final Logger LOG = LoggerFactory.getLogger(SaveService.class);

    private final DSLContext dsl;
    private final RecordStore store;
    private final HookLocator locator;
    private final HookRunner runner;
    private final AuditStore audit;
    private final FailureLog failureLog;
    private final Clock clock;
    private final Map<String, String> clientEnv;
    /** Runs of one hook are serialised, as BillMax's runhook does by default; different hooks run in parallel. */
    private final Map<HookedTable, ReentrantLock> hookLocks = new ConcurrentHashMap<>();

    public SaveService(DSLContext dsl, RecordStore store, HookLocator locator, HookRunner runner, AuditStore audit,
                       FailureLog failureLog, Clock clock, Map<String, String> clientEnv) {
        this.dsl = dsl;
        this.store = store;
        this.locator = locator;
        this.runner = runner;
        this.audit = audit;
        this.failureLog = failureLog;
        this.clock = clock;
        this.clientEnv = Map.copyOf(clientEnv);
    }

    public HookLocator locator() {
        return locator;
    }

    public Map<String, String> clientEnv() {
        return clientEnv;
    }

    public SaveResult save(SaveRequest request) {
        return save(request, HookCancellation.none());
    }

    /** Saves, running the hook if there is one and the fire policy says so. Never throws for a failed save. */
    public SaveResult save(SaveRequest request, HookCancellation cancellation) {
        SaveResult result = execute(request, cancellation, false);
        recordAttempt(request, result);
        if (!request.interactive() && !result.committed()) {
            failureLog.record(request, result);
        }
        return result;
    }

    /**
     * Goes through the save path up to the point where the hook would run, then rolls back: the exact
     * environment the hook would receive (defaults, triggers and read-back included), which hook would run or why
     * none would. Runs no hook and records nothing. A preview of a create consumes a number from the sequence.
     */
    public SaveResult preview(SaveRequest request) {
        return execute(request, HookCancellation.none(), true);
    }

    /**
     * "Run hook again": runs the table's hook for a saved record as it is now ({@code NEW=0}, {@code OLD_*} equal to
     * {@code NEW_*}, {@code HOOK_REPROVISION=1}) while the row is locked ({@code SELECT ... FOR UPDATE}), so an
     * operator can bring RADIUS or mail back in line with the database after a failure or drift. The fire policy is
     * not asked (a person asked for the run); a missing or refused hook is reported and nothing runs. Changes nothing
     * in the record; recorded in hookdesk.hook_run (operation {@code rerun}) like any run. Who may reprovision
     * (supervisors) is the caller's check.
     */
    public SaveResult reprovision(HookedTable table, int number, Origin origin, String csr, HookCancellation cancellation) {
        SaveRequest request = SaveRequest.update(table, number, Map.of(), null, origin, csr);
        Attempt a = new Attempt(request, clock.instant(), System.nanoTime());
        a.operation = Operation.REPROVISION;
        a.status = locator.locate(table);
        SaveResult result;
        try {
            result = dsl.transactionResult(cfg -> {
                DSLContext tx = DSL.using(cfg);
                VersionedRow locked = store.lock(tx, table, number).orElseThrow(() -> new Stop(
                        a.result(SaveOutcome.NOT_FOUND, "There is no " + table + " " + number + ".", null)));
                a.row = locked.row();
                a.version = locked.version();
                a.environment = HookEnvironment.build(new HookInput(table, Operation.REPROVISION, null, a.row,
                        store.related(tx, table, a.row), request.csr(), request.interactive(), clientEnv));
                if (!a.status.ready()) {
                    throw new Stop(a.result(SaveOutcome.HOOK_REFUSED, "Not run: " + a.status.message(), null));
                }
                a.hook = runHook(table, a.status.path(), a.environment, cancellation);
                if (!a.hook.succeeded()) {
                    SaveOutcome outcome = a.hook.kind() == HookOutcome.Kind.CANCELLED ? SaveOutcome.CANCELLED : SaveOutcome.HOOK_FAILED;
                    throw new Stop(a.result(outcome, table.hookName() + " " + a.hook.reason() + " when run again; "
                            + table + " " + number + " itself is unchanged.", null));
                }
                a.hookSucceeded = true;
                return a.result(SaveOutcome.COMMITTED, table.hookName() + " ran again for " + table + " " + number
                        + " and succeeded.", null);
            });
        } catch (Stop stop) {
            result = stop.result;
        } catch (RuntimeException e) {
            result = failure(a, e);
        }
        recordAttempt(request, result);
        if (!request.interactive() && !result.committed()) {
            failureLog.record(request, result);
        }
        return result;
    }

    /**
     * The problems {@link #save} would find in the request's values without touching the database (unknown or
     * database-assigned columns, values that do not parse, required columns missing on create): column to problem,
     * empty if none. Lets a caller turn bad input away before anything is written or recorded.
     */
    public Map<String, String> check(SaveRequest request) {
        try {
            parse(store.tables().meta(request.table()), request);
            return Map.of();
        } catch (InvalidInput e) {
            return java.util.Collections.unmodifiableMap(e.errors);
        } catch (TableUnavailableException e) {
            return Map.of("table", e.getMessage());
        }
    }

    private SaveResult execute(SaveRequest request, HookCancellation cancellation, boolean dryRun) {
        Instant started = clock.instant();
        long t0 = System.nanoTime();
        Attempt a = new Attempt(request, started, t0);
        HookedTable table = request.table();

        Map<String, Object> values;
        try {
            values = parse(store.tables().meta(table), request);
        } catch (InvalidInput e) {
            return a.result(SaveOutcome.INVALID, e.getMessage(), e.errors);
        } catch (TableUnavailableException e) {
            return a.result(SaveOutcome.INVALID, e.getMessage(), Map.of("table", e.getMessage()));
        }

        a.status = locator.locate(table);
        try {
            return dsl.transactionResult(cfg -> {
                DSLContext tx = DSL.using(cfg);
                Row oldRow = null;
                VersionedRow saved;
                if (request.operation() == Operation.UPDATE) {
                    // Lock, version check, write and the old row in one statement (one round trip under the lock).
                    Optional<RecordStore.Written> written = store.lockAndUpdate(tx, table, request.number(), values,
                            request.expectedVersion());
                    if (written.isEmpty()) {
                        throw new Stop(a.result(SaveOutcome.NOT_FOUND, "There is no " + table + " " + request.number() + ".", null));
                    }
                    oldRow = written.get().old().row();
                    if (written.get().conflict()) {
                        a.row = oldRow;
                        a.version = written.get().old().version();
                        throw new Stop(a.result(SaveOutcome.CONFLICT, "Someone else saved " + table + " "
                                + request.number() + " after you opened it; nothing was changed. Reload to see their values.", null));
                    }
                    saved = written.get().saved();
                } else {
                    saved = store.insert(tx, table, values);
                }
                a.number = saved.row().integer("number");
                a.row = saved.row();
                a.version = saved.version();
                Map<String, Row> related = store.related(tx, table, saved.row());
                a.environment = HookEnvironment.build(new HookInput(table, request.operation(), oldRow, saved.row(),
                        related, request.csr(), request.interactive(), clientEnv));
                a.decision = FirePolicy.decide(table, request.operation(), oldRow, saved.row(), request.origin());

                if (dryRun) {
                    throw new Stop(a.result(SaveOutcome.PREVIEWED, "preview only: rolled back", null));
                }
                if (!a.decision.fire() || a.status.absent()) {
                    return a.result(SaveOutcome.COMMITTED, a.decision.fire()
                            ? "Saved; no " + table.hookName() + " is installed." : "Saved; hook not run: " + a.decision.describe() + ".", null);
                }
                if (a.status.refused()) {
                    throw new Stop(a.result(SaveOutcome.HOOK_REFUSED, "Not saved: " + a.status.message(), null));
                }
                a.hook = runHook(table, a.status.path(), a.environment, cancellation);
                if (!a.hook.succeeded()) {
                    SaveOutcome outcome = a.hook.kind() == HookOutcome.Kind.CANCELLED ? SaveOutcome.CANCELLED : SaveOutcome.HOOK_FAILED;
                    throw new Stop(a.result(outcome, table.hookName() + " " + a.hook.reason()
                            + "; the change was rolled back.", null));
                }
                a.hookSucceeded = true;
                return a.result(SaveOutcome.COMMITTED, "Saved; " + table.hookName() + " succeeded.", null);
            });
        } catch (Stop stop) {
            return stop.result;
        } catch (RuntimeException e) {
            // Whatever broke (the database, the connection, a bug), the transaction is gone: say what is known.
            return failure(a, e);
        }
    }

    private HookOutcome runHook(HookedTable table, Path hook, SortedMap<String, String> env, HookCancellation cancellation) {
        ReentrantLock lock = hookLocks.computeIfAbsent(table, t -> new ReentrantLock());
        lock.lock();
        try {
            return runner.run(hook, env, locator.directory(), cancellation);
        } finally {
            lock.unlock();
        }
    }

    private SaveResult failure(Attempt a, RuntimeException e) {
        if (a.hookSucceeded) {
            LOG.error("commit failed after {} succeeded for {} {}", a.request.table().hookName(), a.request.table(), a.number, e);
            return a.result(SaveOutcome.COMMIT_FAILED_AFTER_HOOK, a.request.table().hookName()
                    + " succeeded but the database did not commit (" + Failures.rootMessage(e) + "). The provisioned system may now be "
                    + "ahead of the database: check it before trying again.", null);
        }
        Optional<Map.Entry<String, String>> constraint = ConstraintMessages.describe(a.request.table(), e);
        if (constraint.isPresent()) {
            a.number = a.request.number();
            a.row = null;
            String column = constraint.get().getKey();
            return a.result(SaveOutcome.INVALID, column + ": " + constraint.get().getValue(),
                    Map.of(column, constraint.get().getValue()));
        }
        LOG.warn("save of {} {} failed in the database", a.request.table(), a.request.number(), e);
        a.number = a.request.number();
        a.row = null;
        return a.result(SaveOutcome.DATABASE_ERROR, "The database refused the change: " + Failures.rootMessage(e), null);
    }

    private static Map<String, Object> parse(TableMeta meta, SaveRequest request) {
        Map<String, Object> values = new LinkedHashMap<>();
        Map<String, String> errors = new LinkedHashMap<>();
        request.changes().forEach((column, text) -> {
            Optional<ColumnMeta> c = meta.column(column);
            if (c.isEmpty()) {
                errors.put(column, meta.table() + " has no column '" + column + "'");
            } else if (!c.get().writable()) {
                errors.put(column, c.get().notWritableReason());
            } else {
                try {
                    values.put(column, ValueParser.parse(c.get(), text));
                } catch (InvalidValueException e) {
                    errors.put(column, e.getMessage().substring(column.length() + 2));
                }
            }
        });
        if (request.operation() == Operation.CREATE) {
            meta.columns().stream().filter(ColumnMeta::required)
                    .filter(c -> !values.containsKey(c.name()) && !errors.containsKey(c.name()))
                    .forEach(c -> errors.put(c.name(), "a value is required"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        return values;
    }

    private void recordAttempt(SaveRequest request, SaveResult r) {
        try {
            audit.record(AuditRows.of(request, r));
        } catch (RuntimeException e) {
            // The save itself is decided; losing its audit row must not turn a commit into an error.
            LOG.error("could not record the {} attempt on {} {} in hookdesk.hook_run", r.outcome(), r.table(), r.number(), e);
        }
    }

    /** What is known about a save as it goes; becomes its {@link SaveResult}. */
    private final class Attempt {
        final SaveRequest request;
        final Instant started;
        final long t0;
        Operation operation;
        Integer number;
        Row row;
        Long version;
        SortedMap<String, String> environment;
        HookStatus status;
        FireDecision decision;
        HookOutcome hook;
        boolean hookSucceeded;

        Attempt(SaveRequest request, Instant started, long t0) {
            this.request = request;
            this.started = started;
            this.t0 = t0;
            this.number = request.number();
            this.operation = request.operation();
        }

        SaveResult result(SaveOutcome outcome, String message, Map<String, String> errors) {
            return new SaveResult(outcome, request.table(), operation,
                    outcome == SaveOutcome.COMMITTED || outcome == SaveOutcome.PREVIEWED
                            || outcome == SaveOutcome.COMMIT_FAILED_AFTER_HOOK || outcome == SaveOutcome.CONFLICT
                            ? number : request.number(),
                    row, version, environment, status, decision, hook, message, errors, started,
                    Duration.ofNanos(System.nanoTime() - t0));
        }
    }

    /** Ends the transaction with a rollback and carries the result out of it. */
    private static final class Stop extends RuntimeException {
        final SaveResult result;

        Stop(SaveResult result) {
            super(result.message(), null, false, false);
            this.result = result;
        }
    }

    private static final class InvalidInput extends RuntimeException {
        final Map<String, String> errors;

        InvalidInput(Map<String, String> errors) {
            super(errors.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue())
                    .reduce((x, y) -> x + "; " + y).orElse("invalid input"));
            this.errors = errors;
        }
    }
}
