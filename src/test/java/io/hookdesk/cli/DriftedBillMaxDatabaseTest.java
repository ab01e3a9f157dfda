package io.hookdesk.cli;

import io.hookdesk.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * HookDesk on {@code drifted-billmax.sql}: the BillMax tables in schema {@code billing} (on the database's
 * {@code search_path}, or not), a web application's {@code public.account} beside them, NULL name parts, letters beyond
 * ASCII in capitals, phones with punctuation, a trigger of the ISP's, column grants for a support login and
 * row-level security on queue. Every statement goes to {@code billing}; no schema but HookDesk's own changes, apart
 * from the grants {@code db roles} documents and the indexes {@code db indexes --apply} adds.
 */
class DriftedBillMaxDatabaseTest {

    /** The account and user searches every variant answers the same way; counts come from the data itself. */
    static void searchesFindEveryMatchWhateverTheCase(CliHarness cli) {
        assertThat(lines(cli.run("search", "account", "müller", "--limit", "1000")))
                .hasSize(cli.count("SELECT count(*) FROM billing.account WHERE clname IN ('MÜLLER', 'Müller')")).isNotEmpty();
        assertThat(lines(cli.run("search", "account", "ØRSTED", "--limit", "1000")))
                .hasSize(cli.count("SELECT count(*) FROM billing.account WHERE clname IN ('ØRSTED', 'Ørsted')")).isNotEmpty();
        assertThat(lines(cli.run("search", "user", "ørsted", "--limit", "1000")))
                .hasSize(cli.count("SELECT count(*) FROM billing.\"user\" WHERE lname = 'Ørsted'")).isNotEmpty();
        // Carla Schmidt has no company: a NULL part must not hide her name.
        assertThat(lines(cli.run("search", "account", "carla schmidt", "--limit", "1000")))
                .hasSize(cli.count("SELECT count(*) FROM billing.account WHERE cfname = 'Carla' AND clname = 'Schmidt'"))
                .anyMatch(l -> l.startsWith("41\t"));
        assertThat(lines(cli.run("search", "account", "schmidt", "--limit", "1000")))
                .hasSize(cli.count("SELECT count(*) FROM billing.account WHERE clname = 'Schmidt'"));
    }

    /** The data lines of a search's output (its header left out). */
    static List<String> lines(CliHarness.Run r) {
        assertThat(r.exit()).as(r.toString()).isZero();
        List<String> all = r.out().lines().toList();
        assertThat(all).as(r.toString()).isNotEmpty();
        return all.subList(1, all.size());
    }

    /** The billing schema on the database's search_path. */
    @Nested
    class OnTheSearchPath {

        @RegisterExtension
        final CliHarness cli = CliHarness.perTest(CliHarness.Data.DRIFTED);

        private boolean schemasMayChange;

        @AfterEach
        void nothingOfTheIspsChanged() {
            if (!schemasMayChange) {
                assertThat(cli.schemas()).isEqualTo(cli.schemasBefore);
            }
        }

        @Test
        void dbCheckSaysWhichSchemaAndWhyAndWhatItMet() {
            CliHarness.Run r = cli.run("db", "check");

            assertThat(r.exit()).as(r.toString()).isZero();
            assertThat(r.out()).contains("billmax schema: billing (found in the catalogue: it holds 5 of the 10 hooked "
                    + "tables with BillMax's columns, and no other schema holds any)");
            assertThat(r.out()).containsPattern("account +found in billing; key number")
                    .containsPattern("NOT NULL without a default \\(a create must set them\\): region")
                    .containsPattern("triggers of its own: service_note")
                    .contains("row-level security: queue_team_only (ALL); this login is not subject to it")
                    .contains("case-insensitive search: Unicode case folding through ICU")
                    .contains("search indexes: 0 of ");
        }

        @Test
        void theRecordsOwnNumberComesFirst() {
            List<String> found = lines(cli.run("search", "service", "27"));

            assertThat(found.get(0)).startsWith("27\t");
            // The services of user 27 are newer, and listed after it.
            assertThat(found).anyMatch(l -> l.startsWith("54\t")).anyMatch(l -> l.startsWith("53\t"));
        }

        @Test
        void phonesMatchByTheirDigitsWhateverThePunctuation() {
            assertThat(lines(cli.run("search", "account", "5419250025"))).singleElement().satisfies(l -> assertThat(l).startsWith("7\t"));
            assertThat(lines(cli.run("search", "account", "541-925"))).singleElement().satisfies(l -> assertThat(l).startsWith("7\t"));
            assertThat(lines(cli.run("search", "account", "(541) 925 0025"))).singleElement().satisfies(l -> assertThat(l).startsWith("7\t"));
            assertThat(lines(cli.run("search", "user", "5419250099"))).singleElement().satisfies(l -> assertThat(l).startsWith("3\t"));
            CliHarness.Run json = cli.run("search", "account", "5419250025", "--json");
            assertThat(json.out()).startsWith("{\"number\":7,").contains("\"cphone\":\"541-925-0025\"").contains("\"company\":null");
        }

        @Test
        void searchesFindNullNamePartsAndLettersBeyondAsciiInAnyCase() {
            searchesFindEveryMatchWhateverTheCase(cli);
        }

        @Test
        void dbIndexesPutsPgTrgmInHookDesksSchemaAndTheSearchUsesTheIndexes() {
            schemasMayChange = true;
            CliHarness.Run applied = cli.run("db", "indexes", "--apply");

            assertThat(applied.exit()).as(applied.toString()).isZero();
            assertThat(cli.value("SELECT extnamespace::regnamespace::text FROM pg_extension WHERE extname = 'pg_trgm'"))
                    .isEqualTo("hookdesk");
            // Apart from the indexes on its tables, billing is as it was: nothing of pg_trgm's is in it.
            assertThat(withoutIndexes(cli.schemas())).isEqualTo(withoutIndexes(cli.schemasBefore));
            assertThat(cli.count("SELECT count(*) FROM pg_proc WHERE pronamespace = 'billing'::regnamespace")).isEqualTo(1);
            assertThat(cli.run("db", "check").out()).containsPattern("search indexes: (\\d+) of \\1 present");
            // The search's expression is the trigram index's: with only bitmap scans allowed, the planner can serve the
            // LIKE from that index alone (the number-ordered one has no condition to use), and does.
            List<String> plan = cli.db.dsl().transactionResult(cfg -> {
                var tx = org.jooq.impl.DSL.using(cfg);
                tx.execute("SET LOCAL enable_seqscan = off");
                tx.execute("SET LOCAL enable_indexscan = off");
                tx.execute("SET LOCAL enable_indexonlyscan = off");
                return tx.fetch("EXPLAIN SELECT number FROM billing.account WHERE "
                        + io.hookdesk.db.schema.SearchIndexes.accountNames(io.hookdesk.db.schema.SearchIndexes.Fold.ICU)
                        + " LIKE lower(('%müller%')::text COLLATE \"und-x-icu\")").getValues(0, String.class);
            });
            assertThat(String.join("\n", plan)).contains("Bitmap Index Scan on account_names_ci_trgm");
            searchesFindEveryMatchWhateverTheCase(cli);
        }

        @Test
        void theSupportLoginReadsAndWritesOnlyTheColumnsItsGrantsAllow() {
            grantAuditTo(cli, cli.drifted.support());
            String support = cli.drifted.support();

            CliHarness.Run check = cli.runAs(support, "db", "check");
            assertThat(check.out()).as(check.toString()).containsPattern("this login may not read: ccnum")
                    .containsPattern("this login may not change: .*d01.*");
            assertThat(check.out()).doesNotContainPattern("may not change: [^\\n]*\\bstate\\b[^\\n]*d03");

            CliHarness.Run env = cli.runAs(support, "env", "service", "1", "--set", "state=2");
            assertThat(env.exit()).as(env.toString()).isZero();
            assertThat(env.out()).contains("NEW_state=2").contains("ACCOUNT_clname=").doesNotContain("ACCOUNT_ccnum");
            assertThat(env.err()).contains("# not shown: account ccnum (this login may not read it)");

            CliHarness.Run d01 = cli.runAs(support, "apply", "service", "1", "--set", "d01=mallory");
            assertThat(d01.exit()).as(d01.toString()).isEqualTo(ExitCodes.BAD_INPUT);
            assertThat(d01.err()).contains("d01").contains("your login may not change service.d01");
            assertThat(cli.value("SELECT d01 FROM billing.service WHERE number = 1")).isEqualTo("svc1");

            CliHarness.Run ccnum = cli.runAs(support, "apply", "account", "1", "--set", "ccnum=4111");
            assertThat(ccnum.exit()).as(ccnum.toString()).isEqualTo(ExitCodes.BAD_INPUT);
            assertThat(ccnum.err()).contains("your login may not read or change account.ccnum");

            CliHarness.Run state = cli.runAs(support, "apply", "service", "1", "--set", "state=2", "--set", "d03=vlan7");
            assertThat(state.exit()).as(state.toString()).isZero();
            assertThat(cli.value("SELECT state || ' ' || d03 FROM billing.service WHERE number = 1")).isEqualTo("2 vlan7");
        }

        @Test
        void rowLevelSecurityHidesRowsAndNamesThePolicyThatRefusesAWrite() {
            grantAuditTo(cli, cli.drifted.rls());
            String rls = cli.drifted.rls();
            int abuse = cli.count("SELECT number FROM billing.queue WHERE name = 'Abuse'");
            int support = cli.count("SELECT number FROM billing.queue WHERE name = 'Support'");

            CliHarness.Run check = cli.runAs(rls, "db", "check");
            assertThat(check.out()).as(check.toString()).contains("row-level security: queue_team_only (ALL); this login is subject to it");

            CliHarness.Run hidden = cli.runAs(rls, "apply", "queue", abuse + "", "--set", "descr=seen");
            assertThat(hidden.exit()).as(hidden.toString()).isEqualTo(ExitCodes.BAD_INPUT);
            assertThat(hidden.err()).contains("queue " + abuse + " is not found or not visible to your login");

            CliHarness.Run moved = cli.runAs(rls, "apply", "queue", support + "", "--set", "team=abuse");
            assertThat(moved.exit()).as(moved.toString()).isEqualTo(ExitCodes.BAD_INPUT);
            assertThat(moved.err()).contains("row-level security on queue").contains("queue_team_only");
            assertThat(cli.value("SELECT team FROM billing.queue WHERE number = " + support)).isEqualTo("support");

            CliHarness.Run fine = cli.runAs(rls, "apply", "queue", support + "", "--set", "descr=first line, always");
            assertThat(fine.exit()).as(fine.toString()).isZero();
            assertThat(cli.value("SELECT descr FROM billing.queue WHERE number = " + support)).isEqualTo("first line, always");
        }

        @Test
        void aRowThePolicyShowsButWillNotLetChangeIsRefusedNamingItAndNoHookRuns() {
            grantAuditTo(cli, cli.drifted.rls());
            String rls = cli.drifted.rls();
            int support = cli.count("SELECT number FROM billing.queue WHERE name = 'Support'");
            java.nio.file.Path marker = cli.temp.resolve("queue-hook-ran");
            cli.hook("queue", "touch " + marker);
            int runsBefore = cli.hookRuns();

            // An UPDATE policy narrower than SELECT: the row is shown, PostgreSQL's UPDATE touches 0 rows.
            cli.db.dsl().execute("CREATE POLICY queue_update_none ON billing.queue AS RESTRICTIVE FOR UPDATE USING (false)");
            CliHarness.Run narrower = cli.runAs(rls, "apply", "queue", support + "", "--set", "descr=changed");
            cli.db.dsl().execute("DROP POLICY queue_update_none ON billing.queue");
            // USING true, WITH CHECK false: the row is shown and found, every new version of it is refused.
            cli.db.dsl().execute("CREATE POLICY queue_frozen ON billing.queue AS RESTRICTIVE FOR UPDATE USING (true) WITH CHECK (false)");
            CliHarness.Run refused = cli.runAs(rls, "apply", "queue", support + "", "--set", "descr=changed");
            cli.db.dsl().execute("DROP POLICY queue_frozen ON billing.queue");

            assertThat(narrower.exit()).as(narrower.toString()).isEqualTo(ExitCodes.BAD_INPUT);
            assertThat(narrower.err()).contains("queue " + support).contains("row-level security on queue")
                    .contains("queue_update_none").contains("Nothing was changed").doesNotContain("Someone else");
            assertThat(refused.exit()).as(refused.toString()).isEqualTo(ExitCodes.BAD_INPUT);
            assertThat(refused.err()).contains("queue " + support).contains("row-level security on queue")
                    .contains("queue_frozen").contains("Nothing was changed").doesNotContain("Exception");
            assertThat(cli.value("SELECT descr FROM billing.queue WHERE number = " + support)).isEqualTo("first line");
            assertThat(marker).as("the queue hook must not run for a change the database refused").doesNotExist();
            assertThat(cli.count("SELECT count(*) FROM hookdesk.hook_run WHERE table_name = 'queue' AND outcome = 'committed'"))
                    .isZero();
            assertThat(cli.hookRuns()).isEqualTo(runsBefore + 2);
        }

        @Test
        void dbRolesAsTheCreateRoleOwnerGrantsOnBillingOnly() {
            schemasMayChange = true;
            TestDatabase.handExistingRolesTo(cli.drifted.admin());
            CliHarness.Run dry = cli.runAs(cli.drifted.admin(), "db", "roles", "--dry-run");
            assertThat(dry.exit()).as(dry.toString()).isZero();
            assertThat(dry.out()).contains("GRANT SELECT, INSERT, UPDATE ON \"billing\".\"account\" TO hookdesk_csr;")
                    .doesNotContain("\"public\".\"account\"");
            assertThat(dry.err()).contains("dry run, nothing was changed");
            assertThat(cli.schemas()).isEqualTo(cli.schemasBefore);

            CliHarness.Run r = cli.runAs(cli.drifted.admin(), "db", "roles");

            assertThat(r.exit()).as(r.toString()).isZero();
            assertThat(cli.value("SELECT has_table_privilege('hookdesk_csr', 'billing.service', 'UPDATE')::text")).isEqualTo("true");
            assertThat(cli.value("SELECT has_table_privilege('hookdesk_csr', 'public.account', 'SELECT')::text")).isEqualTo("false");
        }

        @Test
        void twoSchemasHoldingTheTablesAreRefusedUntilDbSchemaNamesOne() {
            cli.db.dsl().execute("CREATE SCHEMA billing_copy");
            for (String t : List.of("account", "\"user\"", "service", "queue", "payhist")) {
                cli.db.dsl().execute("CREATE TABLE billing_copy." + t + " (LIKE billing." + t + " INCLUDING ALL)");
            }
            schemasMayChange = true;

            CliHarness.Run refused = cli.run("db", "check");
            CliHarness.Run named = cli.run("--db-schema", "billing", "db", "check");
            CliHarness.Run unknown = cli.run("--db-schema", "billling", "search", "account", "x");

            assertThat(refused.exit()).as(refused.toString()).isEqualTo(ExitCodes.BAD_INPUT);
            assertThat(refused.err()).contains("billing and billing_copy").contains("db.schema");
            assertThat(named.exit()).as(named.toString()).isZero();
            assertThat(named.out()).contains("billmax schema: billing (set by db.schema")
                    .contains("other schemas hold BillMax tables too: billing_copy (5)");
            assertThat(unknown.exit()).as(unknown.toString()).isEqualTo(ExitCodes.BAD_INPUT);
            assertThat(unknown.err()).contains("this database has no schema billling");
        }

        @Test
        void aCreateMustSetTheColumnsWithoutDefaultAndLandsInBilling() {
            cli.hook("account", "exit 0");
            CliHarness.Run missing = cli.run("apply", "account", "--new", "--set", "clname=Noether");
            CliHarness.Run made = cli.run("apply", "account", "--new", "--set", "clname=Noether", "--set", "region=west");

            assertThat(missing.exit()).as(missing.toString()).isEqualTo(ExitCodes.BAD_INPUT);
            assertThat(missing.err()).contains("region");
            assertThat(made.exit()).as(made.toString()).isZero();
            assertThat(cli.count("SELECT count(*) FROM billing.account WHERE clname = 'Noether'")).isEqualTo(1);
            assertThat(cli.count("SELECT count(*) FROM public.account")).isEqualTo(1);
        }
    }

    /** The billing schema NOT on the search_path: the superuser's default path leads to the web app's account. */
    @Nested
    class OffTheSearchPath {

        @RegisterExtension
        final CliHarness cli = CliHarness.perTest(CliHarness.Data.DRIFTED_OFF_PATH);

        @Test
        void everyCommandWorksOnBillingAndNeverOnTheWebAppsAccount() {
            cli.hook("service", "exit 0");
            cli.hook("account", "exit 0");
            assertThat(cli.value("SELECT current_setting('search_path')")).doesNotContain("billing");

            CliHarness.Run check = cli.run("db", "check");
            CliHarness.Run env = cli.run("env", "account", "41", "--set", "state=1");
            CliHarness.Run apply = cli.run("apply", "account", "41", "--set", "email=carla@example.org");
            CliHarness.Run renew = cli.run("renew", "--date", "2026-11-15");

            assertThat(check.exit()).as(check.toString()).isZero();
            assertThat(check.out()).containsPattern("account +found in billing");
            assertThat(env.exit()).as(env.toString()).isZero();
            assertThat(env.out()).contains("NEW_clname=Schmidt").doesNotContain("password_hash");
            assertThat(apply.exit()).as(apply.toString()).isZero();
            assertThat(cli.value("SELECT email FROM billing.account WHERE number = 41")).isEqualTo("carla@example.org");
            assertThat(renew.exit()).as(renew.toString()).isZero();
            assertThat(cli.count("SELECT count(*) FROM billing.service WHERE invdate = DATE '2026-12-01'")).isPositive();
            searchesFindEveryMatchWhateverTheCase(cli);
            // Demo tables are never made beside the ISP's, found on the search path or not.
            CliHarness.Run init = cli.run("db", "init");
            assertThat(init.exit()).as(init.toString()).isEqualTo(ExitCodes.BAD_INPUT);
            assertThat(init.err()).contains("already has BillMax tables");
            assertThat(cli.schemas()).isEqualTo(cli.schemasBefore);
        }

        @Test
        void dbRolesAsASuperuserWithTheDefaultPathGrantsOnBillingAndRevokeUndoesIt() {
            CliHarness.Run r = cli.run("db", "roles");

            assertThat(r.exit()).as(r.toString()).isZero();
            assertThat(r.out()).contains("GRANT SELECT, INSERT, UPDATE ON \"billing\".\"account\" TO hookdesk_csr;")
                    .contains("GRANT USAGE ON SCHEMA \"billing\" TO hookdesk_csr;");
            assertThat(cli.value("SELECT has_table_privilege('hookdesk_csr', 'billing.account', 'UPDATE')::text")).isEqualTo("true");
            assertThat(cli.value("SELECT has_table_privilege('hookdesk_csr', 'public.account', 'SELECT')::text")).isEqualTo("false");
            assertThat(cli.value("SELECT relacl::text FROM pg_class WHERE oid = 'public.account'::regclass")).isNull();

            CliHarness.Run revoked = cli.run("db", "roles", "--revoke");

            assertThat(revoked.exit()).as(revoked.toString()).isZero();
            assertThat(revoked.out()).contains("REVOKE ALL ON \"billing\".\"account\" FROM hookdesk_csr;");
            // The roles are the server's, and other databases of this test server may still use them: what matters
            // here is that nothing of them is left on this database's billing tables.
            boolean roleLeft = cli.value("SELECT to_regrole('hookdesk_csr')::text") != null;
            if (roleLeft) {
                assertThat(cli.value("SELECT has_table_privilege('hookdesk_csr', 'billing.account', 'SELECT')::text")).isEqualTo("false");
            }
            assertThat(cli.schemas()).isEqualTo(cli.schemasBefore);
        }
    }

    /** A database created with the C locale, where lower('MÜLLER') is 'mÜller'. */
    @Nested
    class InTheCLocale {

        @RegisterExtension
        final CliHarness cli = CliHarness.perTest(CliHarness.Data.DRIFTED_C_LOCALE);

        @Test
        void muellerAndOerstedAreFoundInEveryCaseBeforeAndAfterTheIndexes() {
            assertThat(cli.value("SELECT datctype FROM pg_database WHERE datname = current_database()")).isEqualTo("C");
            assertThat(cli.value("SELECT lower('MÜLLER')")).isEqualTo("mÜller");

            searchesFindEveryMatchWhateverTheCase(cli);
            CliHarness.Run applied = cli.run("db", "indexes", "--apply");
            assertThat(applied.exit()).as(applied.toString()).isZero();
            searchesFindEveryMatchWhateverTheCase(cli);
            assertThat(Arrays.asList(cli.run("search", "account", "MÜLLER", "--limit", "1000").out().split("\n")))
                    .anyMatch(l -> l.contains("\tMÜLLER\t")).anyMatch(l -> l.contains("\tMüller\t"));
        }
    }

    /**
     * A server without ICU (the collation dropped from this database, as a PostgreSQL built without ICU never has it):
     * the search folds with {@code lower()} by the database's C locale, which folds A to Z alone. What that leaves
     * unmatched is what db check and administration.md say: a letter beyond ASCII matches only in the case it is
     * stored in; ASCII letters match in any case.
     */
    @Nested
    class InTheCLocaleWithoutIcu {

        @RegisterExtension
        final CliHarness cli = CliHarness.perTest(CliHarness.Data.DRIFTED_C_LOCALE);

        @Test
        void asciiLettersMatchInAnyCaseAndLettersBeyondItOnlyInTheCaseStored() throws Exception {
            try (java.sql.Connection su = java.sql.DriverManager.getConnection(cli.drifted.url(), "postgres", null);
                 java.sql.Statement st = su.createStatement()) {
                st.execute("DROP COLLATION pg_catalog.\"und-x-icu\"");
            }

            CliHarness.Run check = cli.run("db", "check");
            assertThat(check.out()).as(check.toString()).contains("case-insensitive search: lower() by the database's "
                    + "LC_CTYPE (this server has no ICU: under the C locale only A to Z match in either case; a letter "
                    + "beyond them, such as Ü or Ø, only in the case it is stored in)");
            assertThat(lines(cli.run("search", "account", "LOVELACE", "--limit", "1000")))
                    .hasSize(cli.count("SELECT count(*) FROM billing.account WHERE clname = 'Lovelace'")).isNotEmpty();
            assertThat(lines(cli.run("search", "account", "MÜLLER", "--limit", "1000")))
                    .hasSize(cli.count("SELECT count(*) FROM billing.account WHERE clname = 'MÜLLER'")).isNotEmpty()
                    .noneMatch(l -> l.contains("\tMüller\t"));
            assertThat(lines(cli.run("search", "account", "müller", "--limit", "1000")))
                    .hasSize(cli.count("SELECT count(*) FROM billing.account WHERE clname = 'Müller'")).isNotEmpty()
                    .noneMatch(l -> l.contains("\tMÜLLER\t"));
            assertThat(lines(cli.run("search", "account", "ørsted", "--limit", "1000"))).isEmpty();
        }
    }

    /** What a CSR's login needs of HookDesk's own schema to record its saves (db roles gives hookdesk_csr the same). */
    static void grantAuditTo(CliHarness cli, String login) {
        for (String sql : List.of("GRANT USAGE ON SCHEMA hookdesk TO " + login,
                "GRANT SELECT ON ALL TABLES IN SCHEMA hookdesk TO " + login,
                "GRANT INSERT ON hookdesk.hook_run TO " + login,
                "GRANT USAGE ON ALL SEQUENCES IN SCHEMA hookdesk TO " + login,
                "GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA hookdesk TO " + login)) {
            cli.db.dsl().execute(sql);
        }
    }

    /** A fingerprint without the search indexes HookDesk documents adding (their relations, columns and definitions). */
    private static String withoutIndexes(String fingerprint) {
        List<String> names = io.hookdesk.db.schema.SearchIndexes.all(io.hookdesk.db.schema.SearchIndexes.Fold.ICU).stream()
                .map(io.hookdesk.db.schema.SearchIndexes.Index::name).toList();
        return String.join("\n", fingerprint.lines().filter(l -> !l.startsWith("idx ")
                && names.stream().noneMatch(n -> l.startsWith("rel " + n + " ") || l.startsWith("col " + n + "."))).toList());
    }
}
