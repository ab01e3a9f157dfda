package io.hookdesk.hook.run;

import io.hookdesk.model.HookCancellation;
import io.hookdesk.model.HookOutcome;
import io.hookdesk.model.HookStatus;
import io.hookdesk.model.HookedTable;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * {@code hook.runner=local}: hooks run on this workstation as the user running HookDesk, from its hooks directory,
 * checked by a {@link HookLocator} and started by a {@link HookRunner}. Closing it closes the runner.
 */
public final class LocalHookHost implements HookHost {

    public static final String WHERE = HookStatus.LOCAL;

    private final HookLocator locator;
    private final HookRunner runner;

    public LocalHookHost(HookLocator locator, HookRunner runner) {
        this.locator = Objects.requireNonNull(locator, "locator");
        this.runner = Objects.requireNonNull(runner, "runner");
    }

    @Override
    public String where() {
        return WHERE;
    }

    @Override
    public String directory() {
        return locator.directory().toString();
    }

    @Override
    public String hostProblem() {
        return locator.directoryProblem();
    }

    @Override
    public HookStatus locate(HookedTable table) {
        return locator.locate(table);
    }

    @Override
    public HookOutcome run(HookedTable table, HookStatus ready, Map<String, String> environment,
                           HookCancellation cancellation, PendingCommit commit) {
        // Exactly what was checked, in the directory it was checked in: not the configured path, whose links could be
        // retargeted between the check and the start.
        return runner.run(ready.verified(), environment, ready.verified().getParent(), cancellation, commit);
    }

    @Override
    public Duration timeout() {
        return runner.timeout();
    }

    @Override
    public void stopRunning(Consumer<String> log) {
        runner.stopRunning(log);
    }

    @Override
    public void close() {
        runner.close();
    }
}
