package io.hookdesk.cli;

import io.hookdesk.admin.DatabaseAdmin;
import io.hookdesk.model.Failures;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code hookdesk db roles}: an administrator creates (or brings up to date) the roles {@code hookdesk_csr} and
 * {@code hookdesk_supervisor}; CSRs' logins are then granted one of them. {@code --dry-run} prints the statements
 * without running them; {@code --revoke} undoes it.
 */
@Command(name = "roles", description = {"Create the roles hookdesk_csr and hookdesk_supervisor and grant them what "
        + "CSRs need, on the BillMax tables of the resolved schema only (safe to repeat).",
        "Run it as a login with CREATEROLE that owns the BillMax tables (or may grant on them) and HookDesk's schema: "
                + "a superuser, or the database's owner given CREATEROLE.",
        "Then: GRANT hookdesk_csr TO alice; (or hookdesk_supervisor).",
        "stdout: the statements run (or, with --dry-run, to run), one a line."})
final class DbRolesCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--dry-run", description = "print the statements it would run, and run none")
    boolean dryRun;

    @Option(names = "--revoke", description = "undo it: revoke what the roles were granted here, and drop them where no "
            + "login is a member any more")
    boolean revoke;

    @Override
    public Integer call() {
        var app = CliContext.of(spec).services();
        DatabaseAdmin admin = app.admin();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<String> statements;
        List<String> kept = List.of();
        String schema;
        try {
            DatabaseAdmin.RolesChange change = revoke ? admin.revokeRoles(!dryRun) : admin.setUpRoles(!dryRun);
            statements = change.statements();
            kept = change.kept();
            schema = change.schema();
        } catch (RuntimeException e) {
            throw new CliException(ExitCodes.DATABASE, "Could not " + (revoke ? "revoke" : "set up") + " the roles: "
                    + Failures.rootMessage(e) + ". Nothing was changed. It needs a login with CREATEROLE "
                    + "(PostgreSQL does not let a database owner without it create roles) that owns the BillMax tables in "
                    + "schema " + admin.billMaxSchema() + " and HookDesk's schema, or a superuser.");
        }
        statements.forEach(s -> out.println(s + ";"));
        out.flush();
        kept.forEach(k -> err.println("db roles: " + k));
        if (dryRun) {
            err.println("db roles: dry run, nothing was changed; " + statements.size() + " statements would run on "
                    + admin.description() + " (BillMax tables in schema " + schema + ")");
        } else if (revoke) {
            err.println("db roles: revoked on " + admin.description());
        } else {
            err.println("roles " + DatabaseAdmin.CSR_ROLE + " and " + DatabaseAdmin.SUPERVISOR_ROLE + " are ready on " + admin.description()
                    + " (BillMax tables in schema " + schema + "); grant one to each CSR's login: GRANT "
                    + DatabaseAdmin.CSR_ROLE + " TO alice;");
        }
        return ExitCodes.OK;
    }
}
