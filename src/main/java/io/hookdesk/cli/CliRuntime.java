package io.hookdesk.cli;

import java.util.function.ToIntFunction;

/**
 * What the command line takes from the process it runs in: whom saves are recorded as by default (the operating-system
 * user), the {@link Backend} that resolves settings and opens the database, and what a bare {@code hookdesk --home DIR}
 * (global options, no subcommand) starts: the desktop client, or null to print usage. Tests pass their own.
 */
public record CliRuntime(String osUser, Backend backend, ToIntFunction<GlobalOptions> desktop) {

    public CliRuntime {
        osUser = osUser == null ? "" : osUser;
    }
}
