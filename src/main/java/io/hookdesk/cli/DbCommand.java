package io.hookdesk.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code hookdesk db}: the database itself. */
@Command(name = "db", description = "Check, migrate or index the database, set up its roles, or create and fill a demo database.",
        subcommands = {DbCheckCommand.class, DbMigrateCommand.class, DbIndexesCommand.class, DbInitCommand.class,
                DbDemoCommand.class, DbRolesCommand.class})
final class DbCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "missing subcommand: check, migrate, roles, indexes, init or demo");
    }
}
