package io.hookdesk.db.schema;

import io.hookdesk.db.Database;
import io.hookdesk.db.DatabaseSettings;
import io.hookdesk.db.demo.DemoData;
import io.hookdesk.db.embedded.EmbeddedServer;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A home made by the release before the migrations were split (one Flyway history in public holding the demo tables,
 * the audit and the search indexes, as V1, V2, V3 and V10): it opens with this release, keeps its data and audit,
 * has both new histories recorded where the old one stood, and takes the next migrations from there.
 */
class UpgradeFromSingleMigrationSetTest {

    @TempDir
    Path home;

    @Test
    void aHomeMadeBeforeTheSplitOpensWithItsDataAndHistoriesConverted() throws Exception {
        try (EmbeddedServer server = EmbeddedServer.scratch(home.resolve("pgdata"))) {
            // Exactly what the earlier release ran on a new home: its four scripts, Flyway's defaults, then the demo.
            Flyway.configure().dataSource(server.jdbcUrl(), "postgres", null).locations("classpath:legacy-migration")
                    .load().migrate();
            try (Connection c = DriverManager.getConnection(server.jdbcUrl(), "postgres", null);
                 Statement s = c.createStatement()) {
                new DemoData(org.jooq.impl.DSL.using(c, org.jooq.SQLDialect.POSTGRES)).seed(DemoData.SMALL, n -> { });
                s.execute("INSERT INTO queue (name) VALUES ('made by the earlier release')");
                s.execute("INSERT INTO hookdesk.hook_run (table_name, operation, origin, started_at, outcome) "
                        + "VALUES ('queue', 'CREATE', 'DESKTOP', now(), 'COMMITTED')");
            }
        }

        for (int start = 1; start <= 2; start++) {
            try (Database db = Database.open(new DatabaseSettings(null, null, null, home))) {
                assertThat(db.freshlyCreated()).isFalse();
                assertThat(value(db, "SELECT count(*)::text FROM queue WHERE name = 'made by the earlier release'")).isEqualTo("1");
                assertThat(value(db, "SELECT count(*)::text FROM service")).isEqualTo(DemoData.SMALL + "");
                assertThat(value(db, "SELECT count(*)::text FROM hookdesk.hook_run")).isEqualTo("1");
                assertThat(value(db, "SELECT to_regclass('public.flyway_schema_history')::text")).isNull();
                assertThat(db.schemaVersion()).isEqualTo(io.hookdesk.testing.Migrations.latestVersion() + "");
                assertThat(db.schemaPending()).isZero();
                assertThat(db.hasDemoTables()).isTrue();
                // Baselined at the old release's state (3), then the demo set's later migrations (4: the seed marker,
                // 5 and 6: the account and the user names in number order, 7: the text indexes folded in any locale).
                assertThat(value(db, "SELECT string_agg(version, ',' ORDER BY installed_rank) FROM hookdesk.demo_schema_history "
                        + "WHERE success")).isEqualTo("3,4,5,6,7");
                assertThat(value(db, "SELECT count(*)::text FROM pg_indexes WHERE indexname IN ('account_number_names_ci', "
                        + "'user_number_names_ci')")).isEqualTo("2");
                assertThat(value(db, "SELECT count(*)::text FROM hookdesk.demo_seed")).isEqualTo("1");
                // The text indexes the earlier release made are replaced by the ones search uses now.
                assertThat(value(db, "SELECT count(*)::text FROM pg_indexes WHERE indexname = 'account_names_trgm'"))
                        .isEqualTo("0");
                assertThat(value(db, "SELECT count(*)::text FROM pg_indexes WHERE indexname = 'account_names_ci_trgm'"))
                        .isEqualTo("1");
            }
        }
    }

    private static String value(Database db, String sql) throws Exception {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getString(1);
        }
    }
}
