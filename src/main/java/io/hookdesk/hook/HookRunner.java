package io.hookdesk.hook;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * Runs a hook: no arguments, exactly the given environment, working directory the hooks directory,
 * in a process group of its own so that at exit, timeout or cancel the whole group is killed.
 * stdout and stderr are read concurrently and capped.
 */
public final class HookRunner {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
    public static final int DEFAULT_OUTPUT_CAP = 1024 * 1024;

    private final Duration timeout;
    private final int outputCap;

    public HookRunner(Duration timeout, int outputCap) {
        this.timeout = timeout;
        this.outputCap = outputCap;
    }

    public Duration timeout() {
        return timeout;
    }

    public HookOutcome run(Path hook, Map<String, String> environment, Path workingDirectory, HookCancellation cancellation) {
        throw new UnsupportedOperationException("to be written");
    }
}
