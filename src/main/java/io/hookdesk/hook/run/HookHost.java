package io.hookdesk.hook.run;

import io.hookdesk.model.HookCancellation;
import io.hookdesk.model.HookOutcome;
import io.hookdesk.model.HookStatus;
import io.hookdesk.model.HookedTable;

import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Where hooks run ({@code hook.runner}): which hooks there are and whether each may run, and running one. The save path
 * asks only this, so a hook behaves the same for the CSR whether it runs on the workstation as the CSR
 * ({@link LocalHookHost}), as a hook account through sudo, or on the billing server over SSH ({@link RemoteHookHost}).
 *
 * <p>Thread-safe: one host serves every save of a HookDesk process at once. Whoever made it closes it.
 */
public interface HookHost extends AutoCloseable {

    /** Where and as whom hooks run, as the audit, the env panel and {@code hooks list} say it: {@code local}, {@code account:hookdesk-hooks}. */
    String where();

    /** The hooks directory as the host names it, for people. */
    String directory();

    /**
     * Why no hook can run here at all (the hooks directory is unusable, the runner cannot be started or reached, is of
     * another version), or null. Shown like a missing hooks directory: saves to hooked tables are refused.
     */
    String hostProblem();

    /** What the host holds for {@code table}, judged on that host as the account that would run it. */
    HookStatus locate(HookedTable table);

    /**
     * {@link #locate}, asked now and answered when the supplier is called (as often as wanted, the same answer): a host
     * across a connection asks at once, so that the round trip goes on while the save writes its row. Here, the answer
     * itself.
     */
    default Supplier<HookStatus> locateSoon(HookedTable table) {
        HookStatus now = locate(table);
        return () -> now;
    }

    /**
     * What {@code table}'s hook is right before its start, the save having found {@code earlier} at its beginning. Here,
     * looked at again ({@link #locate}): a hook or directory swapped or loosened since is caught. A runner that checks
     * the hook itself as it starts it may answer {@code earlier} when it was ready, sparing a round trip.
     */
    default HookStatus beforeStart(HookedTable table, HookStatus earlier) {
        return locate(table);
    }

    /**
     * Runs {@code table}'s hook, found {@code ready} by {@link #locate} a moment ago, with exactly {@code environment}.
     * Never throws for anything the hook or the host does: every way it ends is a {@link HookOutcome}.
     *
     * @param cancellation cancelling it kills the hook's process group, wherever it runs; may be null
     * @param commit       null, or the pending commit the hook's exit 0 is recorded for (see {@link PendingCommit})
     */
    HookOutcome run(HookedTable table, HookStatus ready, Map<String, String> environment, HookCancellation cancellation,
                    PendingCommit commit);

    Duration timeout();

    /**
     * Where hooks run elsewhere: has the runner tell {@code log} of runs of this HookDesk ({@code client}: its home)
     * that ended after their connection did (a hook stopped when HookDesk was killed; one that exited 0 before its commit
     * was confirmed, checked with {@code transactions} against {@code database}) at the first use of the runner and at
     * every new connection after; and
     * keeps the runner told of this HookDesk's runs from now on. Local hooks' markers are HookDesk's own: nothing here.
     */
    default void reportAbandoned(String client, String database, Consumer<String> log,
                                 InFlightHooks.Transactions transactions) {
    }

    /** Stops every hook running here (their saves roll back) and tells {@code log} of each: for HookDesk's end. */
    void stopRunning(Consumer<String> log);

    @Override
    void close();
}
