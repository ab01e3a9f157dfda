package io.hookdesk.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/**
 * {@code hookdesk db init}: creates HookDesk's BillMax demo tables in an empty database, for a trial or a test
 * server. Refuses a database that already has BillMax tables: an ISP's billing database is used as it is.
 */
@Command(name = "init", description = {"Create the BillMax demo tables in an empty database (then: hookdesk db demo).",
        "Refused (exit 2) when the database already has BillMax tables: those are used as they are, never altered."})
final class DbInitCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        var app = CliContext.of(spec).services();
        try {
            app.admin().initDemoTables();
        } catch (IllegalStateException e) {
            throw CliException.badInput(e.getMessage());
        }
        spec.commandLine().getOut().println("db init: created the BillMax demo tables in " + app.admin().description()
                + "; add records with: hookdesk db demo --scale N");
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }
}
