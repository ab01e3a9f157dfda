package io.hookdesk.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code hookdesk db}: the database itself. */
@Command(name = "db", description = "Migrate the database or fill it with demo data.",
        subcommands = {DbMigrateCommand.class, DbDemoCommand.class})
final class DbCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "missing subcommand: migrate or demo");
    }
}
