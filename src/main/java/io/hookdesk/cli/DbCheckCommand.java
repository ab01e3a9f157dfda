package io.hookdesk.cli;

import io.hookdesk.db.schema.Catalog;
import io.hookdesk.db.schema.SchemaFindings;
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
        var app = CliContext.of(spec).services();
        Tables tables = app.records().tables();
        PrintWriter out = spec.commandLine().getOut();
        List<String> blockers = new ArrayList<>();
        List<String> warnings = new ArrayList<>();

        out.println("database: " + app.database().description());
        int pending = app.database().schemaPending();
        out.println("hookdesk schema: version " + app.database().schemaVersion()
                + (pending == 0 ? " (current)" : " (" + pending + " migrations pending: run hookdesk db migrate)"));
        if (pending > 0) {
            blockers.add("HookDesk's schema is not current: an administrator runs hookdesk db migrate");
        }
        var where = tables.schema();
        out.println("billmax schema: " + where.name() + " (" + where.reason() + ")");
        if (!where.others().isEmpty()) {
            String others = String.join(", ", where.others().entrySet().stream()
                    .map(e -> e.getKey() + " (" + e.getValue() + ")").toList());
            out.println("warning: other schemas hold BillMax tables too: " + others + "; HookDesk uses only "
                    + where.name() + " (db.schema, --db-schema or HOOKDESK_DB_SCHEMA names the one to use)");
            warnings.add("more than one schema holds BillMax tables");
        }
        var dsl = app.database().dsl();
        out.println("case-insensitive search: " + (tables.fold() == io.hookdesk.db.schema.SearchIndexes.Fold.ICU
                ? "Unicode case folding through ICU (und-x-icu), whatever the database's locale"
                : "lower() by the database's LC_CTYPE (this server has no ICU; under the C locale only ASCII letters fold)"));
        SchemaFindings.trgmSchema(dsl).filter(where.name()::equals).ifPresent(s -> {
            out.println("warning: pg_trgm is installed in the BillMax schema " + s + "; HookDesk keeps its objects out of "
                    + "it: ALTER EXTENSION pg_trgm SET SCHEMA hookdesk moves it");
            warnings.add("pg_trgm is in the BillMax schema");
        });
        var triggers = SchemaFindings.triggers(dsl, tables);
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
            var grants = tables.columnGrants(t);
            if (!grants.unreadable().isEmpty()) {
                out.printf("%-9s this login may not read: %s (left out of forms, the environment and every read)%n", "",
                        String.join(", ", grants.unreadable()));
                warnings.add("this login may not read some columns of " + t.sqlName());
            }
            if (may.update() && !grants.notUpdatable().isEmpty()) {
                out.printf("%-9s this login may not change: %s (read-only in forms; apply refuses them)%n", "",
                        String.join(", ", grants.notUpdatable()));
            }
            if (may.insert() && !grants.notInsertable().isEmpty()) {
                out.printf("%-9s this login may not set on create: %s%n", "", String.join(", ", grants.notInsertable()));
            }
            var rls = tables.rowSecurity(t);
            if (rls.enabled()) {
                out.printf("%-9s row-level security: %s; %s%n", "", String.join(", ", SchemaFindings.policies(dsl, tables, t)),
                        rls.active() ? "this login is subject to it (rows it hides are not found, writes it refuses are "
                                + "refused naming the policy)" : "this login is not subject to it (owner, superuser or BYPASSRLS)");
                if (rls.active()) {
                    warnings.add("row-level security limits what this login sees of " + t.sqlName());
                }
            }
            if (triggers.containsKey(t)) {
                out.printf("%-9s triggers of its own: %s (they run inside every save, before the hook; what they change "
                        + "reaches the hook, but a preview cannot show it)%n", "", String.join(", ", triggers.get(t)));
            }
            List<String> required = SchemaFindings.requiredWithoutDefault(tables, t);
            if (!required.isEmpty()) {
                out.printf("%-9s NOT NULL without a default (a create must set them): %s%n", "", String.join(", ", required));
            }
            if (!may.select()) {
                blockers.add("this login may not read " + t.sqlName() + ": GRANT SELECT ON " + meta.schema() + "."
                        + t.sqlName() + " (or the role hookdesk_csr)");
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
        if (!missing.isEmpty()) {
            warnings.add("search indexes missing");
        }
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
