package io.hookdesk.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code hookdesk db migrate}: brings the schema up to date (opening the database does) and prints its version. */
@Command(name = "migrate", description = {"Migrate the database to the current schema.",
        "stdout: the schema version alone."})
final class DbMigrateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        var app = CliContext.of(spec).services();
        String version = app.admin().schemaVersion();
        spec.commandLine().getOut().println(version);
        spec.commandLine().getOut().flush();
        spec.commandLine().getErr().println(app.admin().description() + " is at schema version " + version);
        return ExitCodes.OK;
    }
}
