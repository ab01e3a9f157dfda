package io.hookdesk.cli;

import io.hookdesk.admin.DatabaseAdmin;
import io.hookdesk.model.HookCancellation;
import io.hookdesk.model.HookedTable;
import io.hookdesk.model.Origin;
import io.hookdesk.save.SaveResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/**
 * {@code hookdesk reprovision}: runs a table's hook again for a record as it is ({@code NEW=0}, {@code OLD_*} equal
 * to {@code NEW_*}, {@code HOOK_REPROVISION=1}), to bring the provisioned system back in line after a failure or
 * drift. For supervisors; changes nothing in the record.
 */
@Command(name = "reprovision", sortOptions = false,
        customSynopsis = "hookdesk reprovision [--csr=NAME] TABLE NUMBER",
        description = {"Run the table's hook again for a record as it is now, with NEW=0, OLD_* equal to NEW_* and "
                + "HOOK_REPROVISION=1, while the record is locked. The record itself is not changed; the run is recorded "
                + "in the history (operation rerun). For supervisors (members of the database role hookdesk_supervisor)."},
        footer = {"", "Examples:", "  hookdesk reprovision service 42",
                "", "Exit codes: 0 the hook succeeded; 2 not a supervisor, or no such record (nothing ran); 3 the hook "
                + "failed, timed out, is missing or was refused (logged); 4 a database error."})
final class ReprovisionCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "TABLE",
            description = "account, user, service, efpstate, efpdata, payhist, queue, ticket, message or datacall")
    HookedTable table;

    @Parameters(index = "1", paramLabel = "NUMBER", description = "the record whose hook runs again")
    long number;

    @Option(names = "--csr", paramLabel = "NAME", description = "a label for who asks for the run, recorded beside the database login (default: your user name)")
    String csr;

    @Override
    public Integer call() {
        CliContext ctx = CliContext.of(spec);
        PrintWriter err = spec.commandLine().getErr();
        var app = ctx.services();
        if (!app.supervisor()) {
            throw CliException.badInput("reprovision is for supervisors: the database user is not a member of the role "
                    + DatabaseAdmin.SUPERVISOR_ROLE + " (GRANT " + DatabaseAdmin.SUPERVISOR_ROLE + " TO <user>); no hook was run");
        }
        SaveResult r = app.saves().reprovision(table, number, Origin.COMMAND_LINE,
                ChangeOptions.label(csr != null ? csr : ctx.runtime().osUser()), HookCancellation.none());
        if (r.committed()) {
            err.println(SaveReport.subject(r) + ": " + r.message());
            return ExitCodes.OK;
        }
        return SaveReport.failed(err, app.records().meta(r.table()), r, ctx.logFile(), app.unlogged());
    }
}
