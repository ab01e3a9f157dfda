package io.hookdesk.app;

import io.hookdesk.hook.HookOutcome;
import io.hookdesk.hook.run.HookCancellation;
import io.hookdesk.hook.run.RemoteHookHost;
import io.hookdesk.model.HookedTable;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A HookDesk process for the runner tests to kill: starts a runner with the command in its arguments (after the hooks
 * directory), says {@code ready}, runs service_hook and prints how it ended.
 */
public final class RemoteRunMain {

    private RemoteRunMain() {
    }

    public static void main(String[] args) {
        List<String> command = Arrays.asList(args).subList(1, args.length);
        try (RemoteHookHost host = new RemoteHookHost("test", args[0], command, Duration.ofSeconds(600))) {
            String problem = host.hostProblem();
            System.out.println(problem == null ? "ready" : "problem " + problem);
            HookOutcome o = host.run(HookedTable.SERVICE, host.locate(HookedTable.SERVICE),
                    Map.of("PATH", "/usr/bin:/bin", "HOOK_TABLE", "service", "NEW_number", "1"), HookCancellation.none(), null);
            System.out.println("ended " + o.reason());
        }
    }
}
