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
 * {@code hookdesk db indexes}: the indexes that make searches fast, for an operator to review and run. HookDesk never
 * adds them to an existing billing database by itself.
 */
@Command(name = "indexes", description = {"Print the CREATE INDEX CONCURRENTLY statements for the search indexes this "
        + "database lacks (none printed: all present). Searches work without them, only slower on large tables.",
        "With --apply, run them (needs the rights to create indexes, and pg_trgm for the trigram ones)."})
final class DbIndexesCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--apply", description = "run the statements instead of printing them")
    boolean apply;

    @Override
    public Integer call() {
        DatabaseAdmin admin = CliContext.of(spec).services().admin();
        DatabaseAdmin.IndexReport indexes = admin.searchIndexes();
        List<String> missing = indexes.missing();
        List<String> statements = indexes.statements();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!apply) {
            statements.forEach(s -> out.println(s + ";"));
            out.flush();
            err.println(missing.size() + " search indexes missing" + (missing.isEmpty() ? "" : "; run them with --apply, "
                    + "or through psql, at a quiet hour (each one reads its whole table)"));
            return ExitCodes.OK;
        }
        for (String statement : statements) {
            err.println("db indexes: " + statement);
            err.flush();
            try {
                admin.runIndexStatement(statement);
            } catch (RuntimeException e) {
                throw new CliException(ExitCodes.DATABASE, "could not run " + statement + ": "
                        + Failures.rootMessage(e));
            }
        }
        out.println("db indexes: created " + missing.size() + " search indexes");
        out.flush();
        return ExitCodes.OK;
    }
}
