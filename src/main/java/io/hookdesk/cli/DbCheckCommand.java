package io.hookdesk.cli;

import io.hookdesk.db.schema.Catalog;
import io.hookdesk.db.schema.SearchIndexes;
import io.hookdesk.db.schema.Tables;
import io.hookdesk.model.DocumentedColumns;
import io.hookdesk.model.HookedTable;
import io.hookdesk.model.TableMeta;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code hookdesk db check}: what HookDesk finds in a database before anyone saves through it. Reads only.
 */
@Command(name = "check", description = {"Report what HookDesk finds in the database: each hooked table found or "
        + "missing, its columns (known, extra, documented but absent), its key, what this login may do, HookDesk's "
        + "schema version and the search indexes.",
        "Exit 0: HookDesk can work on this database; 2: it cannot (the report says why)."})
final class DbCheckCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Backend.Services app;
        try {
            app = CliContext.of(spec).services();
        } catch (CliContext.SchemaNotCurrent e) {
            // Documented: a database HookDesk cannot work on is exit 2 with the report, this case included.
            out.println("hookdesk schema: not current: " + e.getMessage());
            out.println();
            out.println("verdict: HookDesk cannot work on this database:");
            out.println("  - HookDesk's schema is not current: an administrator runs hookdesk db migrate");
            out.flush();
            return ExitCodes.BAD_INPUT;
        }
        Tables tables = app.records().tables();
        List<String> blockers = new ArrayList<>();
        List<String> warnings = new ArrayList<>();

        out.println("database: " + app.database().description());
        io.hookdesk.model.JdbcUrls.unverifiedTls(app.database().description()).ifPresent(tls -> {
            out.println("WARNING: " + tls);
            warnings.add(tls);
        });
        int pending = app.database().schemaPending();
        out.println("hookdesk schema: version " + app.database().schemaVersion()
                + (pending == 0 ? " (current)" : " (" + pending + " migrations pending: run hookdesk db migrate)"));
        if (pending > 0) {
            blockers.add("HookDesk's schema is not current: an administrator runs hookdesk db migrate");
        }
        out.println();
        int usable = 0;
        for (HookedTable t : HookedTable.values()) {
            var problem = tables.problem(t);
            if (problem.isPresent()) {
                out.printf("%-9s unavailable: %s%n", t.sqlName(), problem.get());
                warnings.add(problem.get());
                continue;
            }
            TableMeta meta = tables.meta(t);
            List<String> documented = DocumentedColumns.of(t);
            List<String> extra = meta.columnNames().stream().filter(c -> !documented.contains(c)).toList();
            List<String> absent = documented.stream().filter(c -> !meta.has(c)).toList();
            Catalog.Privileges may = tables.privileges(t);
            out.printf("%-9s found in %s; key number; %d columns: %d known, %d extra%s, %d documented but absent%s%n",
                    t.sqlName(), meta.schema(), meta.columns().size(), meta.columns().size() - extra.size(), extra.size(),
                    extra.isEmpty() ? "" : " (" + String.join(", ", extra) + ")", absent.size(),
                    absent.isEmpty() ? "" : " (" + String.join(", ", absent) + ")");
            out.printf("%-9s this login may:%s%s%s%n", "", may.select() ? " SELECT" : " (no SELECT)",
                    may.insert() ? " INSERT" : " (no INSERT)", may.update() ? " UPDATE" : " (no UPDATE)");
            if (!may.select()) {
                blockers.add("this login may not read " + t.sqlName() + ": GRANT SELECT ON " + t.sqlName() + " (or the role "
                        + "hookdesk_csr)");
            } else {
                usable++;
                if (!may.insert() || !may.update()) {
                    warnings.add("this login may not " + (!may.insert() ? "create" : "change") + " " + t.sqlName() + " records");
                }
            }
        }
        if (usable == 0 && blockers.isEmpty()) {
            blockers.add("none of the ten hooked tables is there to work on");
        }
        out.println();
        var applicable = SearchIndexes.applicable(tables);
        var missing = SearchIndexes.missing(app.database().dsl(), tables, applicable);
        out.println("search indexes: " + (applicable.size() - missing.size()) + " of " + applicable.size() + " present"
                + (missing.isEmpty() ? "" : "; missing: " + String.join(", ", missing.stream().map(SearchIndexes.Index::name)
                .toList()) + " (searches work, slower on large tables; hookdesk db indexes prints the statements)"));
        out.println();
        if (blockers.isEmpty()) {
            out.println("verdict: HookDesk can work on this database" + (warnings.isEmpty() ? "." : ", with "
                    + warnings.size() + " limitation" + (warnings.size() == 1 ? "" : "s") + " above."));
            out.flush();
            return ExitCodes.OK;
        }
        out.println("verdict: HookDesk cannot work on this database:");
        blockers.forEach(b -> out.println("  - " + b));
        out.flush();
        return ExitCodes.BAD_INPUT;
    }
}
