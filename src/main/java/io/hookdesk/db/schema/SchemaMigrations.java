package io.hookdesk.db.schema;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import javax.sql.DataSource;

/**
 * The two sets of migrations. HookDesk's own objects (schema {@code hookdesk}: the audit and whatever else is ours)
 * go into any database, with Flyway's history in {@code hookdesk.flyway_schema_history}. The BillMax demo tables
 * (and their triggers, extension and search indexes) go only into a database HookDesk creates: the embedded one, and
 * one {@code hookdesk db init} prepared, whose history is {@code hookdesk.demo_schema_history}. An existing BillMax
 * schema in {@code public} is never touched.
 */
public final class SchemaMigrations {

    public static final String SCHEMA = "hookdesk";
    public static final String OWN_LOCATION = "classpath:db/hookdesk";
    static final String DEMO_LOCATION = "classpath:db/demo";
    private static final String DEMO_HISTORY = "demo_schema_history";
    /** The demo set's version that equals what a home made before the split has (its V1, V3 and V10). */
    private static final String LEGACY_DEMO_VERSION = "3";
    /** HookDesk's own set's version that equals the old V2 (the audit table). */
    private static final String LEGACY_OWN_VERSION = "1";

    private static final Logger LOG = LoggerFactory.getLogger(SchemaMigrations.class);

    private final DataSource dataSource;

    public SchemaMigrations(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** HookDesk's own set, configured once for migrate, baseline and the version report alike. */
    FluentConfiguration own() {
        return Flyway.configure().dataSource(dataSource).locations(OWN_LOCATION)
                .schemas(SCHEMA).defaultSchema(SCHEMA).createSchemas(true);
    }

    FluentConfiguration demo() {
        return Flyway.configure().dataSource(dataSource).locations(DEMO_LOCATION)
                .schemas(SCHEMA).defaultSchema(SCHEMA).table(DEMO_HISTORY)
                .javaMigrations(new SearchIndexMigration("3", "search indexes", SearchIndexes.FIRST),
                        new SearchIndexMigration("5", "account names in number order", SearchIndexes.NAMES_IN_NUMBER_ORDER),
                        new SearchIndexMigration("6", "user names in number order", SearchIndexes.USER_NAMES_IN_NUMBER_ORDER),
                        SearchIndexMigration.folded())
                // The schema hookdesk already holds HookDesk's own objects when the demo set first runs.
                .baselineOnMigrate(true).baselineVersion("0");
    }

    /** Brings HookDesk's own objects up to date, converting a database made before the split first. */
    public void migrateOwn() {
        convertLegacy();
        own().load().migrate();
    }

    /** Whether this database's BillMax tables are HookDesk's demo tables (made by HookDesk, migrated by it). */
    public boolean hasDemoTables() {
        return exists("SELECT to_regclass('" + SCHEMA + "." + DEMO_HISTORY + "') IS NOT NULL");
    }

    /** Brings the demo tables up to date; only for a database whose BillMax tables HookDesk made. */
    public void migrateDemo() {
        demo().load().migrate();
    }

    /**
     * Whether any schema holds one of BillMax's tables with its key {@code number} (an existing billing database),
     * on the search path or not: demo tables are never made beside the ISP's.
     */
    public boolean hasBillMaxTables() {
        return exists("SELECT EXISTS (SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                + "JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'number' AND NOT a.attisdropped "
                + "WHERE c.relname IN ('account','user','service','servdef','payhist') AND c.relkind IN ('r', 'p') "
                + "AND n.nspname NOT IN ('pg_catalog', 'information_schema', '" + SCHEMA + "') AND n.nspname NOT LIKE 'pg\\_%')");
    }

    /**
     * Whether the connected login may migrate: a superuser, a member of the role owning schema {@code hookdesk}, or,
     * before that schema exists, a login that may create schemas in the database. A CSR's login may not.
     */
    public boolean mayMigrate() {
        return exists("""
                SELECT CASE WHEN (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN true
                            WHEN to_regnamespace('%1$s') IS NULL THEN has_database_privilege(current_database(), 'CREATE')
                            ELSE pg_has_role(current_user, (SELECT nspowner FROM pg_namespace WHERE nspname = '%1$s'), 'USAGE')
                       END""".formatted(SCHEMA));
    }

    /** How many of the demo set's migrations this database has not had yet (0: current, or no demo tables). */
    public int demoPending() {
        return hasDemoTables() ? demo().load().info().pending().length : 0;
    }

    /** How many of HookDesk's own migrations this database has not had yet (0: current). */
    public int ownPending() {
        return own().load().info().pending().length;
    }

    /** The version of HookDesk's own objects, e.g. {@code 2}; {@code none} before the first migration. */
    public String ownVersion() {
        var current = own().load().info().current();
        return current == null || current.getVersion() == null ? "none" : current.getVersion().getVersion();
    }

    /**
     * A database made before the two sets were split keeps both in {@code public.flyway_schema_history}
     * (V1 tables, V2 audit, V3 and V10 search). Record that state in the two new histories, then drop the old one,
     * so the next migrations of each set apply from there. Each step is safe to repeat after a crash.
     */
    private void convertLegacy() {
        if (!exists("SELECT to_regclass('public.flyway_schema_history') IS NOT NULL")
                || !exists("SELECT EXISTS (SELECT 1 FROM public.flyway_schema_history WHERE script = 'V2__hookdesk_audit.sql')")) {
            return;
        }
        LOG.info("converting a HookDesk database made before release 0.2 to the split migrations");
        if (!exists("SELECT to_regclass('" + SCHEMA + ".flyway_schema_history') IS NOT NULL")) {
            own().baselineVersion(LEGACY_OWN_VERSION).baselineDescription("HookDesk audit, before the split").load().baseline();
        }
        if (!hasDemoTables()) {
            demo().baselineVersion(LEGACY_DEMO_VERSION).baselineDescription("BillMax demo tables, before the split")
                    .load().baseline();
        }
        execute("DROP TABLE public.flyway_schema_history");
    }

    private boolean exists(String sql) {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            return r.next() && r.getBoolean(1);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    private void execute(String sql) {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    /**
     * A demo set migration that makes some of {@link SearchIndexes}' indexes on the demo tables (V3: the first set, with
     * the trigram extension; V5: the account names in number order; V6: the users' names in number order; V7: the text
     * indexes again, folded in any locale, see {@link #folded}). Its checksum is its statements' (with ICU's fold), so
     * the indexes of a version already applied never change.
     */
    static final class SearchIndexMigration implements JavaMigration {

        private final String version;
        private final String description;
        private final Function<SearchIndexes.Fold, List<String>> statements;

        SearchIndexMigration(String version, String description, List<SearchIndexes.Index> indexes) {
            this(version, description, fold -> indexes.stream().map(i -> i.createStatement("public", "public", false)).toList());
        }

        private SearchIndexMigration(String version, String description,
                                     Function<SearchIndexes.Fold, List<String>> statements) {
            this.version = version;
            this.description = description;
            this.statements = statements;
        }

        /**
         * Demo set migration 7: the search's text indexes again, as {@link SearchIndexes#text} makes them today (names
         * NULL-safe, case folded by Unicode's rules whatever the database's locale, phones by their digits), in place of
         * those of migrations 3, 5 and 6, which the search no longer uses. The fold is the server's ({@code und-x-icu}
         * where it has ICU, as the embedded one does).
         */
        static SearchIndexMigration folded() {
            return new SearchIndexMigration("7", "search folded in any locale, names NULL-safe, phones by digits", fold -> {
                List<String> out = new ArrayList<>();
                Stream.of(SearchIndexes.FIRST, SearchIndexes.NAMES_IN_NUMBER_ORDER, SearchIndexes.USER_NAMES_IN_NUMBER_ORDER)
                        .flatMap(List::stream).filter(i -> !SearchIndexes.KEYS.contains(i))
                        .forEach(i -> out.add("DROP INDEX IF EXISTS public." + i.name()));
                SearchIndexes.text(fold).forEach(i -> out.add(i.createStatement("public", "public", false)));
                return out;
            });
        }

        @Override
        public MigrationVersion getVersion() {
            return MigrationVersion.fromVersion(version);
        }

        @Override
        public String getDescription() {
            return description;
        }

        @Override
        public Integer getChecksum() {
            return statements.apply(SearchIndexes.Fold.ICU).hashCode();
        }

        @Override
        public boolean canExecuteInTransaction() {
            return true;
        }

        @Override
        public void migrate(Context context) throws Exception {
            try (Statement s = context.getConnection().createStatement()) {
                boolean icu;
                try (ResultSet r = s.executeQuery("SELECT EXISTS (SELECT 1 FROM pg_collation WHERE collname = 'und-x-icu')")) {
                    icu = r.next() && r.getBoolean(1);
                }
                s.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public");
                for (String statement : statements.apply(icu ? SearchIndexes.Fold.ICU : SearchIndexes.Fold.LOWER)) {
                    s.execute(statement);
                }
            }
        }
    }
}
