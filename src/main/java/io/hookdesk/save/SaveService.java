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
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.concurrent.atomic.AtomicReference;
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
    /** How a save whose COMMIT went unanswered, with no hook run, begins its message: saved or not, nobody knows. */
    public static final String COMMIT_UNANSWERED = "The connection to the database broke as the change was being committed";

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
        return recorded(request, execute(request, cancellation));
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
        Attempt a = Attempt.of(request, request.operation(), clock.instant(), System.nanoTime());
        Parsed parsed = valuesOf(a);
        if (parsed.refusal() != null) {
            return parsed.refusal();
        }
        HookedTable table = request.table();
        a = a.located(hooks.locate(table));
        try {
            Map<String, Object> stored = new LinkedHashMap<>(parsed.values());
            store.serverCheck(dsl, table, parsed.values()).forEach((column, v) -> stored.put(column, v.value()));
            Row oldRow = null;
            Row newRow;
            if (request.operation() == Operation.UPDATE) {
                Optional<VersionedRow> found = store.find(dsl, table, request.number());
                if (found.isEmpty()) {
                    return a.result(SaveOutcome.NOT_FOUND, "There is no " + table + " " + request.number() + ".", null);
                }
                oldRow = found.get().row();
                newRow = oldRow.with(stored);
                a = a.at(newRow, found.get().version());
            } else {
                newRow = store.defaults(dsl, table).with(stored);
                a = a.at(newRow, null);
            }
            a = a.previewed(HookPreview.of(new HookInput(table, request.operation(), oldRow, newRow,
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
     * in the record; recorded in hookdesk.hook_run (operation {@code rerun}) like a save: a run that succeeded has its
     * row committed with it, any other is recorded apart ({@link #recorded}). Who may reprovision (supervisors) is the
     * caller's check.
     */
    public SaveResult reprovision(HookedTable table, long number, Origin origin, String csr, HookCancellation cancellation) {
        SaveRequest request = SaveRequest.update(table, number, Map.of(), null, origin, csr);
        Attempt a = Attempt.of(request, Operation.REPROVISION, clock.instant(), System.nanoTime());
        if (store.tables().available(table)) {
            try {
                RequestValues.keyInRange(store.tables().meta(table), number);
            } catch (RequestValues.InvalidInput e) {
                return a.result(SaveOutcome.INVALID, e.getMessage(), e.errors);
            }
        }
        return recorded(request, inTransaction(a, cancellation, (tx, a0, status) -> runAgain(tx, a0, status, cancellation)));
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

    private SaveResult execute(SaveRequest request, HookCancellation cancellation) {
        Attempt a = Attempt.of(request, request.operation(), clock.instant(), System.nanoTime());
        Parsed parsed = valuesOf(a);
        if (parsed.refusal() != null) {
            return parsed.refusal();
        }
        return inTransaction(a, cancellation, (tx, a0, status) -> writeAndRun(tx, a0, status, parsed.values(), cancellation));
    }

    /** A request's values as the columns take them, or the refusal that names each wrong field. */
    private record Parsed(Map<String, Object> values, SaveResult refusal) {
    }

    private Parsed valuesOf(Attempt a) {
        try {
            return new Parsed(requestValues.parse(a.request()), null);
        } catch (RequestValues.InvalidInput e) {
            return new Parsed(null, a.result(SaveOutcome.INVALID, e.getMessage(), e.errors));
        } catch (TableUnavailableException e) {
            return new Parsed(null, a.result(SaveOutcome.INVALID, e.getMessage(), Map.of("table", e.getMessage())));
        }
    }

    /**
     * How the body of a save's transaction ended. Only {@link #inTransaction} acts on it: it commits a {@link Commit}
     * and rolls back anything else.
     */
    private sealed interface Ending {
        /** What was known when it ended. */
        Attempt attempt();

        /** Everything went through: commit; {@code result} stands unless the commit itself fails. */
        record Commit(Attempt attempt, SaveResult result) implements Ending {
        }

        /** Stopped (refused, a conflict, a failed hook, a failure): roll back, and {@code result} says why. */
        record RollBack(Attempt attempt, SaveResult result) implements Ending {
        }

        /** The hook's turn is another's: roll back, which gives the connection back, wait outside, start again. */
        record AwaitTurn(Attempt attempt, HookTurns.Busy busy) implements Ending {
        }
    }

    /**
     * What runs in a save's transaction: from {@code start}, with the hook host's word on the table's hook in
     * {@code status} (asked as the transaction began, taken by the body once its row is written).
     */
    @FunctionalInterface
    private interface Body {
        Ending apply(DSLContext tx, Attempt start, Supplier<HookStatus> status);
    }

    /** How {@link #inTransaction} has jOOQ roll back (it does when the body throws); thrown and caught there only. */
    private static final class RollingBack extends RuntimeException {
        RollingBack() {
            super("rolling back", null, false, false);
        }
    }

    /**
     * The one place that commits or rolls back: runs {@code body} in a transaction of its own, from {@code start} with
     * the hook host asked again, and commits only the {@link Ending.Commit} it returns. A commit that fails (or a
     * transaction that cannot begin) is said with everything the body had learnt: after a hook that succeeded, it is a
     * commit that failed after the hook. The hook's marker is closed once the commit or rollback is over. When the
     * hook's turn is another's ({@link Ending.AwaitTurn}) the save waits outside any transaction and starts again from
     * the beginning: the row is read again and the version and conflict checks apply to it as it is then.
     */
    private SaveResult inTransaction(Attempt start, HookCancellation cancellation, Body body) {
        while (true) {
            // Asked now, answered while the body writes the row (a hook host across a connection: one round trip less
            // on the save's path); the body takes the answer before it looks at the hook.
            Supplier<HookStatus> status = hooks.locateSoon(start.request().table());
            // What the body reached, for after the transaction: a failed COMMIT happens once the body has returned.
            AtomicReference<Ending> reached = new AtomicReference<>();
            try {
                dsl.transaction(cfg -> {
                    Ending ending = body.apply(DSL.using(cfg), start, status);
                    reached.set(ending);
                    if (!(ending instanceof Ending.Commit)) {
                        throw new RollingBack();
                    }
                });
            } catch (RollingBack rolledBack) {
                // Rolled back as the body asked: its ending says the rest.
            } catch (RuntimeException e) {
                Ending ending = reached.get();
                if (ending instanceof Ending.Commit commit && Failures.unreachable(e)) {
                    return commitUnheard(commit, e);
                }
                return failure(ending == null ? start.located(status.get()) : ending.attempt(), e);
            } finally {
                Ending ending = reached.get();
                if (ending != null) {
                    ending.attempt().commitOver();
                }
            }
            Ending ending = reached.get();
            if (ending instanceof Ending.Commit commit) {
                return commit.result();
            }
            if (ending instanceof Ending.RollBack rollBack) {
                return rollBack.result();
            }
            Ending.AwaitTurn wait = (Ending.AwaitTurn) ending;
            if (!turns.await(dsl, wait.busy(), cancellation)) {
                Attempt a = wait.attempt().nothingWritten();
                return a.result(SaveOutcome.CANCELLED, "Cancelled while " + wait.busy().waitingFor() + "; nothing was "
                        + (a.operation() == Operation.REPROVISION ? "run." : "saved and no hook ran."), null);
            }
        }
    }

    /**
     * The COMMIT went and its answer never came: the connection broke (a network, a server restarted or failed over),
     * so the change may be saved or not. A save whose hook ran knows its transaction's number (learnt while the hook
     * ran, for its marker), and the database is asked on another connection (txid_status): committed is a committed
     * save, with the row it wrote and its audit row; aborted is a commit that failed. Where it cannot be asked, or no
     * hook ran, the person is told that nobody knows, and to look at the record before saving again, rather than that
     * nothing was saved: told that, they would save a change that did commit again, and its hook would run again (an
     * update is then refused as a conflict, its version having moved on; a new record would be added twice).
     */
    private SaveResult commitUnheard(Ending.Commit commit, RuntimeException e) {
        Attempt a = commit.attempt();
        String transaction = a.transactionId();
        String status = transaction == null ? null : statusAfterABrokenCommit(transaction);
        HookedTable table = a.request().table();
        if ("committed".equals(status)) {
            LOG.warn("the connection broke as the commit of {} {} was sent ({}); the database says transaction {} committed",
                    table, a.number(), Failures.rootMessage(e), transaction);
            return commit.result();
        }
        if ("aborted".equals(status)) {
            return failure(a, e);
        }
        LOG.error("the connection broke as the commit of {} {} was sent; whether it committed is not known", table,
                a.number(), e);
        String record = a.number() == null ? "the new " + table : table + " " + a.number();
        if (a.hookSucceeded()) {
            return a.result(SaveOutcome.COMMIT_FAILED_AFTER_HOOK, table.hookName() + " succeeded, and the connection to "
                    + "the database broke as the change was being committed (" + Failures.rootMessage(e) + "): whether "
                    + record + " was saved is not known, and the database could not be asked. The provisioned system has "
                    + "the change: open " + record + " again and check both before trying again.", null).unreachable();
        }
        return a.nothingWritten().result(SaveOutcome.DATABASE_ERROR, COMMIT_UNANSWERED + " (" + Failures.rootMessage(e)
                + "): whether " + record + " was saved is not known.", null).unreachable();
    }

    /** What the database says of {@code transaction} once its connection broke at COMMIT; null if it cannot be asked. */
    private String statusAfterABrokenCommit(String transaction) {
        try {
            // The server may still be ending the transaction of the connection that broke (a backend ending on a busy
            // machine, a commit waiting for a synchronous standby): asked again for up to 5 s, a wait only this rare case
            // pays.
            for (int i = 0; i < 50; i++) {
                String status = transactionStatus(transaction);
                if (!"in progress".equals(status)) {
                    return status;
                }
                Thread.sleep(100);
            }
            return null;
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return null;
        } catch (RuntimeException unreachable) {
            LOG.warn("could not ask the database whether transaction {} committed: {}", transaction,
                    Failures.rootMessage(unreachable));
            return null;
        }
    }

    /**
     * Everything a save does inside its transaction {@code tx}: lock, version check and write, read back, build the
     * environment, decide, record the run and run the hook. Returns how it ended, for {@link #inTransaction} to commit
     * or roll back; never throws (what broke is an ending too). A cascade runs it once per record in its one transaction.
     */
    private Ending writeAndRun(DSLContext tx, Attempt start, Supplier<HookStatus> status, Map<String, Object> values,
                               HookCancellation cancellation) {
        SaveRequest request = start.request();
        HookedTable table = request.table();
        Attempt a = start;
        try {
            Row oldRow = null;
            VersionedRow saved;
            if (request.operation() == Operation.UPDATE) {
                // Lock, version check, write and the old row in one statement (one round trip under the lock).
                Optional<RecordStore.Written> written = store.lockAndUpdate(tx, table, request.number(), values,
                        request.expectedVersion());
                a = a.located(status.get());
                boolean rls = store.tables().rowSecurity(table).active();
                if (written.isEmpty() && rls && store.find(tx, table, request.number()).isPresent()) {
                    // The lock (FOR UPDATE) passes only rows an UPDATE policy lets through: a row this login reads
                    // but may not update is not there for it. Said as what it is, not "not found".
                    return rollBack(a, SaveOutcome.INVALID, seenNotUpdatable(tx, table, request.number()), null);
                }
                if (written.isEmpty()) {
                    return rollBack(a, SaveOutcome.NOT_FOUND, notFound(table, request.number()), null);
                }
                oldRow = written.get().old().row();
                if (written.get().conflict() && rls
                        && (request.expectedVersion() == null
                            || request.expectedVersion().equals(written.get().old().version()))) {
                    // The row was read at the version expected and still not updated: not a conflict, a policy
                    // that lets this login see the row but not change it (PostgreSQL's UPDATE 0).
                    return rollBack(a, SaveOutcome.INVALID, seenNotUpdatable(tx, table, request.number()), null);
                }
                if (written.get().conflict()) {
                    return rollBack(a.at(oldRow, written.get().old().version()), SaveOutcome.CONFLICT, "Someone else saved "
                            + table + " " + request.number() + " after you opened it; nothing was changed. Reload to see "
                            + "their values.", null);
                }
                saved = written.get().saved();
            } else {
                saved = store.insert(tx, table, values);
                a = a.located(status.get());
            }
            a = a.written(saved);
            Map<String, Row> related = store.related(tx, table, saved.row());
            a = a.previewed(HookPreview.of(new HookInput(table, request.operation(), oldRow, saved.row(), related, identity,
                    request.interactive(), clientEnv, a.cascadeFrom()), request.origin(), request.changes().keySet(),
                    this.values));

            Optional<String> oversized = HookEnvironment.oversized(a.environment());
            if (oversized.isPresent() && a.decision().fire() && a.status().ready()) {
                // A value already stored (an OLD_ or related one) that no hook can be given: refused before the hook.
                String variable = oversized.get();
                String problem = RequestValues.tooLongForAHook(HookEnvironment.variableBytes(variable,
                        a.environment().get(variable)));
                return rollBack(a, SaveOutcome.INVALID, variable + ": " + problem, Map.of(variable, problem));
            }
            if (a.status().state() == HookStatus.State.DIRECTORY_UNUSABLE && request.origin().isPerson()) {
                // Fails closed: a mistyped or unmounted hooks directory must not turn provisioning off unnoticed.
                return rollBack(a, SaveOutcome.HOOK_REFUSED, a.status().message(), null);
            }
            if (!a.decision().fire() || a.status().absent()) {
                SaveResult done = a.result(SaveOutcome.COMMITTED, a.decision().fire() ? "Saved; no " + table.hookName()
                        + " is installed." : "Saved; hook not run: " + a.decision().describe() + ".", null);
                beginRun(tx, AuditRows.of(request, done).inCascade(a.cascadeId()));
                return new Ending.Commit(a, done);
            }
            if (a.status().refused()) {
                return rollBack(a, SaveOutcome.HOOK_REFUSED, "Not saved: " + a.status().message(), null);
            }
            return hookDecides(tx, a, cancellation, "; the change was rolled back.",
                    "Saved; " + table.hookName() + " succeeded.");
        } catch (HookTurns.Busy busy) {
            return new Ending.AwaitTurn(a, busy);
        } catch (RuntimeException e) {
            Attempt known = a.status() != null ? a : a.located(status.get());
            return new Ending.RollBack(known, broken(known, e));
        }
    }

    /**
     * A run again inside its transaction {@code tx}: lock the row, build the environment, record and run the hook as a
     * save does. Nothing of the record changes; a run that succeeded commits its audit row.
     */
    private Ending runAgain(DSLContext tx, Attempt start, Supplier<HookStatus> status, HookCancellation cancellation) {
        HookedTable table = start.request().table();
        long number = start.request().number();
        Attempt a = start;
        try {
            Optional<VersionedRow> locked = store.lock(tx, table, number);
            a = a.located(status.get());
            if (locked.isEmpty()) {
                return rollBack(a, SaveOutcome.NOT_FOUND, notFound(table, number), null);
            }
            Row row = locked.get().row();
            a = a.at(row, locked.get().version());
            a = a.withEnvironment(HookEnvironment.build(new HookInput(table, Operation.REPROVISION, null, row,
                    store.related(tx, table, row), identity, a.request().interactive(), clientEnv)));
            if (!a.status().ready()) {
                return rollBack(a, SaveOutcome.HOOK_REFUSED, "Not run: " + a.status().message(), null);
            }
            return hookDecides(tx, a, cancellation, " when run again; " + table + " " + number + " itself is unchanged.",
                    table.hookName() + " ran again for " + table + " " + number + " and succeeded.");
        } catch (HookTurns.Busy busy) {
            return new Ending.AwaitTurn(a, busy);
        } catch (RuntimeException e) {
            Attempt known = a.status() != null ? a : a.located(status.get());
            return new Ending.RollBack(known, broken(known, e));
        }
    }

    /**
     * The hook decides a save or a run again: its audit row goes in first (if it cannot be written, neither the change
     * nor the hook happens), the hook runs under its turn, and its exit says roll back ({@code ifFailed} after its
     * reason) or commit (the row completed with how it ended, {@code ifSucceeded}).
     */
    private Ending hookDecides(DSLContext tx, Attempt a, HookCancellation cancellation, String ifFailed, String ifSucceeded) {
        HookedTable table = a.request().table();
        long run = beginRun(tx, AuditRows.running(a.request(),
                a.result(SaveOutcome.COMMITTED, "running " + table.hookName(), null)).inCascade(a.cascadeId()));
        Attempt ran = runHook(tx, a, cancellation);
        if (ran.hook() == null) {
            return rollBack(ran, SaveOutcome.HOOK_REFUSED, "Not saved: " + ran.status().message(), null);
        }
        if (!ran.hookSucceeded()) {
            return rollBack(ran, failed(ran.hook()), table.hookName() + " " + ran.hook().reason() + ifFailed, null);
        }
        SaveResult done = ran.result(SaveOutcome.COMMITTED, ifSucceeded, null);
        try {
            audit.finish(tx, run, AuditRows.of(a.request(), done));
        } catch (RuntimeException e) {
            // The hook has provisioned: this is a commit that failed after it.
            return new Ending.RollBack(ran, broken(ran, e));
        }
        return new Ending.Commit(ran, done);
    }

    /**
     * Runs the hook under its turn: the attempt with how it ended, or, where the hook host refuses it right before the
     * start, with no hook run and the host's new word on it. {@link HookTurns.Busy} when the turn is another's.
     */
    private Attempt runHook(DSLContext tx, Attempt a, HookCancellation cancellation) {
        HookedTable table = a.request().table();
        // A cascade cannot start again once one of its hooks has run: it waits for the turn in its transaction.
        try (HookTurns.Turn turn = a.cascadeId() != null ? turns.takeWaiting(tx, table, cancellation) : turns.take(tx, table)) {
            // Checked again now, after the row and hook locks, right before the start: a hook or directory swapped or
            // loosened since the first check is caught here (by a runner as it starts the hook: HookHost.beforeStart).
            HookStatus now = hooks.beforeStart(table, a.status());
            if (!now.ready()) {
                return a.located(now);
            }
            // Names the transaction in the run's marker, so that a HookDesk killed between the hook's exit 0 and the
            // commit leaves the next start able to say whether the change committed (transactionStatus).
            PendingCommit pending = new PendingCommit(() -> String.valueOf(tx.fetchValue("SELECT txid_current()")));
            return a.ran(hooks.run(table, now, a.environment(), cancellation, pending), pending);
        }
    }

    /** How a save whose hook did not succeed ends: cancelled by the person, or failed. */
    private static SaveOutcome failed(HookOutcome hook) {
        return hook.kind() == HookOutcome.Kind.CANCELLED ? SaveOutcome.CANCELLED : SaveOutcome.HOOK_FAILED;
    }

    private static Ending rollBack(Attempt a, SaveOutcome outcome, String message, Map<String, String> errors) {
        return new Ending.RollBack(a, a.result(outcome, message, errors));
    }

    /** Writes an audit row in the save's transaction; a failure to do so ends the save as {@link AuditUnwritable}. */
    private long beginRun(DSLContext tx, HookRun row) {
        try {
            return audit.begin(tx, row);
        } catch (RuntimeException e) {
            throw new AuditUnwritable(e);
        }
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
        Attempt a = Attempt.of(request, request.operation(), clock.instant(), System.nanoTime())
                .inCascade(cascadeFrom, cascadeId);
        try {
            Parsed parsed = valuesOf(a);
            if (parsed.refusal() != null) {
                return new Step(parsed.refusal(), () -> { });
            }
            HookStatus status = hooks.locate(request.table());
            Ending ending = writeAndRun(tx, a, () -> status, parsed.values(), cancellation);
            SaveResult result;
            if (ending instanceof Ending.Commit commit) {
                result = commit.result();
            } else if (ending instanceof Ending.RollBack rollBack) {
                result = rollBack.result();
            } else {
                // A cascade waits for its turn (HookTurns.takeWaiting): not met, but said if it ever is.
                result = failure(ending.attempt(), ((Ending.AwaitTurn) ending).busy());
            }
            return new Step(result, ending.attempt()::commitOver);
        } catch (RuntimeException e) {
            return new Step(failure(a, e), () -> { });
        }
    }

    /**
     * The result of an attempt that {@code e} broke: a save whose audit row could not be written, or whatever else
     * broke (the database, the connection, a bug), saying what is known. The single save, a run again and each record
     * of a cascade end here alike.
     */
    private SaveResult broken(Attempt a, RuntimeException e) {
        if (e instanceof AuditUnwritable) {
            Attempt unwritten = a.nothingWritten();
            if (a.cascadeId() != null) {
                // The cascade says for itself that nothing was changed and which hooks it undid.
                return unwritten.result(SaveOutcome.DATABASE_ERROR, "the audit row could not be written to hookdesk.hook_run ("
                        + Failures.rootMessage(e.getCause()) + ")", null);
            }
            SaveResult r = unwritten.result(SaveOutcome.DATABASE_ERROR, a.operation() == Operation.REPROVISION
                    ? "Not run: the audit row for this run could not be written to hookdesk.hook_run ("
                    + Failures.rootMessage(e.getCause()) + "), so no hook ran."
                    : "Not saved: the audit row for this change could not be written to hookdesk.hook_run ("
                    + Failures.rootMessage(e.getCause()) + "), so nothing was changed and no hook ran.", null);
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

    private SaveResult failure(Attempt a, RuntimeException e) {
        SaveResult result = failureResult(a, e);
        return Failures.unreachable(e) ? result.unreachable() : result;
    }

    private SaveResult failureResult(Attempt a, RuntimeException e) {
        SaveRequest request = a.request();
        HookedTable table = request.table();
        if (e instanceof TableUnavailableException unavailable) {
            // A number several rows share (a key of number and date): refused as bad input, nothing written.
            return a.nothingWritten().result(SaveOutcome.INVALID, unavailable.getMessage(),
                    Map.of("number", unavailable.getMessage()));
        }
        if (a.hookSucceeded()) {
            LOG.error("commit failed after {} succeeded for {} {}", table.hookName(), table, a.number(), e);
            return a.result(SaveOutcome.COMMIT_FAILED_AFTER_HOOK, table.hookName()
                    + " succeeded but the database did not commit (" + Failures.rootMessage(e) + "). The provisioned system may now be "
                    + "ahead of the database: check it before trying again.", null);
        }
        Attempt unwritten = a.nothingWritten();
        if (Failures.rootMessage(e).contains("violates row-level security policy")) {
            // Named as the CSR knows it: the record they saved, or the new one they were adding.
            String record = request.operation() == Operation.UPDATE ? table + " " + request.number() : "this new " + table;
            return unwritten.result(SaveOutcome.INVALID, "Your login may not write " + record + ": the row would break row-level "
                    + "security on " + table + " (" + policies(dsl, table) + "). Nothing was changed.", null);
        }
        if (Failures.unreachable(e)) {
            // Not a refusal: nothing answered. The desktop keeps the edits and says to save again later.
            LOG.warn("save of {} {}: the database cannot be reached", table, request.number(), e);
            return unwritten.result(SaveOutcome.DATABASE_ERROR, UNREACHABLE + " (" + Failures.rootMessage(e) + "). Nothing was saved"
                    + (a.hook() == null ? " and no hook ran." : "."), null);
        }
        Optional<ConstraintMessages.Refusal> refusal = ConstraintMessages.describe(dsl, meta(table), request, e);
        if (refusal.isPresent()) {
            // The database refused the values (a rule, a trigger of the ISP's, a column the login may not write):
            // bad input, nothing written; not a failure of HookDesk's, so nothing for the log.
            return unwritten.result(SaveOutcome.INVALID, refusal.get().message(),
                    Map.of(refusal.get().column(), refusal.get().problem()));
        }
        LOG.warn("save of {} {} failed in the database", table, request.number(), e);
        return unwritten.result(SaveOutcome.DATABASE_ERROR, "The database refused the change: "
                + Masking.databaseError(table, Failures.rootMessage(e), request.changes()), null);
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
     * How every save and run again ends, whatever its outcome. One that committed has its audit row already: it
     * committed with it. Every other is recorded now, apart, so no rollback erases it; except when the database cannot
     * be reached and no hook ran: the row could not be written, and trying would wait out the pool. A hook that ran is
     * worth that wait, since it acted on a real system: after a failover the pool's new connection reaches the promoted
     * standby, and the row is there for whoever settles it. A failure no person watches goes to the failure log too.
     */
    private SaveResult recorded(SaveRequest request, SaveResult ended) {
        SaveResult result;
        if (ended.committed()) {
            result = ended;
        } else if (ended.databaseUnreachable() && !ended.hookRan()) {
            result = ended.withAuditProblem("This attempt could not be recorded in hookdesk.hook_run: the database cannot be reached.");
        } else {
            result = recordAttempt(request, ended);
        }
        if (!request.interactive() && !result.committed()) {
            failureLog.record(request, result);
        }
        return result;
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

    /** The audit row could not be written in the save's transaction: the transaction rolls back. */
    private static final class AuditUnwritable extends RuntimeException {
        AuditUnwritable(RuntimeException cause) {
            super(cause.getMessage(), cause);
        }
    }
}
