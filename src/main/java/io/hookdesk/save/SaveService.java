package io.hookdesk.save;

import io.hookdesk.db.schema.SchemaFindings;
import io.hookdesk.db.store.AuditStore;
import io.hookdesk.db.store.RecordStore;
import io.hookdesk.db.store.VersionedRow;
import io.hookdesk.hook.HookEnvironment;
import io.hookdesk.hook.HookInput;
import io.hookdesk.hook.run.HookHost;
import io.hookdesk.hook.run.HookLocator;
import io.hookdesk.hook.run.HookRunner;
import io.hookdesk.hook.run.LocalHookHost;
import io.hookdesk.hook.run.PendingCommit;
import io.hookdesk.model.Failures;
import io.hookdesk.model.FireDecision;
import io.hookdesk.model.HookCancellation;
import io.hookdesk.model.HookOutcome;
import io.hookdesk.model.HookRun;
import io.hookdesk.model.HookStatus;
import io.hookdesk.model.HookedTable;
import io.hookdesk.model.Operation;
import io.hookdesk.model.Origin;
import io.hookdesk.model.Row;
import io.hookdesk.model.TableMeta;
import io.hookdesk.model.TableUnavailableException;
import io.hookdesk.model.ValueSettings;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.function.BiFunction;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * The one save path, for the desktop and the command line alike: lock, check version, write, read back,
 * build the environment, run the hook while the transaction is open, commit on exit 0 or roll back, and record
 * the attempt. A hook never runs against data that is then not saved unless the commit itself fails, and that
 * case is reported as such.
 */
public final class SaveService {

    /** How a save's message starts when the database could not be reached at all (see {@link Failures#unreachable}). */
    public static final String UNREACHABLE = "Not saved: the database cannot be reached";

    private static final Logger LOG = LoggerFactory.getLogger(SaveService.class);

    private final DSLContext dsl;
    private final RecordStore store;
    /** Where hooks run: which there are, and running one ({@code hook.runner}). */
    private final HookHost hooks;
    private final AuditStore audit;
    private final FailureLog failureLog;
    private final Clock clock;
    private final Map<String, String> clientEnv;
    /** Who the hook is told saved ({@code HOOK_CSR}): the database login, or the OS user on the embedded database. */
    private final String identity;
    /** Runs of one hook are serialised, as BillMax's runhook does by default; different hooks run in parallel. */
    private final HookTurns turns;
    /** The operator's word on values: columns that are not provisioning data ({@code hook.ignore-columns}). */
    private final ValueSettings values;
    /** Parses and checks a request's values before anything is written. */
    private final RequestValues requestValues;

    public SaveService(DSLContext dsl, RecordStore store, HookLocator locator, HookRunner runner, AuditStore audit,
                       FailureLog failureLog, Clock clock, Map<String, String> clientEnv, String identity,
                       HookSerialization serialization) {
        this(dsl, store, locator, runner, audit, failureLog, clock, clientEnv, identity, serialization, ValueSettings.DEFAULT);
    }

    public SaveService(DSLContext dsl, RecordStore store, HookLocator locator, HookRunner runner, AuditStore audit,
                       FailureLog failureLog, Clock clock, Map<String, String> clientEnv, String identity,
                       HookSerialization serialization, ValueSettings values) {
        this(dsl, store, new LocalHookHost(locator, runner), audit, failureLog, clock, clientEnv, identity, serialization,
                values);
    }

    /** Hooks run on {@code hooks}: this workstation, a hook account, or the billing server ({@code hook.runner}). */
    public SaveService(DSLContext dsl, RecordStore store, HookHost hooks, AuditStore audit,
                       FailureLog failureLog, Clock clock, Map<String, String> clientEnv, String identity,
                       HookSerialization serialization, ValueSettings values) {
        this.values = values;
        this.dsl = dsl;
        this.store = store;
        this.hooks = hooks;
        this.audit = audit;
        this.failureLog = failureLog;
        this.clock = clock;
        this.clientEnv = Map.copyOf(clientEnv);
        this.identity = identity;
        this.turns = new HookTurns(serialization);
        this.requestValues = new RequestValues(dsl, store);
    }

    /**
     * Who saves through this service, as hooks see it in {@code HOOK_CSR}: the database login on an external server,
     * the operating system's user on the embedded database. The label a person types is recorded beside it, apart.
     */
    public String identity() {
        return identity;
    }

    /** The operator's settings on values (time zone, columns that are not provisioning data, state labels). */
    public ValueSettings valueSettings() {
        return values;
    }

    /** Where hooks run, as the audit, the env panel and {@code hooks list} say it ({@code local}, {@code account:NAME}). */
    public HookHost hooks() {
        return hooks;
    }

    /** Where hooks run, for people: the hooks directory, and the account or host when not this workstation. */
    public String hooksPlace() {
        return hooks.where().equals(LocalHookHost.WHERE) ? hooks.directory() : hooks.directory() + " (" + hooks.where() + ")";
    }

    /** What the hook host holds for {@code table}: will its hook run, where, and why not. */
    public HookStatus hookStatus(HookedTable table) {
        return hooks.locate(table);
    }

    /** Why no hook can run at all (the hooks directory, the runner or its host), or null. */
    public String hookHostProblem() {
        return hooks.hostProblem();
    }

    public Map<String, String> clientEnv() {
        return clientEnv;
    }

    /**
     * What the database says of a transaction a save named before its commit ({@link PendingCommit}): committed,
     * aborted, in progress, or null when it no longer knows. For the start after a HookDesk that was killed between a
     * hook's exit 0 and the commit.
     */
    public String transactionStatus(String transaction) {
        Object status = dsl.fetchValue("SELECT txid_status(?::bigint)", Long.parseLong(transaction));
        return status == null ? null : status.toString();
    }

    public SaveResult save(SaveRequest request) {
        return save(request, HookCancellation.none());
    }

    /** Saves, running the hook if there is one and the fire policy says so. Never throws for a failed save. */
    public SaveResult save(SaveRequest request, HookCancellation cancellation) {
        SaveResult executed = execute(request, cancellation);
        // A committed save's row committed with it; every other attempt is recorded now, apart, so no rollback erases it
        // (not when the database cannot be reached: the row could not be written, and trying would wait out the pool;
        // but a hook that provisioned what did not commit is worth that wait: after a failover the pool's new
        // connection reaches the promoted standby, and the row is there for whoever settles it).
        boolean worthTheWait = !executed.databaseUnreachable() || executed.outcome() == SaveOutcome.COMMIT_FAILED_AFTER_HOOK;
        SaveResult result;
        if (executed.committed()) {
            result = executed;
        } else if (worthTheWait) {
            result = recordAttempt(request, executed);
        } else {
            result = executed.withAuditProblem("This attempt could not be recorded in hookdesk.hook_run: the database cannot be reached.");
        }
        if (!request.interactive() && !result.committed()) {
            failureLog.record(request, result);
        }
        return result;
    }

    /** What a preview says when the table has no trigger of the ISP's that could change the row as it is written. */
    public static final String PREVIEWED = "preview only: nothing was written";

    /**
     * The environment the hook would receive for this change, which hook would run or why none would, built from a
     * read of the row (a create: the columns' defaults) and the typed values as the server will store them (its own
     * cast says how it prints an address, a date, a numeric's scale), through the same pure function the save uses.
     * Writes nothing: no UPDATE, no trigger fired, no sequence number drawn, no UPDATE right needed. Runs no hook and
     * records nothing. Where the ISP's BEFORE triggers would change the row as it is written, the message names
     * them: what they do cannot be previewed.
     */
    public SaveResult preview(SaveRequest request) {
        return preview(request, null, UnaryOperator.identity());
    }

    /**
     * The preview of one record of a cascade from {@code cascadeFrom}: its related records as {@code relatedAsThen} makes
     * them (a parent the cascade changes before this record, with its new state), so the environment is the one the
     * hook will get when its turn comes.
     */
    SaveResult preview(SaveRequest request, String cascadeFrom, UnaryOperator<Map<String, Row>> relatedAsThen) {
        Attempt a = new Attempt(request, clock.instant(), System.nanoTime());
        HookedTable table = request.table();
        Map<String, Object> typed;
        try {
            typed = valuesOf(a);
        } catch (Stop invalid) {
            return invalid.result;
        }
        a.status = hooks.locate(table);
        try {
            Map<String, Object> stored = new LinkedHashMap<>(typed);
            store.serverCheck(dsl, table, typed).forEach((column, v) -> stored.put(column, v.value()));
            Row oldRow = null;
            Row newRow;
            if (request.operation() == Operation.UPDATE) {
                Optional<VersionedRow> found = store.find(dsl, table, request.number());
                if (found.isEmpty()) {
                    return a.result(SaveOutcome.NOT_FOUND, "There is no " + table + " " + request.number() + ".", null);
                }
                oldRow = found.get().row();
                a.version = found.get().version();
                newRow = oldRow.with(stored);
            } else {
                newRow = store.defaults(dsl, table).with(stored);
            }
            a.row = newRow;
            a.preview(HookPreview.of(new HookInput(table, request.operation(), oldRow, newRow,
                    relatedAsThen.apply(store.related(dsl, table, newRow)), identity, request.interactive(), clientEnv,
                    cascadeFrom), request.origin(), request.changes().keySet(), values));
            List<String> triggers = store.beforeTriggers(dsl, table, request.operation() == Operation.CREATE);
            return a.result(SaveOutcome.PREVIEWED, triggers.isEmpty() ? PREVIEWED : PREVIEWED + "; " + table
                    + " has the trigger" + (triggers.size() == 1 ? " " : "s ") + String.join(", ", triggers)
                    + ", which runs when the change is saved and may change values this preview cannot show", null);
        } catch (RuntimeException e) {
            return failure(a, e);
        }
    }

    /**
     * "Run hook again": runs the table's hook for a saved record as it is now ({@code NEW=0}, {@code OLD_*} equal to
     * {@code NEW_*}, {@code HOOK_REPROVISION=1}) while the row is locked ({@code SELECT ... FOR UPDATE}), so an
     * operator can bring RADIUS or mail back in line with the database after a failure or drift. The fire policy is
     * not asked (a person asked for the run); a missing or refused hook is reported and nothing runs. Changes nothing
     * in the record; recorded in hookdesk.hook_run (operation {@code rerun}) like any run. Who may reprovision
     * (supervisors) is the caller's check.
     */
    public SaveResult reprovision(HookedTable table, long number, Origin origin, String csr, HookCancellation cancellation) {
        SaveRequest request = SaveRequest.update(table, number, Map.of(), null, origin, csr);
        Attempt a = new Attempt(request, clock.instant(), System.nanoTime());
        a.operation = Operation.REPROVISION;
        if (store.tables().available(table)) {
            try {
                RequestValues.keyInRange(store.tables().meta(table), number);
            } catch (RequestValues.InvalidInput e) {
                return a.result(SaveOutcome.INVALID, e.getMessage(), e.errors);
            }
        }
        SaveResult result = inTransaction(() -> {
            Attempt fresh = new Attempt(request, a.started, a.t0);
            fresh.operation = Operation.REPROVISION;
            return fresh;
        }, cancellation, (tx, r) -> runAgain(tx, r, number, cancellation));
        // Nothing is committed by a run again, so its record is written apart, whatever the outcome.
        result = recordAttempt(request, result);
        if (!request.interactive() && !result.committed()) {
            failureLog.record(request, result);
        }
        return result;
    }

    /** A run again inside its transaction {@code tx}: lock the row, build the environment, run the hook. */
    private SaveResult runAgain(DSLContext tx, Attempt a, long number, HookCancellation cancellation) {
        HookedTable table = a.request.table();
        VersionedRow locked = store.lock(tx, table, number).orElseThrow(() -> new Stop(
                a.result(SaveOutcome.NOT_FOUND, notFound(table, number), null)));
        a.row = locked.row();
        a.version = locked.version();
        a.environment = HookEnvironment.build(new HookInput(table, Operation.REPROVISION, null, a.row,
                store.related(tx, table, a.row), identity, a.request.interactive(), clientEnv));
        if (!a.status.ready()) {
            throw new Stop(a.result(SaveOutcome.HOOK_REFUSED, "Not run: " + a.status.message(), null));
        }
        a.hook = runHook(tx, a, cancellation);
        if (!a.hook.succeeded()) {
            SaveOutcome outcome = a.hook.kind() == HookOutcome.Kind.CANCELLED ? SaveOutcome.CANCELLED : SaveOutcome.HOOK_FAILED;
            throw new Stop(a.result(outcome, table.hookName() + " " + a.hook.reason() + " when run again; "
                    + table + " " + number + " itself is unchanged.", null));
        }
        a.hookSucceeded = true;
        return a.result(SaveOutcome.COMMITTED, table.hookName() + " ran again for " + table + " " + number
                + " and succeeded.", null);
    }

    /**
     * The problems {@link #save} would find in the request's values without writing anything (unknown or
     * database-assigned columns, values that do not parse, required columns missing on create, values the server's
     * own type or domain refuses): column to problem, empty if none. Lets a caller turn bad input away before
     * anything is written or recorded.
     */
    public Map<String, String> check(SaveRequest request) {
        return requestValues.check(request);
    }

    /** The request's values as the columns take them, or a {@link Stop} carrying the refusal that names each field. */
    private Map<String, Object> valuesOf(Attempt a) {
        try {
            return requestValues.parse(a.request);
        } catch (RequestValues.InvalidInput e) {
            throw new Stop(a.result(SaveOutcome.INVALID, e.getMessage(), e.errors));
        } catch (TableUnavailableException e) {
            throw new Stop(a.result(SaveOutcome.INVALID, e.getMessage(), Map.of("table", e.getMessage())));
        }
    }

    private SaveResult execute(SaveRequest request, HookCancellation cancellation) {
        Instant started = clock.instant();
        long t0 = System.nanoTime();
        Map<String, Object> values;
        try {
            values = valuesOf(new Attempt(request, started, t0));
        } catch (Stop invalid) {
            return invalid.result;
        }
        return inTransaction(() -> new Attempt(request, started, t0), cancellation,
                (tx, a) -> writeAndRun(tx, a, values, cancellation));
    }

    /**
     * Runs {@code body} in a transaction of its own with a fresh {@link Attempt}, and turns however it ended into the
     * result: committed, stopped ({@link Stop}), or broken. When the hook's turn is another's ({@link HookTurns.Busy})
     * the transaction rolls back, which gives its connection back, the save waits outside any transaction and starts
     * again from the beginning: the row is read again and the version and conflict checks apply to it as it is then.
     */
    private SaveResult inTransaction(Supplier<Attempt> attempts, HookCancellation cancellation,
                                     BiFunction<DSLContext, Attempt, SaveResult> body) {
        while (true) {
            Attempt a = attempts.get();
            a.status = hooks.locate(a.request.table());
            try {
                return dsl.transactionResult(cfg -> body.apply(DSL.using(cfg), a));
            } catch (HookTurns.Busy busy) {
                if (!turns.await(dsl, busy, cancellation)) {
                    a.number = a.request.number();
                    a.row = null;
                    a.hook = null;
                    return a.result(SaveOutcome.CANCELLED, "Cancelled while " + busy.waitingFor() + "; nothing was "
                            + (a.operation == Operation.REPROVISION ? "run." : "saved and no hook ran."), null);
                }
            } catch (RuntimeException e) {
                return endedBy(a, e);
            } finally {
                a.commitOver();
            }
        }
    }

    /**
     * Everything a save does inside its transaction {@code tx}: lock, version check and write, read back, build the
     * environment, decide, record the run and run the hook. Returns the committed result, or throws {@link Stop} (or
     * whatever broke) for the transaction to roll back. A cascade runs it once per record in its one transaction.
     */
    private SaveResult writeAndRun(DSLContext tx, Attempt a, Map<String, Object> values, HookCancellation cancellation) {
        SaveRequest request = a.request;
        HookedTable table = request.table();
        Row oldRow = null;
        VersionedRow saved;
        if (request.operation() == Operation.UPDATE) {
            // Lock, version check, write and the old row in one statement (one round trip under the lock).
            Optional<RecordStore.Written> written = store.lockAndUpdate(tx, table, request.number(), values,
                    request.expectedVersion());
            boolean rls = store.tables().rowSecurity(table).active();
            if (written.isEmpty() && rls && store.find(tx, table, request.number()).isPresent()) {
                // The lock (FOR UPDATE) passes only rows an UPDATE policy lets through: a row this login reads
                // but may not update is not there for it. Said as what it is, not "not found".
                throw new Stop(a.result(SaveOutcome.INVALID, seenNotUpdatable(tx, table, request.number()), null));
            }
            if (written.isEmpty()) {
                throw new Stop(a.result(SaveOutcome.NOT_FOUND, notFound(table, request.number()), null));
            }
            oldRow = written.get().old().row();
            if (written.get().conflict() && rls
                    && (request.expectedVersion() == null
                        || request.expectedVersion().equals(written.get().old().version()))) {
                // The row was read at the version expected and still not updated: not a conflict, a policy
                // that lets this login see the row but not change it (PostgreSQL's UPDATE 0).
                throw new Stop(a.result(SaveOutcome.INVALID, seenNotUpdatable(tx, table, request.number()), null));
            }
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
        a.preview(HookPreview.of(new HookInput(table, request.operation(), oldRow, saved.row(), related, identity,
                request.interactive(), clientEnv, a.cascadeFrom), request.origin(), request.changes().keySet(), this.values));

        Optional<String> oversized = HookEnvironment.oversized(a.environment);
        if (oversized.isPresent() && a.decision.fire() && a.status.ready()) {
            // A value already stored (an OLD_ or related one) that no hook can be given: refused before the hook.
            String variable = oversized.get();
            throw new Stop(a.result(SaveOutcome.INVALID, variable + ": " + RequestValues.tooLongForAHook(
                    HookEnvironment.variableBytes(variable, a.environment.get(variable))), Map.of(variable,
                    RequestValues.tooLongForAHook(HookEnvironment.variableBytes(variable, a.environment.get(variable))))));
        }
        if (a.status.state() == HookStatus.State.DIRECTORY_UNUSABLE && request.origin().isPerson()) {
            // Fails closed: a mistyped or unmounted hooks directory must not turn provisioning off unnoticed.
            throw new Stop(a.result(SaveOutcome.HOOK_REFUSED, a.status.message(), null));
        }
        if (!a.decision.fire() || a.status.absent()) {
            SaveResult done = a.result(SaveOutcome.COMMITTED, a.decision.fire()
                    ? "Saved; no " + table.hookName() + " is installed." : "Saved; hook not run: " + a.decision.describe() + ".", null);
            auditInTransaction(() -> audit.begin(tx, AuditRows.of(request, done).inCascade(a.cascadeId)));
            return done;
        }
        if (a.status.refused()) {
            throw new Stop(a.result(SaveOutcome.HOOK_REFUSED, "Not saved: " + a.status.message(), null));
        }
        // The row goes in before the hook starts: if it cannot be written, neither the change nor the hook happens.
        long run = auditInTransaction(() -> audit.begin(tx, AuditRows.running(request,
                a.result(SaveOutcome.COMMITTED, "running " + table.hookName(), null)).inCascade(a.cascadeId)));
        a.hook = runHook(tx, a, cancellation);
        if (!a.hook.succeeded()) {
            SaveOutcome outcome = a.hook.kind() == HookOutcome.Kind.CANCELLED ? SaveOutcome.CANCELLED : SaveOutcome.HOOK_FAILED;
            throw new Stop(a.result(outcome, table.hookName() + " " + a.hook.reason()
                    + "; the change was rolled back.", null));
        }
        a.hookSucceeded = true;
        SaveResult done = a.result(SaveOutcome.COMMITTED, "Saved; " + table.hookName() + " succeeded.", null);
        audit.finish(tx, run, AuditRows.of(request, done));
        return done;
    }

    /** One record's part of a cascade: its result, and what to call once the cascade's transaction has ended. */
    record Step(SaveResult result, Runnable ended) {
    }

    /**
     * Saves one record of a cascade in the cascade's transaction {@code tx}, exactly as {@link #save} would (its hook told
     * {@code HOOK_CASCADE_FROM=cascadeFrom}, its audit row named {@code cascadeId}), but leaves the commit or rollback to
     * the cascade: a result that is not committed means the cascade must end. Never throws for a failed record.
     */
    Step inCascade(DSLContext tx, SaveRequest request, String cascadeFrom, String cascadeId, HookCancellation cancellation) {
        Attempt a = new Attempt(request, clock.instant(), System.nanoTime());
        a.cascadeFrom = cascadeFrom;
        a.cascadeId = cascadeId;
        try {
            Map<String, Object> typed = valuesOf(a);
            a.status = hooks.locate(request.table());
            return new Step(writeAndRun(tx, a, typed, cancellation), a::commitOver);
        } catch (RuntimeException e) {
            return new Step(endedBy(a, e), a::commitOver);
        }
    }

    /**
     * The result of an attempt whose transaction ended by {@code e}: the result a {@link Stop} carries, a save whose
     * audit row could not be written, or whatever else broke (the database, the connection, a bug), saying what is
     * known. The single save, a run again and each record of a cascade end here alike.
     */
    private SaveResult endedBy(Attempt a, RuntimeException e) {
        if (e instanceof Stop stop) {
            return stop.result;
        }
        if (e instanceof AuditUnwritable) {
            a.number = a.request.number();
            a.row = null;
            if (a.cascadeId != null) {
                // The cascade says for itself that nothing was changed and which hooks it undid.
                return a.result(SaveOutcome.DATABASE_ERROR, "the audit row could not be written to hookdesk.hook_run ("
                        + Failures.rootMessage(e.getCause()) + ")", null);
            }
            SaveResult r = a.result(SaveOutcome.DATABASE_ERROR, "Not saved: the audit row for this change could not be written to "
                    + "hookdesk.hook_run (" + Failures.rootMessage(e.getCause()) + "), so nothing was changed and no hook ran.", null);
            return Failures.unreachable(e) ? r.unreachable() : r;
        }
        return failure(a, e);
    }

    /**
     * Runs the hook that produced {@code ran} again with the change reversed ({@link HookEnvironment#compensation}), while
     * the cascade's transaction {@code tx} is still open: the database has not rolled back yet, and this transaction
     * already holds the hook's turn across workstations from the run being undone. Not cancellable: it is what a
     * Cancel asked for.
     */
    Compensation compensate(SaveResult ran) {
        HookedTable table = ran.table();
        SortedMap<String, String> env = HookEnvironment.compensation(ran.environment());
        Instant started = clock.instant();
        try (HookTurns.Turn turn = turns.again(table)) {
            HookStatus now = hooks.locate(table);
            if (!now.ready()) {
                return new Compensation(ran, env, now, null, started, now.message());
            }
            HookOutcome outcome = hooks.run(table, now, env, HookCancellation.none(), null);
            return new Compensation(ran, env, now, outcome, started, outcome.reason());
        }
    }

    /** Records, each in a transaction of its own, what a cascade that did not commit leaves: nothing else will. */
    List<String> recordApart(List<HookRun> rows) {
        List<String> problems = new ArrayList<>();
        for (HookRun row : rows) {
            try {
                audit.record(row);
            } catch (RuntimeException e) {
                LOG.error("could not record the {} run on {} {} of cascade {} in hookdesk.hook_run", row.outcome(),
                        row.table(), row.number(), row.cascadeId(), e);
                problems.add(Failures.rootMessage(e));
            }
        }
        return problems;
    }

    RecordStore store() {
        return store;
    }

    DSLContext dsl() {
        return dsl;
    }

    FailureLog failureLog() {
        return failureLog;
    }

    private HookOutcome runHook(DSLContext tx, Attempt a, HookCancellation cancellation) {
        HookedTable table = a.request.table();
        // A cascade cannot start again once one of its hooks has run: it waits for the turn in its transaction.
        try (HookTurns.Turn turn = a.cascadeId != null ? turns.takeWaiting(tx, table, cancellation) : turns.take(tx, table)) {
            // Checked again now, after the row and hook locks, right before the start: a hook or directory swapped or
            // loosened since the first check is caught here (by a runner as it starts the hook: HookHost.beforeStart).
            HookStatus now = hooks.beforeStart(table, a.status);
            if (!now.ready()) {
                a.status = now;
                throw new Stop(a.result(SaveOutcome.HOOK_REFUSED, "Not saved: " + now.message(), null));
            }
            // Names the transaction in the run's marker, so that a HookDesk killed between the hook's exit 0 and the
            // commit leaves the next start able to say whether the change committed (transactionStatus).
            a.pending = new PendingCommit(() -> String.valueOf(tx.fetchValue("SELECT txid_current()")));
            return hooks.run(table, now, a.environment, cancellation, a.pending);
        }
    }

    private SaveResult failure(Attempt a, RuntimeException e) {
        SaveResult result = failureResult(a, e);
        return Failures.unreachable(e) ? result.unreachable() : result;
    }

    private SaveResult failureResult(Attempt a, RuntimeException e) {
        if (e instanceof TableUnavailableException unavailable) {
            // A number several rows share (a key of number and date): refused as bad input, nothing written.
            a.number = a.request.number();
            a.row = null;
            return a.result(SaveOutcome.INVALID, unavailable.getMessage(), Map.of("number", unavailable.getMessage()));
        }
        if (a.hookSucceeded) {
            LOG.error("commit failed after {} succeeded for {} {}", a.request.table().hookName(), a.request.table(), a.number, e);
            return a.result(SaveOutcome.COMMIT_FAILED_AFTER_HOOK, a.request.table().hookName()
                    + " succeeded but the database did not commit (" + Failures.rootMessage(e) + "). The provisioned system may now be "
                    + "ahead of the database: check it before trying again.", null);
        }
        if (Failures.rootMessage(e).contains("violates row-level security policy")) {
            a.number = a.request.number();
            a.row = null;
            HookedTable t = a.request.table();
            // Named as the CSR knows it: the record they saved, or the new one they were adding.
            String record = a.request.operation() == Operation.UPDATE ? t + " " + a.request.number() : "this new " + t;
            return a.result(SaveOutcome.INVALID, "Your login may not write " + record + ": the row would break row-level "
                    + "security on " + t + " (" + policies(dsl, t) + "). Nothing was changed.", null);
        }
        if (Failures.unreachable(e)) {
            // Not a refusal: nothing answered. The desktop keeps the edits and says to save again later.
            LOG.warn("save of {} {}: the database cannot be reached", a.request.table(), a.request.number(), e);
            a.number = a.request.number();
            a.row = null;
            return a.result(SaveOutcome.DATABASE_ERROR, UNREACHABLE + " (" + Failures.rootMessage(e) + "). Nothing was saved"
                    + (a.hook == null ? " and no hook ran." : "."), null);
        }
        Optional<ConstraintMessages.Refusal> refusal = ConstraintMessages.describe(dsl, meta(a.request.table()), a.request, e);
        if (refusal.isPresent()) {
            // The database refused the values (a rule, a trigger of the ISP's, a column the login may not write):
            // bad input, nothing written; not a failure of HookDesk's, so nothing for the log.
            a.number = a.request.number();
            a.row = null;
            return a.result(SaveOutcome.INVALID, refusal.get().message(), Map.of(refusal.get().column(), refusal.get().problem()));
        }
        LOG.warn("save of {} {} failed in the database", a.request.table(), a.request.number(), e);
        a.number = a.request.number();
        a.row = null;
        return a.result(SaveOutcome.DATABASE_ERROR, "The database refused the change: "
                + Masking.databaseError(a.request.table(), Failures.rootMessage(e), a.request.changes()), null);
    }

    private TableMeta meta(HookedTable table) {
        try {
            return store.tables().meta(table);
        } catch (TableUnavailableException e) {
            return null;
        }
    }

    /** "There is no queue 2.", or where row-level security applies to this login, that it may only be hidden. */
    private String notFound(HookedTable table, long number) {
        return store.tables().available(table) && store.tables().rowSecurity(table).active()
                ? table + " " + number + " is not found or not visible to your login (row-level security on " + table + ")."
                : "There is no " + table + " " + number + ".";
    }

    /** A row row-level security lets this login see but not update, said naming the record and the policies. */
    private String seenNotUpdatable(DSLContext tx, HookedTable table, long number) {
        return "Your login may not change " + table + " " + number + ": row-level security on " + table
                + " lets it see the row but not update it (" + policies(tx, table) + "). Nothing was changed.";
    }

    /** The row-level security policies on {@code table}, named for a refusal ("policy queue_team_only (ALL)"). */
    private String policies(DSLContext ctx, HookedTable table) {
        try {
            List<String> names = SchemaFindings.policies(ctx, store.tables(), table);
            return names.isEmpty() ? "no policy lets it" : (names.size() == 1 ? "policy " : "policies ") + String.join(", ", names);
        } catch (RuntimeException e) {
            return "its policies could not be read: " + Failures.rootMessage(e);
        }
    }

    /**
     * Records an attempt that did not commit in a transaction of its own. Nothing was changed, so a failure here
     * does not change the outcome; it is carried on the result for the person to see.
     */
    private SaveResult recordAttempt(SaveRequest request, SaveResult r) {
        try {
            audit.record(AuditRows.of(request, r));
            return r;
        } catch (RuntimeException e) {
            LOG.error("could not record the {} attempt on {} {} in hookdesk.hook_run", r.outcome(), r.table(), r.number(), e);
            SaveResult unrecorded = r.withAuditProblem("This attempt could not be recorded in hookdesk.hook_run: "
                    + Failures.rootMessage(e) + ". Tell your administrator.");
            return Failures.unreachable(e) ? unrecorded.unreachable() : unrecorded;
        }
    }

    /** Writes an audit row in the save's transaction; a failure to do so ends the save as {@link AuditUnwritable}. */
    private static long auditInTransaction(LongSupplier write) {
        try {
            return write.getAsLong();
        } catch (RuntimeException e) {
            throw new AuditUnwritable(e);
        }
    }

    /** What is known about a save as it goes; becomes its {@link SaveResult}. */
    private final class Attempt {
        final SaveRequest request;
        final Instant started;
        final long t0;
        Operation operation;
        Long number;
        Row row;
        Long version;
        SortedMap<String, String> environment;
        HookStatus status;
        FireDecision decision;
        HookOutcome hook;
        boolean hookSucceeded;
        /** The hook's outcome on record until the commit is over; closed once it is. */
        PendingCommit pending;
        /** In a cascade: the record the CSR changed ({@code account:1042}) and the cascade's id; else null. */
        String cascadeFrom;
        String cascadeId;

        Attempt(SaveRequest request, Instant started, long t0) {
            this.request = request;
            this.started = started;
            this.t0 = t0;
            this.number = request.number();
            this.operation = request.operation();
        }

        /** What the hook gets and whether it runs, as the one preview function says. */
        void preview(HookPreview preview) {
            environment = preview.environment();
            decision = preview.decision();
        }

        /** The transaction has committed or is gone, and this process says which: the hook's marker may go. */
        void commitOver() {
            if (pending != null) {
                pending.close();
            }
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

    /** The audit row could not be written in the save's transaction: the transaction rolls back. */
    private static final class AuditUnwritable extends RuntimeException {
        AuditUnwritable(RuntimeException cause) {
            super(cause.getMessage(), cause);
        }
    }


}
