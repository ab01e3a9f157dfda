package io.hookdesk.cli;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * HookDesk pointed at a billing database someone else made ({@code foreign-billmax.sql}: other column order, extra
 * columns, char(n) logins, serial keys, a vendor trigger, documented columns and whole tables missing). It works on
 * the tables as they are, passes every column to the hook, refuses what it cannot do, and leaves schema public exactly
 * as it found it.
 */
class ExistingBillMaxDatabaseTest {

    @RegisterExtension
    final CliHarness cli = CliHarness.perTest(CliHarness.Data.FOREIGN);

    /** Every test but the one that applies indexes on purpose: nothing of HookDesk's lands in public. */
    private boolean schemaMayChange;

    @AfterEach
    void publicSchemaUntouched() {
        if (!schemaMayChange) {
            assertThat(cli.publicSchema()).isEqualTo(cli.foreignSchemaBefore);
        }
    }

    @Test
    void dbCheckReportsTablesColumnsKeysAndPrivileges() {
        CliHarness.Run r = cli.run("db", "check");

        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).contains("hookdesk schema: version ").contains("(current)");
        assertThat(r.out()).containsPattern("account +found in public; key number; 11 columns: 10 known, 1 extra \\(x_region\\)");
        assertThat(r.out()).containsPattern("service +found in public; key number; 18 columns: 14 known, 4 extra "
                + "\\(x_vlan, x_tags, x_profile, x_changed\\), \\d+ documented but absent \\(.*addr.*\\)|"
                + "service +found in public; key number; 18 columns: 14 known, 4 extra \\(x_vlan, x_tags, x_profile, x_changed\\)");
        assertThat(r.out()).contains("this login may: SELECT INSERT UPDATE");
        assertThat(r.out()).containsPattern("efpdata +unavailable: this database has no table efpdata");
        assertThat(r.out()).containsPattern("ticket +unavailable: ticket has no single-column primary key number");
        assertThat(r.out()).contains("search indexes: 0 of ").contains("hookdesk db indexes prints the statements");
        assertThat(r.out()).contains("verdict: HookDesk can work on this database, with");
    }

    @Test
    void theHookSeesEveryColumnUnpaddedWithItsParents() throws IOException {
        Path seen = cli.temp.resolve("seen.env");
        cli.hook("service", "env > '" + seen + "'");

        CliHarness.Run r = cli.run("apply", "service", "1", "--set", "state=2");

        assertThat(r.exit()).as(r.toString()).isZero();
        String env = Files.readString(seen);
        assertThat(env).contains("NEW=0\n", "NEW_state=2\n", "OLD_state=0\n")
                .contains("NEW_d01=ada\n", "OLD_d01=ada\n", "USER_login=ada\n", "ACCOUNT_clname=Lovelace\n")
                .contains("NEW_x_vlan=120\n", "ACCOUNT_x_region=north\n", "NEW_x_tags={fibre,north}\n",
                        "NEW_x_profile={\"speed\": 100}\n", "NEW_price=19.9000000000\n");
        // The vendor's trigger ran on the save; the hook saw its stamp.
        // A timestamptz as PostgreSQL writes it: fractions of a second and the zone's offset included.
        assertThat(env).containsPattern("NEW_x_changed=\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d(\\.\\d+)?[+-]\\d\\d(:\\d\\d)?\n");
        // A related record's secrets are not the hook's business, documented or not.
        assertThat(env).doesNotContain("ACCOUNT_ccnum").doesNotContain("USER_password");
        assertThat(cli.count("SELECT state FROM service WHERE number = 1")).isEqualTo(2);
    }

    @Test
    void aFailingHookRollsTheChangeBack() {
        cli.hook("service", "echo 'RADIUS said no' >&2; exit 1");

        CliHarness.Run r = cli.run("apply", "service", "1", "--set", "x_vlan=300");

        assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCodes.HOOK);
        assertThat(cli.count("SELECT x_vlan FROM service WHERE number = 1")).isEqualTo(120);
        assertThat(cli.hookRuns()).isEqualTo(1);
    }

    @Test
    void aCreateGetsItsNumberFromTheSerialAndCharValuesComeBackUnpadded() throws IOException {
        Path seen = cli.temp.resolve("seen.env");
        cli.hook("service", "env > '" + seen + "'");

        CliHarness.Run r = cli.run("apply", "service", "--new", "--set", "user=1", "--set", "servdef=1",
                "--set", "d01=bob", "--set", "x_vlan=7");

        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(Files.readString(seen)).contains("NEW=1\n", "NEW_number=2\n", "NEW_d01=bob\n", "NEW_x_vlan=7\n",
                "USER_login=ada\n");
        assertThat(cli.value("SELECT d01 || '|' FROM service WHERE number = 2")).isEqualTo("bob|");
    }

    @Test
    void arraysOfTextAreWrittenThroughTheServersCast() {
        CliHarness.Run r = cli.run("apply", "service", "1", "--set", "x_tags={a,b}");

        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(cli.value("SELECT x_tags::text FROM service WHERE number = 1")).isEqualTo("{a,b}");
    }

    @Test
    void aTableTheDatabaseLacksOrCannotKeyIsRefusedByName() {
        CliHarness.Run missing = cli.run("env", "efpdata", "1");
        CliHarness.Run keyless = cli.run("apply", "ticket", "1", "--set", "subject=x");

        assertThat(missing.exit()).as(missing.toString()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(missing.err()).contains("this database has no table efpdata");
        assertThat(keyless.exit()).as(keyless.toString()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(keyless.err()).contains("ticket has no single-column primary key number");
        assertThat(cli.value("SELECT subject FROM ticket")).isEqualTo("No sync since Monday");
    }

    @Test
    void renewalAdvancesDueServicesOnTheIspsTable() {
        CliHarness.Run r = cli.run("renew", "--date", "2026-11-15");

        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).contains("renewed:     1");
        assertThat(cli.value("SELECT invdate::text || ' ' || invcnt FROM service WHERE number = 1")).isEqualTo("2026-12-01 1");
    }

    @Test
    void demoDataAndInitAreRefusedOnSomeoneElsesTables() {
        CliHarness.Run demo = cli.run("db", "demo", "--scale", "10");
        CliHarness.Run init = cli.run("db", "init");

        assertThat(demo.exit()).as(demo.toString()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(demo.err()).contains("are not HookDesk's, so nothing was added");
        assertThat(init.exit()).as(init.toString()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(init.err()).contains("already has BillMax tables");
        assertThat(cli.count("SELECT count(*) FROM account")).isEqualTo(1);
    }

    @Test
    void dbIndexesPrintsOnlyWhatThisDatabaseCanHaveAndAppliesItOnRequest() {
        schemaMayChange = true;
        CliHarness.Run printed = cli.run("db", "indexes");

        assertThat(printed.exit()).as(printed.toString()).isZero();
        // pg_trgm in HookDesk's own schema, never the ISP's; every object named with its schema.
        assertThat(printed.out()).startsWith("CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA hookdesk;\n")
                .contains("CREATE INDEX CONCURRENTLY IF NOT EXISTS service_d01_ci_prefix ON public.service USING btree "
                        + "((lower((d01) COLLATE \"und-x-icu\")) text_pattern_ops);")
                .contains("account_names_ci_trgm ON public.account USING gin ((lower((coalesce(cfname, '') || ' ' || "
                        + "coalesce(clname, '') || ' ' || coalesce(company, '')) COLLATE \"und-x-icu\")) hookdesk.gin_trgm_ops)")
                // user.dphone is not in this database: no index on it is offered.
                .doesNotContain("user_phone");
        assertThat(cli.publicSchema()).isEqualTo(cli.foreignSchemaBefore);

        CliHarness.Run applied = cli.run("db", "indexes", "--apply");
        CliHarness.Run again = cli.run("db", "indexes");

        assertThat(applied.exit()).as(applied.toString()).isZero();
        assertThat(again.out()).isEmpty();
        assertThat(again.err()).contains("0 search indexes missing");
        assertThat(cli.run("db", "check").out()).containsPattern("search indexes: (\\d+) of \\1 present");
    }
}
