package io.hookdesk.admin;

import io.hookdesk.db.Database;
import io.hookdesk.db.demo.DemoData;
import io.hookdesk.db.schema.BillMaxSchema;
import io.hookdesk.db.schema.Catalog;
import io.hookdesk.db.schema.Roles;
import io.hookdesk.db.schema.SchemaFindings;
import io.hookdesk.db.schema.SearchIndexes;
import io.hookdesk.db.schema.Tables;
import io.hookdesk.model.HookedTable;
import io.hookdesk.model.TableMeta;
import io.hookdesk.model.ValueSettings;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntConsumer;

/**
 * The database's administration as a service, so the command line's {@code db} commands reach the database through
 * it and never hold a connection, a catalogue or a statement of their own. Built by the composition root over one
 * open database and the catalogue read at connect.
 */
public final class DatabaseAdmin {

    /** The role a CSR's login is granted. */
    public static final String CSR_ROLE = Roles.CSR;
    /** The role whose members may reveal secrets. */
    public static final String SUPERVISOR_ROLE = Roles.SUPERVISOR;
    /** The most services {@link #addDemo} adds in one run. */
    public static final int MAX_DEMO_SCALE = DemoData.MAX_SCALE;

    /** One hooked table as the catalogue found it: a problem (absent, no key ...) or its columns and this login's rights. */
    public record TableReport(HookedTable table, Optional<String> problem, TableMeta meta,
                              boolean maySelect, boolean mayInsert, boolean mayUpdate) {
    }

    /**
     * The search indexes: how many apply to this database, the names of those it lacks, and the statements an
     * operator runs to add them (the trigram extension and the drop of an invalid leftover included).
     */
    public record IndexReport(int applicable, List<String> missing, List<String> statements) {
    }

    private final Database database;
    private final Tables tables;

    public DatabaseAdmin(Database database, Tables tables) {
        this.database = database;
        this.tables = tables;
    }

    /** Where the data is, never a password. */
    public String description() {
        return database.description();
    }

    /** The version of HookDesk's own schema, e.g. {@code 2}. */
    public String schemaVersion() {
        return database.schemaVersion();
    }

    /** How many of HookDesk's own migrations the database still lacks (0: current). */
    public int schemaPending() {
        return database.schemaPending();
    }

    /** Whether the BillMax tables are HookDesk's demo tables (so demo data may be added). */
    public boolean hasDemoTables() {
        return database.hasDemoTables();
    }

    /** Creates the demo tables in an empty database; {@link IllegalStateException} (saying why) if it has BillMax tables. */
    public void initDemoTables() {
        database.initDemoTables();
    }

    /** Adds {@code services} demo services with their records after whatever is there; progress gets the count so far. */
    public void addDemo(int services, IntConsumer progress) {
        new DemoData(database.dsl()).seed(services, progress);
    }

    /** Creates or brings up to date {@link #CSR_ROLE} and {@link #SUPERVISOR_ROLE}; returns the statements run. */
    public List<String> setUpRoles() {
        return Roles.setUp(database.dsl(), tables);
    }

    /** The schema that holds the BillMax tables HookDesk works on. */
    public String billMaxSchema() {
        return tables.schema().name();
    }

    /** What {@code db roles} did (or, not {@code apply}, would do): its statements, what it kept, and where. */
    public record RolesChange(List<String> statements, List<String> kept, String schema) {
    }

    /** Sets up the roles on the resolved BillMax tables; with {@code apply} false, only says how. */
    public RolesChange setUpRoles(boolean apply) {
        return new RolesChange(Roles.setUp(database.dsl(), tables, apply), List.of(), tables.schema().name());
    }

    /** Undoes {@link #setUpRoles}: revokes what the roles were granted, drops them where no login is a member. */
    public RolesChange revokeRoles(boolean apply) {
        Roles.Revocation r = Roles.revoke(database.dsl(), tables, apply);
        return new RolesChange(r.statements(), r.kept(), tables.schema().name());
    }

    /** What the catalogue found for {@code table}. */
    public TableReport table(HookedTable table) {
        Optional<String> problem = tables.problem(table);
        if (problem.isPresent()) {
            return new TableReport(table, problem, null, false, false, false);
        }
        Catalog.Privileges may = tables.privileges(table);
        return new TableReport(table, problem, tables.meta(table), may.select(), may.insert(), may.update());
    }

    /** The search indexes that apply here, those missing, and the statements that add them. */
    public IndexReport searchIndexes() {
        List<SearchIndexes.Index> applicable = SearchIndexes.applicable(tables);
        List<SearchIndexes.Index> missing = SearchIndexes.missing(database.dsl(), tables, applicable);
        return new IndexReport(applicable.size(), missing.stream().map(SearchIndexes.Index::name).toList(),
                SearchIndexes.statements(database.dsl(), tables, missing));
    }

    /** Runs one of {@link IndexReport#statements()}; each commits on its own (CONCURRENTLY runs outside a transaction). */
    public void runIndexStatement(String statement) {
        if (!searchIndexes().statements().contains(statement)) {
            throw new IllegalArgumentException("not a statement for a missing search index: " + statement);
        }
        database.dsl().execute(statement);
    }

    /** What {@code db check} says about values: known columns of unexpected types, an enum state without a mapping. */
    public List<String> valueFindings(ValueSettings settings) {
        return ValueChecks.findings(tables, settings);
    }

    /**
     * The server's connection slots and who holds them now (issue 24): its {@code max_connections} (with those kept
     * for superusers), every session on the server, HookDesk's (an {@code application_name} of
     * {@code hookdesk/<version>@<host>}) and on how many hosts; this process's own budget; whether a connection pooler
     * sits in between, and whether statements are prepared on the server (pgjdbc's {@code prepareThreshold}).
     */
    public record ConnectionReport(int maxConnections, int reservedForSuperusers, int sessions, int hookdeskSessions,
                                   int hookdeskHosts, int budget, boolean pooled, int prepareThreshold) {

        /** What {@code db check} warns of, empty when the settings fit. */
        public List<String> problems() {
            List<String> problems = new ArrayList<>();
            if (pooled && prepareThreshold > 0) {
                problems.add("the URL's prepareThreshold=" + prepareThreshold + " prepares statements on the server, "
                        + "which a pooler in transaction mode takes only as PgBouncer 1.21 or newer with "
                        + "max_prepared_statements set; with PgBouncer 1.18 remove it (HookDesk then uses 0)");
            }
            int usable = maxConnections - reservedForSuperusers;
            if (usable > 0 && sessions * 10 >= usable * 8) {
                problems.add(sessions + " of the server's " + usable + " connection slots are in use: desks and batches "
                        + "will be turned away when they run out (administration.md, \"Connections\")");
            }
            return problems;
        }
    }

    public ConnectionReport connections() {
        var row = database.dsl().fetchOne("""
                SELECT current_setting('max_connections')::int,
                       current_setting('superuser_reserved_connections')::int,
                       (SELECT count(*) FROM pg_catalog.pg_stat_activity WHERE backend_type = 'client backend')::int,
                       (SELECT count(*) FROM pg_catalog.pg_stat_activity
                         WHERE application_name LIKE 'hookdesk/%')::int,
                       (SELECT count(DISTINCT split_part(application_name, '@', 2)) FROM pg_catalog.pg_stat_activity
                         WHERE application_name LIKE 'hookdesk/%')::int""");
        return new ConnectionReport(row.get(0, Integer.class), row.get(1, Integer.class), row.get(2, Integer.class),
                row.get(3, Integer.class), row.get(4, Integer.class), database.connectionLimit(), database.pooled(),
                database.prepareThreshold());
    }

    /** The time zone this session writes {@code timestamptz} values in. */
    public String timeZone() {
        return String.valueOf(database.dsl().fetchValue("SELECT current_setting('TimeZone')"));
    }

    /** Which schema holds the BillMax tables, why, and the other schemas that hold some (with how many). */
    public record SchemaChoice(String name, String reason, Map<String, Integer> others) {
    }

    public SchemaChoice billMaxSchemaChoice() {
        BillMaxSchema s = tables.schema();
        return new SchemaChoice(s.name(), s.reason(), s.others());
    }

    /** Whether searches fold case through ICU (Unicode, any locale) rather than the database's {@code lower()}. */
    public boolean searchFoldsThroughIcu() {
        return tables.fold() == SearchIndexes.Fold.ICU;
    }

    /** The schema pg_trgm is installed in, if it is. */
    public Optional<String> trigramSchema() {
        return SchemaFindings.trgmSchema(database.dsl());
    }

    /** The ISP's own triggers on the hooked tables, by table. */
    public Map<HookedTable, List<String>> triggers() {
        return SchemaFindings.triggers(database.dsl(), tables);
    }

    /** What this login may not do with a table's columns, as its column grants say. */
    public record ColumnAccess(List<String> unreadable, List<String> notInsertable, List<String> notUpdatable) {
    }

    public ColumnAccess columnAccess(HookedTable table) {
        Catalog.ColumnGrants g = tables.columnGrants(table);
        return new ColumnAccess(g.unreadable(), g.notInsertable(), g.notUpdatable());
    }

    /** Row-level security on a table: whether it is on, whether this login is subject to it, and its policies. */
    public record RowAccess(boolean enabled, boolean active, List<String> policies) {
    }

    public RowAccess rowAccess(HookedTable table) {
        Catalog.RowSecurity r = tables.rowSecurity(table);
        return new RowAccess(r.enabled(), r.active(),
                r.enabled() ? SchemaFindings.policies(database.dsl(), tables, table) : List.of());
    }

    /** NOT NULL columns without a default: a create must set them. */
    public List<String> requiredWithoutDefault(HookedTable table) {
        return SchemaFindings.requiredWithoutDefault(tables, table);
    }
}
