package io.hookdesk.cli;

import io.hookdesk.model.HookedTable;
import io.hookdesk.model.Origin;
import io.hookdesk.save.CsrLabel;
import io.hookdesk.save.SaveRequest;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.List;

/** {@code TABLE NUMBER | TABLE --new}, {@code --set COLUMN=VALUE}... and {@code --csr}: one change, as env and apply take it. */
final class ChangeOptions {

    @Parameters(index = "0", arity = "0..1", paramLabel = "TABLE",
            description = "account, user, service, efpstate, efpdata, payhist, queue, ticket, message or datacall")
    HookedTable table;

    @Parameters(index = "1", arity = "0..1", paramLabel = "NUMBER", description = "the record to update")
    Long number;

    @Option(names = "--new", description = "create a record instead of updating one")
    boolean create;

    @Option(names = "--set", paramLabel = "COLUMN=VALUE",
            description = "a column's new value, as typed in the desktop form (repeatable; COLUMN= for empty or NULL)")
    List<String> sets;

    @Option(names = "--csr", paramLabel = "NAME", description = "a label for who makes the change, recorded in the audit beside the database login "
            + "(default: your user name; HOOK_CSR is the database login)")
    String csr;

    boolean given() {
        return table != null || number != null || create || (sets != null && !sets.isEmpty());
    }

    /** {@code --csr}'s value if it may be recorded; otherwise exit 2 before anything is opened or written. */
    static String label(String csr) {
        CsrLabel.problem(csr).ifPresent(problem -> {
            throw CliException.badInput("--csr: the label " + problem);
        });
        return csr;
    }

    SaveRequest request(Origin origin, String defaultCsr) {
        if (table == null) {
            throw CliException.badInput("missing TABLE: give TABLE NUMBER to update a record or TABLE --new to create one; "
                    + "the tables are: " + TableNames.VALID);
        }
        if (create && number != null) {
            throw CliException.badInput("give either NUMBER (update " + table + " " + number + ") or --new (create), not both");
        }
        if (!create && number == null) {
            throw CliException.badInput("missing NUMBER: give the " + table + " number to update, or --new to create a " + table);
        }
        String who = label(csr != null ? csr : defaultCsr);
        var changes = Changes.parse(sets);
        return create ? SaveRequest.create(table, changes, origin, who)
                : SaveRequest.update(table, number, changes, null, origin, who);
    }
}
