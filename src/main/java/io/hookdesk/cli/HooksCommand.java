package io.hookdesk.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code hookdesk hooks}: the hooks directory. */
@Command(name = "hooks", description = "Inspect the hooks directory.", subcommands = HooksListCommand.class)
final class HooksCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "missing subcommand: list");
    }
}
