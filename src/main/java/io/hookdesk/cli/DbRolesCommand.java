package io.hookdesk.cli;

import io.hookdesk.admin.DatabaseAdmin;
import io.hookdesk.model.Failures;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code hookdesk db roles}: an administrator creates (or brings up to date) the roles {@code hookdesk_csr} and
 * {@code hookdesk_supervisor}; CSRs' logins are then granted one of them.
 */
@Command(name = "roles", description = {"Create the roles hookdesk_csr and hookdesk_supervisor and grant them what "
        + "CSRs need (run as the database's administrator; safe to repeat).",
        "Then: GRANT hookdesk_csr TO alice; (or hookdesk_supervisor).",
        "stdout: the statements run, one a line."})
final class DbRolesCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        var app = CliContext.of(spec).services();
        List<String> done;
        try {
            done = app.admin().setUpRoles();
        } catch (RuntimeException e) {
            throw new CliException(ExitCodes.DATABASE, "Could not set up the roles (run this as the database's "
                    + "administrator): " + Failures.rootMessage(e));
        }
        done.forEach(spec.commandLine().getOut()::println);
        spec.commandLine().getOut().flush();
        spec.commandLine().getErr().println("roles " + DatabaseAdmin.CSR_ROLE + " and " + DatabaseAdmin.SUPERVISOR_ROLE + " are ready on "
                + app.admin().description() + "; grant one to each CSR's login: GRANT " + DatabaseAdmin.CSR_ROLE + " TO alice;");
        return ExitCodes.OK;
    }
}
