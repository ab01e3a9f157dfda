package io.hookdesk.app;

import io.hookdesk.hook.run.PendingCommit;
import io.hookdesk.hook.run.RemoteHookHost;
import io.hookdesk.model.HookCancellation;
import io.hookdesk.model.HookOutcome;
import io.hookdesk.model.HookedTable;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A HookDesk process for the runner tests to kill. Arguments: the hooks directory, this HookDesk's name for the runner
 * (its home), a database URL, then the command that starts the runner. It says who it is to the runner, opens a
 * transaction in the database, says {@code ready}, runs service_hook as the save would (the transaction named to the
 * runner) and prints {@code ended} and how; then waits, the transaction open and the commit never confirmed, to be
 * killed: the window between a hook's exit 0 and its commit.
 */
public final class RemoteRunMain {

    private RemoteRunMain() {
    }

    public static void main(String[] args) throws Exception {
        List<String> command = Arrays.asList(args).subList(3, args.length);
        try (Connection db = DriverManager.getConnection(args[2], "postgres", null);
             RemoteHookHost host = new RemoteHookHost("test", args[0], command, Duration.ofSeconds(600))) {
            db.setAutoCommit(false);
            String transaction;
            try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery("SELECT txid_current()")) {
                rs.next();
                transaction = rs.getString(1);
            }
            host.reportAbandoned(args[1], args[2], line -> System.out.println("report " + line), t -> "in progress");
            String problem = host.hostProblem();
            System.out.println(problem == null ? "ready" : "problem " + problem);
            HookOutcome o = host.run(HookedTable.SERVICE, host.locate(HookedTable.SERVICE),
                    Map.of("PATH", "/usr/bin:/bin", "HOOK_TABLE", "service", "NEW_number", "1"), HookCancellation.none(),
                    new PendingCommit(() -> transaction));
            System.out.println("ended " + o.reason());
            Thread.sleep(Long.MAX_VALUE);
        }
    }
}
