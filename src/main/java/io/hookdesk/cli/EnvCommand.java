package io.hookdesk.cli;

import io.hookdesk.admin.DatabaseAdmin;
import io.hookdesk.hook.run.LocalHookHost;
import io.hookdesk.model.FireDecision;
import io.hookdesk.model.HookStatus;
import io.hookdesk.model.Operation;
import io.hookdesk.model.Origin;
import io.hookdesk.save.Masking;
import io.hookdesk.save.SaveOutcome;
import io.hookdesk.save.SaveRequest;
import io.hookdesk.save.SaveResult;
import io.hookdesk.save.SaveService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code hookdesk env}: the exact environment the hook would receive for a change, computed by the save path itself
 * in a transaction that is rolled back. stdout holds only the environment; the {@code # hook:} line saying which hook
 * would run (or why none would) goes to stderr.
 */
@Command(name = "env", sortOptions = false,
        customSynopsis = "hookdesk env [-0] [--reveal] [--csr=NAME] TABLE (NUMBER | --new) [--set=COLUMN=VALUE]...",
        description = {"Show the environment the hook would receive for a change, without saving anything.",
                "stdout: KEY=VALUE lines, sorted; a backslash in a value is written \\\\ and a newline \\n. "
                        + "stderr: which hook would run, or why none would."},
        footer = {"", "Examples:", "  hookdesk env service 42 --set state=2",
                "  hookdesk env service --new --set user=7 --set servdef=1 --set d01=jdoe",
                "  hookdesk env -0 --reveal service 42 | xargs -0 -n1"})
final class EnvCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ChangeOptions change;

    @Option(names = "--reveal", description = "show secrets (passwords, card data) instead of ********; "
            + "for supervisors (members of the database role hookdesk_supervisor)")
    boolean reveal;

    @Option(names = {"-0", "--null"}, description = "end each KEY=VALUE with NUL instead of a newline, values unescaped")
    boolean nul;

    @Override
    public Integer call() {
        CliContext ctx = CliContext.of(spec);
        SaveRequest request = change.request(Origin.COMMAND_LINE, ctx.runtime().osUser());
        var app = ctx.services();
        if (reveal && !app.supervisor()) {
            throw CliException.badInput("--reveal is for supervisors: the database user is not a member of the role "
                    + DatabaseAdmin.SUPERVISOR_ROLE + " (GRANT " + DatabaseAdmin.SUPERVISOR_ROLE + " TO <user>); nothing was shown");
        }
        Map<String, String> problems = app.saves().check(request);
        if (!problems.isEmpty()) {
            throw CliException.badInput(Problems.describe(app.records().meta(request.table()), problems));
        }
        SaveResult r = app.saves().preview(request);
        PrintWriter err = spec.commandLine().getErr();
        if (r.outcome() != SaveOutcome.PREVIEWED) {
            err.println("hookdesk: " + SaveReport.failure(app.records().meta(request.table()), r));
            return ExitCodes.of(r.outcome());
        }
        err.println("# hook: " + explain(r));
        if (!r.message().equals(SaveService.PREVIEWED)) {
            err.println("# " + r.message());
        }
        app.records().notShown(request.table()).forEach(line -> err.println("# " + line));
        if (r.operation() == Operation.CREATE) {
            err.println("# NEW_number is not shown: the database assigns it when apply saves the record");
        }
        err.flush();
        Map<String, String> env = reveal ? r.environment() : Masking.environment(r.table(), r.environment());
        if (nul) {
            EnvFormat.nul(spec.commandLine().getOut(), env);
        } else {
            EnvFormat.lines(spec.commandLine().getOut(), env);
        }
        return ExitCodes.OK;
    }

    /** Which hook would run for this change, or why none would. */
    static String explain(SaveResult r) {
        FireDecision d = r.decision();
        HookStatus s = r.hookStatus();
        if (!d.fire()) {
            return "none would run: " + d.describe();
        }
        if (s.absent()) {
            return "none would run: " + s.message();
        }
        if (s.refused()) {
            return s.path() + " would be refused, so apply would change nothing and exit " + ExitCodes.HOOK + ": " + s.message();
        }
        String why = d.reason() == FireDecision.Reason.PROVISIONING_CHANGE
                ? d.reason().text() + ": " + String.join(", ", d.provisioningColumns())
                : d.reason().text();
        return s.path() + (s.where().equals(LocalHookHost.WHERE) ? "" : " on " + s.where()) + " would run (" + why + ")";
    }
}
