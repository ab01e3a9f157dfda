package io.hookdesk.records;

import io.hookdesk.db.schema.Tables;
import io.hookdesk.db.store.AuditStore;
import io.hookdesk.db.store.RecordStore;
import io.hookdesk.db.store.SearchStore;
import io.hookdesk.model.HookRun;
import io.hookdesk.model.HookedTable;
import io.hookdesk.model.Relations;
import io.hookdesk.model.Row;
import io.hookdesk.model.Suggestion;
import io.hookdesk.model.TableMeta;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Everything the desktop reads: table metadata, records with their version and related rows, searches, a record's
 * children, and the history of hook runs. Every method blocks on the database: call it off the FX thread.
 */
public final class RecordService {

    private final DSLContext dsl;
    private final RecordStore store;
    private final SearchStore search;
    private final AuditStore audit;

    public RecordService(DSLContext dsl, RecordStore store, AuditStore audit) {
        this.dsl = dsl;
        this.store = store;
        this.search = new SearchStore(store);
        this.audit = audit;
    }

    /**
     * Asks the database for {@code SELECT 1} through the pool, to tell whether it still answers (the status bar's
     * liveness check). Throws when it does not: the pool could not reach it within its connection timeout (10 s), or
     * it did not answer within 5 s. Returns the server that answered, as {@code host:port} (its own address and port:
     * with a multi-host URL, which of the servers the pool reached; {@code local socket:5432} over a Unix socket).
     */
    public String checkReachable() {
        return String.valueOf(dsl.resultQuery("SELECT coalesce(host(inet_server_addr()), 'local socket') || ':' "
                + "|| current_setting('port')").queryTimeout(5).fetchOne(0));
    }

    /** The table's columns as this database has them; {@link io.hookdesk.model.TableUnavailableException} if it lacks it. */
    public TableMeta meta(HookedTable table) {
        return store.tables().meta(table);
    }

    /** Why HookDesk cannot work on {@code table} in this database ("this database has no table efpdata"), if so. */
    public Optional<String> unavailable(HookedTable table) {
        return store.tables().problem(table);
    }

    /** The hooked tables as read from the database's catalogue at connect. */
    public Tables tables() {
        return store.tables();
    }

    /**
     * Columns this login may not read, of {@code table} and of each record its hook is given, by table (only tables
     * with such columns): they are left out of every read, form and environment.
     */
    public Map<HookedTable, List<String>> unreadableColumns(HookedTable table) {
        Set<HookedTable> seen = new LinkedHashSet<>();
        seen.add(table);
        Relations.of(table).forEach(rel -> seen.add(rel.target()));
        Map<HookedTable, List<String>> out = new LinkedHashMap<>();
        for (HookedTable t : seen) {
            Tables tables = store.tables();
            if (tables.available(t) && !tables.columnGrants(t).unreadable().isEmpty()) {
                out.put(t, List.copyOf(tables.columnGrants(t).unreadable()));
            }
        }
        return out;
    }

    /**
     * {@link #unreadableColumns} as the CLI's {@code env} and the desktop's environment panel say it, one line per table:
     * "not shown: account ccnum (this login may not read it)". Empty when the login reads every column.
     */
    public List<String> notShown(HookedTable table) {
        List<String> lines = new ArrayList<>();
        unreadableColumns(table).forEach((t, columns) -> lines.add("not shown: " + t + " " + String.join(", ", columns)
                + " (this login may not read " + (columns.size() == 1 ? "it" : "them") + ")"));
        return lines;
    }

    /**
     * Columns of {@code table} this login may read but not write by its column grants: those it may not insert when
     * {@code creating}, else those it may not update. Empty for a login with table grants. From the catalogue read at
     * connect; no round trip.
     */
    public List<String> unwritableColumns(HookedTable table, boolean creating) {
        Tables tables = store.tables();
        if (!tables.available(table)) {
            return List.of();
        }
        return creating ? tables.columnGrants(table).notInsertable() : tables.columnGrants(table).notUpdatable();
    }

    /** Whether row-level security on {@code table} applies to this login, so a record it cannot see may exist. */
    public boolean rowSecurityApplies(HookedTable table) {
        return store.tables().available(table) && store.tables().rowSecurity(table).active();
    }

    public Optional<LoadedRecord> load(HookedTable table, long number) {
        return dsl.transactionResult(cfg -> {
            DSLContext tx = DSL.using(cfg);
            return store.find(tx, table, number).map(v ->
                    new LoadedRecord(table, v.row(), v.version(), store.related(tx, table, v.row())));
        });
    }

    /** What a new record of {@code table} holds before anyone types: its columns' database defaults. */
    public Row defaults(HookedTable table) {
        return store.defaults(dsl, table);
    }

    /**
     * The product definitions ({@code servdef}) in display order: the few a service can be made from,
     * with the labels ({@code d01}..{@code d10}) of the service's provisioning fields.
     */
    public List<Row> serviceDefinitions() {
        return store.serviceDefinitions(dsl);
    }

    /**
     * The related records a draft would bring along (for a new record, or after a CSR changed a key such as
     * a service's user). Missing or empty keys are left out.
     */
    public Map<String, Row> related(HookedTable table, Row draft) {
        return store.related(dsl, table, draft);
    }

    /** One page of a search; the list holds at most {@code limit} rows. See {@link SearchStore} for the rules. */
    public SearchPage search(HookedTable table, String text, String sortColumn, boolean ascending, int offset, int limit) {
        List<Row> rows = search.search(dsl, table, text, sortColumn, ascending, offset, limit + 1);
        boolean more = rows.size() > limit;
        return new SearchPage(more ? rows.subList(0, limit) : rows, offset, more);
    }

    /**
     * At most {@code limit} records of {@code table} for the letters a CSR typed into a field (logins and emails from
     * their start, names from three letters); none for fewer than two letters. See {@link SearchStore#suggest}.
     */
    public List<Suggestion> suggest(HookedTable table, String text, int limit) {
        return search.suggest(dsl, table, text, limit);
    }

    /** Records of {@code table} whose {@code column} points at {@code parent} (an account's users, payments ...). */
    public List<Row> children(HookedTable table, String column, long parent, int limit) {
        return search.children(dsl, table, column, parent, limit);
    }

    public List<Row> servicesOfAccount(long account, int limit) {
        return search.servicesOfAccount(dsl, account, limit);
    }

    public List<HookRun> history(HookedTable table, long number, int limit) {
        return audit.forRecord(table.sqlName(), number, limit);
    }

    /** Every run of one account-wide action, its compensations included, in the order they were recorded. */
    public List<HookRun> cascadeRuns(String cascadeId) {
        return audit.forCascade(cascadeId);
    }

    /** Newest runs overall; {@code table} and {@code outcome} null for any. */
    public List<HookRun> recentRuns(HookedTable table, String outcome, int limit) {
        return audit.recent(table == null ? null : table.sqlName(), outcome, limit);
    }
}
