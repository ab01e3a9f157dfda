package io.hookdesk.cli;

import io.hookdesk.admin.DatabaseAdmin;
import io.hookdesk.model.DocumentedColumns;
import io.hookdesk.model.HookedTable;
import io.hookdesk.model.JdbcUrls;
import io.hookdesk.model.TableMeta;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code hookdesk db check}: what HookDesk finds in a database before anyone saves through it. The report itself only
 * reads; opening the database, as for every command, first migrates HookDesk's own schema {@code hookdesk} when the
 * login may (a CSR's login may not, and the report then says migrations are pending). The ISP's tables are never
 * changed.
 */
@Command(name = "check", description = {"Report what HookDesk finds in the database: each hooked table found or "
        + "missing, its columns (known, extra, documented but absent), its key, what this login may do, HookDesk's "
        + "schema version and the search indexes.",
        "Connecting first brings HookDesk's own schema (hookdesk) up to date when this login may, as every command "
                + "does; nothing else is changed.",
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
        DatabaseAdmin admin = app.admin();
        List<String> blockers = new ArrayList<>();
        List<String> warnings = new ArrayList<>();

        out.println("database: " + admin.description());
        JdbcUrls.unverifiedTls(admin.description()).ifPresent(tls -> {
            out.println("WARNING: " + tls);
            warnings.add(tls);
        });
        // Where hooks run and whether they can: a runner or host that cannot be reached refuses every hooked save.
        String hooksProblem = app.saves().hookHostProblem();
        out.println("hooks: " + app.saves().hooksPlace() + (hooksProblem == null ? "" : " (unusable: " + hooksProblem + ")"));
        if (hooksProblem != null) {
            warnings.add("hooks cannot run: every save to a table with a hook is refused until " + hooksProblem);
        }
        int pending = admin.schemaPending();
        out.println("hookdesk schema: version " + admin.schemaVersion()
                + (pending == 0 ? " (current)" : " (" + pending + " migrations pending: run hookdesk db migrate)"));
        if (pending > 0) {
            blockers.add("HookDesk's schema is not current: an administrator runs hookdesk db migrate");
        }
        var where = admin.billMaxSchemaChoice();
        out.println("billmax schema: " + where.name() + " (" + where.reason() + ")");
        if (!where.others().isEmpty()) {
            String others = String.join(", ", where.others().entrySet().stream()
                    .map(e -> e.getKey() + " (" + e.getValue() + ")").toList());
            out.println("warning: other schemas hold BillMax tables too: " + others + "; HookDesk uses only "
                    + where.name() + " (db.schema, --db-schema or HOOKDESK_DB_SCHEMA names the one to use)");
            warnings.add("more than one schema holds BillMax tables");
        }
        out.println("case-insensitive search: " + (admin.searchFoldsThroughIcu()
                ? "Unicode case folding through ICU (und-x-icu), whatever the database's locale"
                : "lower() by the database's LC_CTYPE (this server has no ICU: under the C locale only A to Z match in either "
                + "case; a letter beyond them, such as Ü or Ø, only in the case it is stored in)"));
        admin.trigramSchema().filter(where.name()::equals).ifPresent(s -> {
            out.println("warning: pg_trgm is installed in the BillMax schema " + s + "; HookDesk keeps its objects out of "
                    + "it: ALTER EXTENSION pg_trgm SET SCHEMA hookdesk moves it");
            warnings.add("pg_trgm is in the BillMax schema");
        });
        var triggers = admin.triggers();
        out.println();
        int usable = 0;
        for (HookedTable t : HookedTable.values()) {
            DatabaseAdmin.TableReport found = admin.table(t);
            if (found.problem().isPresent()) {
                out.printf("%-9s unavailable: %s%n", t.sqlName(), found.problem().get());
                warnings.add(found.problem().get());
                continue;
            }
            TableMeta meta = found.meta();
            List<String> documented = DocumentedColumns.of(t);
            List<String> extra = meta.columnNames().stream().filter(c -> !documented.contains(c)).toList();
            List<String> absent = documented.stream().filter(c -> !meta.has(c)).toList();
            out.printf("%-9s found in %s; key number; %d columns: %d known, %d extra%s, %d documented but absent%s%n",
                    t.sqlName(), meta.schema(), meta.columns().size(), meta.columns().size() - extra.size(), extra.size(),
                    extra.isEmpty() ? "" : " (" + String.join(", ", extra) + ")", absent.size(),
                    absent.isEmpty() ? "" : " (" + String.join(", ", absent) + ")");
            out.printf("%-9s this login may:%s%s%s%n", "", found.maySelect() ? " SELECT" : " (no SELECT)",
                    found.mayInsert() ? " INSERT" : " (no INSERT)", found.mayUpdate() ? " UPDATE" : " (no UPDATE)");
            var grants = admin.columnAccess(t);
            if (!grants.unreadable().isEmpty()) {
                out.printf("%-9s this login may not read: %s (left out of forms, the environment and every read)%n", "",
                        String.join(", ", grants.unreadable()));
                warnings.add("this login may not read some columns of " + t.sqlName());
            }
            if (found.mayUpdate() && !grants.notUpdatable().isEmpty()) {
                out.printf("%-9s this login may not change: %s (read-only in forms; apply refuses them)%n", "",
                        String.join(", ", grants.notUpdatable()));
            }
            if (found.mayInsert() && !grants.notInsertable().isEmpty()) {
                out.printf("%-9s this login may not set on create: %s%n", "", String.join(", ", grants.notInsertable()));
            }
            var rls = admin.rowAccess(t);
            if (rls.enabled()) {
                out.printf("%-9s row-level security: %s; %s%n", "", String.join(", ", rls.policies()),
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
            List<String> required = admin.requiredWithoutDefault(t);
            if (!required.isEmpty()) {
                out.printf("%-9s NOT NULL without a default (a create must set them): %s%n", "", String.join(", ", required));
            }
            if (!found.maySelect()) {
                blockers.add("this login may not read " + t.sqlName() + ": GRANT SELECT ON " + meta.schema() + "."
                        + t.sqlName() + " (or the role hookdesk_csr)");
            } else {
                usable++;
                if (!found.mayInsert() || !found.mayUpdate()) {
                    warnings.add("this login may not " + (!found.mayInsert() ? "create" : "change") + " " + t.sqlName() + " records");
                }
            }
        }
        List<String> values = admin.valueFindings(app.saves().valueSettings());
        if (!values.isEmpty()) {
            out.println();
            values.forEach(v -> out.println("value: " + v));
            warnings.addAll(values);
        }
        out.println("timestamptz values are written in the time zone "
                + admin.timeZone()
                + (app.saves().valueSettings().timeZone() != null ? " (db.time-zone)" : " (the database's own; set db.time-zone to choose)"));
        var slots = admin.connections();
        out.println("connections: the server's max_connections is " + slots.maxConnections() + " ("
                + slots.reservedForSuperusers() + " kept for superusers); " + slots.sessions() + " sessions now, "
                + slots.hookdeskSessions() + " of them HookDesk's (from " + slots.hookdeskHosts() + " host"
                + (slots.hookdeskHosts() == 1 ? "" : "s") + "); this HookDesk holds at most " + slots.budget());
        String prepared = slots.prepareThreshold() <= 0
                ? "statements are not prepared on the server (prepareThreshold=0)"
                : "statements are prepared on the server from their run number " + slots.prepareThreshold()
                        + " (prepareThreshold=" + slots.prepareThreshold() + ")";
        out.println("connection pooler: " + (slots.pooled()
                ? "seen (the server listens on a port the URL does not name: PgBouncer or another proxy); " + prepared
                : "none seen (the URL reaches PostgreSQL's own port); " + prepared));
        slots.problems().forEach(p -> {
            out.println("warning: " + p);
            warnings.add(p);
        });
        if (usable == 0 && blockers.isEmpty()) {
            blockers.add("none of the ten hooked tables is there to work on");
        }
        out.println();
        DatabaseAdmin.IndexReport indexes = admin.searchIndexes();
        List<String> missing = indexes.missing();
        out.println("search indexes: " + (indexes.applicable() - missing.size()) + " of " + indexes.applicable() + " present"
                + (missing.isEmpty() ? "" : "; missing: " + String.join(", ", missing) + " (searches work, slower on large tables; hookdesk db indexes prints the statements)"));
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
