package io.hookdesk.cli;

import io.hookdesk.app.AppConfig;
import io.hookdesk.app.AppContext;
import io.hookdesk.save.FailureLog;

import java.util.HashMap;
import java.util.Map;
import java.util.function.ToIntFunction;

/**
 * What the command line takes from the process it runs in: environment variables, system properties, how an
 * {@link AppContext} is opened, and what a bare {@code hookdesk --home DIR} (no subcommand) starts. Tests pass their
 * own, so no test depends on the machine's {@code HOOKDESK_HOME} or starts an embedded server.
 */
public record CliRuntime(Map<String, String> env, Map<String, String> sys, Opener opener,
                         ToIntFunction<AppConfig.Overrides> desktop) {

    /** Opens the database and wires the services for one run. */
    @FunctionalInterface
    public interface Opener {
        AppContext open(AppConfig config, FailureLog failureLog);
    }

    public CliRuntime {
        env = Map.copyOf(env);
        sys = Map.copyOf(sys);
    }

    /** The real process: its environment, its system properties, {@link AppContext#open}. */
    public static CliRuntime system(ToIntFunction<AppConfig.Overrides> desktop) {
        Map<String, String> sys = new HashMap<>();
        System.getProperties().forEach((k, v) -> sys.put(String.valueOf(k), String.valueOf(v)));
        return new CliRuntime(System.getenv(), sys, AppContext::open, desktop);
    }

    /** Whom a save is recorded as when {@code --csr} is not given: the operating-system user. */
    public String osUser() {
        return sys.getOrDefault("user.name", "");
    }
}
