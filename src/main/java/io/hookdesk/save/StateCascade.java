package io.hookdesk.save;

import io.hookdesk.db.store.RecordStore;
import io.hookdesk.db.store.VersionedRow;
import io.hookdesk.model.ColumnMeta;
import io.hookdesk.model.Failures;
import io.hookdesk.model.HookCancellation;
import io.hookdesk.model.HookRun;
import io.hookdesk.model.HookedTable;
import io.hookdesk.model.Operation;
import io.hookdesk.model.Row;
import io.hookdesk.model.ServiceStates;
import io.hookdesk.model.TableMeta;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Account-wide actions as BillMax does them: suspending, closing or reopening an account or a user changes everything
 * under it, every hook in order, in one transaction, all or nothing. Each record is saved through the one save path
 * ({@link SaveService#inCascade}); when a hook fails (or the CSR cancels), the hooks that had already run are run again
 * in reverse order with their change reversed ({@code HOOK_COMPENSATE=1}) before everything rolls back.
 *
 * <p>Which records change is decided by their state as the database keeps it (an enum state column read through the
 * operator's {@code state.labels}): suspending or closing changes those not already in that state or beyond (Closed is
 * beyond Suspended); reopening changes the Suspended ones, or with force the Closed ones too.
 */
public final class StateCascade {

    /** The size above which a cascade asks again before it runs. */
    public static final int DEFAULT_LIMIT = 200;

    private static final Logger LOG = LoggerFactory.getLogger(StateCascade.class);
    private static final String STATE = "state";

    private final SaveService saves;
    private final DSLContext dsl;
    private final FailureLog failureLog;

    /** Over the one save path {@code saves}: its database, hooks, audit and failure log. */
    public StateCascade(SaveService saves) {
        this.saves = saves;
        this.dsl = saves.dsl();
        this.failureLog = saves.failureLog();
    }

    /** Says, on the cascade's thread, which hook of how many is about to run. */
    @FunctionalInterface
    public interface Progress {
        void hook(int k, int n, CascadePlan.Step step);

        Progress NONE = (k, n, step) -> { };
    }

    /** A cascade that cannot be planned as asked; the message names the field and says what to do. */
    public static final class Refused extends RuntimeException {
        private final String field;

        Refused(String field, String message) {
            super(message);
            this.field = field;
        }

        public String field() {
            return field;
        }
    }

    /** Whether a save of {@code table} that sets its state may cascade (an account or a user with a state column). */
    public boolean applies(HookedTable table) {
        return (table == HookedTable.ACCOUNT || table == HookedTable.USER) && store().tables().available(table)
                && store().tables().meta(table).has(STATE);
    }

    /**
     * What the CSR's change {@code top} (an account's or user's state, possibly with other columns) would do as a
     * cascade: reads, writes nothing, runs no hook.
     *
     * @throws Refused naming the field when it cannot cascade (not an account or user, no state, a state that does not
     *                 cascade, no such record, a value the save path refuses)
     */
    public CascadePlan plan(SaveRequest top, boolean force) {
        if (top.operation() != Operation.UPDATE || !applies(top.table())) {
            throw new Refused("table", "a cascade starts from an account or a user that exists, whose state changes; "
                    + top.table() + (top.number() == null ? " (new)" : "") + " does not cascade");
        }
        String typed = top.changes().get(STATE);
        if (typed == null) {
            throw new Refused(STATE, "a cascade changes the state: give " + top.table() + "'s new state (0 Open, 1 Closed or 2 Suspended)");
        }
        ColumnMeta column = stateColumn(top.table()).orElseThrow();
        Integer target = ServiceStates.codeOf(typed);
        if (target == null) {
            target = ServiceStates.codeOfStored(top.table(), column, saves.valueSettings(), typed.trim());
        }
        if (target == null || target == 3 || target == 5) {
            throw new Refused(STATE, "'" + typed + "' does not cascade: a cascade suspends (2), closes (1) or reopens (0) "
                    + "an account or user with everything under it; change other states on the record alone");
        }
        Map<String, String> changes = new LinkedHashMap<>(top.changes());
        changes.put(STATE, stored(top.table(), target));
        SaveRequest first = new SaveRequest(top.table(), top.number(), changes, top.expectedVersion(), top.origin(), top.csr());
        String from = top.table().sqlName() + ":" + top.number();

        List<CascadePlan.Step> steps = new ArrayList<>();
        List<CascadePlan.Left> left = new ArrayList<>();
        Map<String, Row> changedRows = new LinkedHashMap<>();
        for (Target t : targets(dsl, top.table(), top.number(), target, force)) {
            if (t.why != null) {
                left.add(new CascadePlan.Left(t.table, t.number, t.state, t.why));
                continue;
            }
            SaveRequest request = steps.isEmpty() ? first : SaveRequest.update(t.table, t.number,
                    Map.of(STATE, stored(t.table, target)), t.version, top.origin(), top.csr());
            SaveResult preview = saves.preview(request, from, related -> {
                // A parent the cascade changes first is seen by this hook as it will be then: with its new state.
                Map<String, Row> asThen = new LinkedHashMap<>(related);
                related.forEach((prefix, row) -> {
                    Row changed = changedRows.get(prefix.toLowerCase(Locale.ROOT) + ":" + row.integer("number"));
                    if (changed != null) {
                        asThen.put(prefix, changed);
                    }
                });
                return asThen;
            });
            if (preview.outcome() != SaveOutcome.PREVIEWED) {
                throw new Refused(preview.fieldErrors().isEmpty() ? "number" : preview.fieldErrors().keySet().iterator().next(),
                        t.table + " " + t.number + ": " + preview.message());
            }
            changedRows.put(t.table.sqlName() + ":" + t.number, preview.row());
            steps.add(new CascadePlan.Step(t.table, t.number, t.state, ServiceStates.word(target), request, preview));
        }
        return new CascadePlan(top.table(), top.number(), from, target, force, steps, left);
    }

    /**
     * Runs {@code plan} in one transaction: each record saved and its hook run in order; every hook exit 0 commits all.
     * A failure, a refusal or a Cancel ends it: the hooks that ran are compensated in reverse order, then everything is
     * rolled back, and every run is recorded with the cascade's id. A plan larger than {@code limit} records is not run.
     */
    public CascadeResult run(CascadePlan plan, int limit, HookCancellation cancellation, Progress progress) {
        if (plan.size() > limit) {
            return new CascadeResult(SaveOutcome.INVALID, null, "Not done: the cascade from " + plan.cascadeFrom()
                    + " changes " + plan.size() + " records, more than the limit of " + limit + "; confirm that size to "
                    + "go ahead", List.of(), List.of(), List.of());
        }
        String id = UUID.randomUUID().toString();
        List<SaveService.Step> done = new ArrayList<>();
        List<Compensation> compensations = new ArrayList<>();
        int hooks = plan.hooks();
        try {
            dsl.transaction(cfg -> {
                DSLContext tx = DSL.using(cfg);
                List<String> now = targets(tx, plan.table(), plan.number(), plan.targetState(), plan.force()).stream()
                        .filter(t -> t.why == null).map(t -> t.table + " " + t.number).toList();
                List<String> planned = plan.steps().stream().map(s -> s.table() + " " + s.number()).toList();
                if (!now.equals(planned)) {
                    throw new Ended(SaveOutcome.CONFLICT, "Not done: what is under " + plan.table() + " " + plan.number()
                            + " changed since the preview (now: " + String.join(", ", now) + "); nothing was changed. "
                            + "Preview again.");
                }
                int k = 0;
                for (CascadePlan.Step step : plan.steps()) {
                    if (cancellation.isCancelled()) {
                        compensateAll(done, compensations);
                        throw new Ended(SaveOutcome.CANCELLED, "Cancelled before " + step.table() + " " + step.number());
                    }
                    if (step.hookRuns()) {
                        progress.hook(++k, hooks, step);
                    }
                    SaveService.Step s = saves.inCascade(tx, step.request(), plan.cascadeFrom(), id, cancellation);
                    done.add(s);
                    if (!s.result().committed()) {
                        compensateAll(done.subList(0, done.size() - 1), compensations);
                        throw new Ended(s.result().outcome(), step.table() + " " + step.number() + ": " + s.result().message());
                    }
                }
            });
        } catch (Ended ended) {
            return failed(plan, id, done, compensations, ended.outcome, ended.getMessage());
        } catch (Refused gone) {
            // The record itself was deleted since the preview: nothing was written and no hook ran.
            return new CascadeResult(SaveOutcome.NOT_FOUND, null, "Not done: " + gone.getMessage(), List.of(), List.of(),
                    List.of());
        } catch (RuntimeException e) {
            // The commit (or a statement outside any record's save) failed: the database keeps nothing of it, so the
            // systems the hooks provisioned are brought back as after any failure.
            LOG.error("cascade {} from {} failed in the database", id, plan.cascadeFrom(), e);
            if (compensations.isEmpty()) {
                compensateAll(done, compensations);
            }
            return failed(plan, id, done, compensations, SaveOutcome.DATABASE_ERROR,
                    "the database did not commit (" + Failures.rootMessage(e) + ")");
        } finally {
            done.forEach(s -> s.ended().run());
        }
        List<SaveResult> results = done.stream().map(SaveService.Step::result).toList();
        long ran = results.stream().filter(SaveResult::hookRan).count();
        return new CascadeResult(SaveOutcome.COMMITTED, id, plan.cascadeFrom() + ": " + results.size() + " record"
                + (results.size() == 1 ? "" : "s") + " set to " + ServiceStates.word(plan.targetState()) + ", " + ran
                + " hook" + (ran == 1 ? "" : "s") + " succeeded; committed.", results, List.of(), List.of());
    }

    /** The runs that succeeded, undone in reverse order; each outcome kept for the record and the message. */
    private void compensateAll(List<SaveService.Step> ran, List<Compensation> into) {
        for (int i = ran.size() - 1; i >= 0; i--) {
            SaveResult r = ran.get(i).result();
            if (r.hookRan() && r.hook().succeeded()) {
                Compensation c = saves.compensate(r);
                if (!c.succeeded()) {
                    LOG.error("cascade compensation failed: {}", c.disagreement());
                }
                into.add(c);
            }
        }
    }

    private CascadeResult failed(CascadePlan plan, String id, List<SaveService.Step> done, List<Compensation> compensations,
                                 SaveOutcome outcome, String why) {
        List<SaveResult> results = new ArrayList<>();
        List<HookRun> rows = new ArrayList<>();
        String rolledBack = "rolled back with the cascade from " + plan.cascadeFrom() + ", which failed: " + why;
        for (int i = 0; i < done.size(); i++) {
            SaveService.Step s = done.get(i);
            boolean last = i == done.size() - 1 && !s.result().committed();
            SaveResult r = last ? s.result() : s.result().endedAs(SaveOutcome.HOOK_FAILED,
                    (s.result().hookRan() ? s.result().table().hookName() + " succeeded; " : "") + rolledBack);
            results.add(r);
            rows.add(AuditRows.of(plan.steps().get(i).request(), r).inCascade(id));
        }
        SaveRequest any = plan.steps().get(0).request();
        compensations.forEach(c -> rows.add(AuditRows.compensation(any, c, id)));
        List<String> auditProblems = saves.recordApart(rows);
        StringBuilder message = new StringBuilder("Nothing was changed: the cascade from " + plan.cascadeFrom()
                + " was rolled back (" + why + ").");
        long undone = compensations.stream().filter(Compensation::succeeded).count();
        if (!compensations.isEmpty()) {
            message.append(" ").append(undone).append(" of ").append(compensations.size())
                    .append(" earlier hook").append(compensations.size() == 1 ? "" : "s").append(" undone.");
        }
        for (Compensation c : compensations) {
            if (!c.succeeded()) {
                message.append(" FOLLOW UP: ").append(c.disagreement()).append('.');
            }
        }
        CascadeResult result = new CascadeResult(outcome, id, message.toString(), results, compensations, auditProblems);
        if (!any.interactive() && !results.isEmpty()) {
            SaveResult last = results.get(results.size() - 1);
            failureLog.record(plan.steps().get(results.size() - 1).request(), last.endedAs(last.outcome(), message.toString()));
        }
        return result;
    }

    /** A record met in the walk down: changes ({@code why} null) or is left as it is, with why. */
    private record Target(HookedTable table, long number, String state, Long version, String why) {
    }

    /**
     * The record and what is under it, in the order their hooks run: the account, then each user by number followed by
     * its services by number (a user: its services). Read on {@code ctx}, so the cascade checks it again in its transaction.
     */
    private List<Target> targets(DSLContext ctx, HookedTable table, long number, int target, boolean force) {
        List<Target> out = new ArrayList<>();
        VersionedRow top = store().find(ctx, table, number).orElseThrow(() -> new Refused("number",
                "There is no " + table + " " + number + "."));
        out.add(target(table, top, target, force, true));
        if (table == HookedTable.ACCOUNT) {
            if (store().tables().available(HookedTable.USER) && store().tables().meta(HookedTable.USER).has("account")) {
                boolean userStates = store().tables().meta(HookedTable.USER).has(STATE);
                for (VersionedRow user : store().under(ctx, HookedTable.USER, "account", number)) {
                    // A users table without a state (some migrated schemas) still leads to the services under it.
                    if (userStates) {
                        out.add(target(HookedTable.USER, user, target, force, false));
                    }
                    servicesOf(ctx, user.row().integer("number"), target, force, out);
                }
            }
        } else {
            servicesOf(ctx, number, target, force, out);
        }
        return out;
    }

    private void servicesOf(DSLContext ctx, long user, int target, boolean force, List<Target> out) {
        if (store().tables().available(HookedTable.SERVICE) && store().tables().meta(HookedTable.SERVICE).has("user")
                && store().tables().meta(HookedTable.SERVICE).has(STATE)) {
            for (VersionedRow service : store().under(ctx, HookedTable.SERVICE, "user", user)) {
                out.add(target(HookedTable.SERVICE, service, target, force, false));
            }
        }
    }

    private Target target(HookedTable table, VersionedRow v, int target, boolean force, boolean top) {
        long n = v.row().integer("number");
        Integer code = ServiceStates.codeOfStored(table, stateColumn(table).orElseThrow(), saves.valueSettings(),
                v.row().get(STATE));
        String state = code == null ? "state '" + v.row().get(STATE) + "'" : ServiceStates.word(code);
        if (top) {
            return new Target(table, n, state, v.version(), null);
        }
        String why = whyLeft(code, target, force);
        return new Target(table, n, state, v.version(), why);
    }

    /** Null when a record in state {@code code} changes to {@code target}; else why it keeps its state. */
    static String whyLeft(Integer code, int target, boolean force) {
        if (code == null) {
            return "none of BillMax's states: left as it is";
        }
        if (code == target) {
            return "already " + ServiceStates.word(target);
        }
        return switch (target) {
            case 2 -> code == 1 ? "Closed is beyond Suspended: stays Closed" : null;
            case 1 -> null;
            case 0 -> code == 2 || (force && code == 1) ? null
                    : code == 1 ? "Closed: a reopen leaves it closed (force reopens it)"
                    : ServiceStates.word(code) + ": a reopen changes only Suspended" + (force ? " and Closed" : "") + " records";
            default -> "not changed by this cascade";
        };
    }

    private Optional<ColumnMeta> stateColumn(HookedTable table) {
        return store().tables().meta(table).column(STATE);
    }

    /** What stands for state {@code code} in {@code table}'s state column, as the save path takes it. */
    private String stored(HookedTable table, int code) {
        try {
            return ServiceStates.stored(table, stateColumn(table).orElseThrow(), saves.valueSettings(), code);
        } catch (IllegalStateException e) {
            throw new Refused(STATE, e.getMessage());
        }
    }

    private RecordStore store() {
        return saves.store();
    }

    /** Ends the cascade's transaction with a rollback, saying why. */
    private static final class Ended extends RuntimeException {
        final SaveOutcome outcome;

        Ended(SaveOutcome outcome, String message) {
            super(message, null, false, false);
            this.outcome = outcome;
        }
    }
}
