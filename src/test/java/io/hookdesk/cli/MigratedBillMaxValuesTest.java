package io.hookdesk.cli;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * HookDesk on a BillMax database migrated from MySQL by an ISP's own staff ({@code mysql-migrated-billmax.sql}): every
 * value is read, shown, passed to the hook and written by the type the catalogue gives it, exactly as PostgreSQL prints
 * it, and what the server refuses is refused naming the field before anything is written.
 */
class MigratedBillMaxValuesTest {

    @RegisterExtension
    final CliHarness cli = CliHarness.perTest(CliHarness.Data.MIGRATED);

    @AfterEach
    void publicSchemaUntouched() {
        assertThat(cli.publicSchema()).isEqualTo(cli.foreignSchemaBefore);
    }

    private String hookEnv(String table, String... applyArgs) throws IOException {
        Path seen = cli.temp.resolve(table + "-seen.env");
        Files.deleteIfExists(seen);
        cli.hook(table, "env > '" + seen + "'");
        CliHarness.Run r = cli.run(applyArgs);
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(seen).as("the hook ran: " + r).exists();
        return Files.readString(seen);
    }

    @Test
    void theHookGetsEveryValueAsPostgresqlPrintsIt() throws IOException {
        String env = hookEnv("service", "apply", "service", "1", "--set", "d01=ada-new");

        assertThat(env).contains("NEW_ip=203.0.113.17\n", "NEW_subnet=10.0.0.0/8\n", "NEW_mac=08:00:2b:01:02:03\n",
                "NEW_device=a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11\n", "NEW_profile={\"speed\": 100}\n",
                "NEW_tags={fibre,north}\n", "NEW_state=open\n", "NEW_price=19.90\n", "NEW_enddate=infinity\n",
                "NEW_entdate=2021-03-28 02:30:00\n", "NEW_startdate=2020-01-15\n", "NEW_donotprovision=0\n",
                "USER_entdate=2021-03-28 02:30:00\n", "ACCOUNT_balance=-14.55\n", "ACCOUNT_deposit=4995\n");
        assertThat(cli.value("SELECT d01 FROM service WHERE number = 1")).isEqualTo("ada-new");
    }

    @Test
    void extremeTimestampsAndABigintParentPastTwoToTheThirtyTwoReachTheHookUnchanged() {
        CliHarness.Run r = cli.run("env", "service", "2");

        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).contains("NEW_enddate=-infinity\n", "NEW_startdate=0001-01-01\n",
                "NEW_entdate=2024-02-29 23:59:59.999999\n", "NEW_ip=2001:db8::1/64\n", "NEW_tags={}\n",
                "NEW_user=4294967338\n", "USER_number=4294967338\n", "USER_login=grace\n", "USER_entdate=infinity\n",
                "ACCOUNT_clname=Hopper\n");
    }

    @Test
    void aUserNumberPastTwoToTheThirtyTwoIsPreviewedUpdatedAndAudited() throws IOException {
        CliHarness.Run env = cli.run("env", "user", "4294967338");
        assertThat(env.exit()).as(env.toString()).isZero();
        assertThat(env.out()).contains("NEW_number=4294967338\n", "NEW_login=grace\n");

        String hook = hookEnv("user", "apply", "user", "4294967338", "--set", "lname=Hopper");

        assertThat(hook).contains("NEW_number=4294967338\n", "NEW_lname=Hopper\n");
        assertThat(cli.value("SELECT lname FROM \"user\" WHERE number = 4294967338")).isEqualTo("Hopper");
        assertThat(cli.value("SELECT record_number::text FROM hookdesk.hook_run WHERE table_name = 'user' ORDER BY id DESC LIMIT 1"))
                .isEqualTo("4294967338");
    }

    @Test
    void aServiceIsPointedAtABigintUserByApplyAndByApplyFile() throws IOException {
        String hook = hookEnv("service", "apply", "service", "1", "--set", "user=4294967338");
        assertThat(hook).contains("NEW_user=4294967338\n", "OLD_user=1\n", "USER_number=4294967338\n", "USER_login=grace\n");
        assertThat(cli.value("SELECT \"user\"::text FROM service WHERE number = 1")).isEqualTo("4294967338");

        Path changes = cli.temp.resolve("bigint.jsonl");
        Files.writeString(changes, "{\"table\":\"service\",\"number\":3,\"set\":{\"user\":4294967338}}\n"
                + "{\"table\":\"user\",\"number\":4294967338,\"set\":{\"fname\":\"Grace B.\"}}\n");
        cli.hook("user", "exit 0");
        CliHarness.Run r = cli.run("apply", "--file", changes.toString(), "--parallel", "1");

        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(cli.value("SELECT \"user\"::text FROM service WHERE number = 3")).isEqualTo("4294967338");
        assertThat(cli.value("SELECT fname FROM \"user\" WHERE number = 4294967338")).isEqualTo("Grace B.");
        assertThat(cli.value("SELECT count(*)::text FROM hookdesk.hook_run WHERE table_name = 'user' AND record_number = 4294967338"))
                .isEqualTo("1");
    }

    @Test
    void aNumberItsIntegerKeyCannotHoldIsRefusedNamingTheColumnBeforeAnyStatement() {
        cli.hook("service", "exit 0");

        for (String command : new String[] {"env", "apply", "reprovision"}) {
            CliHarness.Run r = command.equals("apply")
                    ? cli.run("apply", "service", "4294967338", "--set", "d01=x")
                    : cli.run(command, "service", "4294967338");
            assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCodes.BAD_INPUT);
            assertThat(r.err()).as(command).contains("service.number", "4294967338", "integer").doesNotContain("Exception");
        }
        CliHarness.Run tooLarge = cli.run("apply", "service", "1", "--set", "d01=x", "--set", "duration=4294967338");
        assertThat(tooLarge.exit()).as(tooLarge.toString()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(tooLarge.err()).contains("duration");
        assertThat(cli.value("SELECT d01 FROM service WHERE number = 1")).isEqualTo("ada");
    }

    @Test
    void enumAndAddressesAreWrittenThroughTheServersCast() throws IOException {
        String env = hookEnv("service", "apply", "service", "1", "--set", "state=suspended", "--set", "ip=198.51.100.7/32",
                "--set", "tags={a,\"b c\"}", "--set", "profile={\"speed\":200}", "--set", "enddate=2030-01-01");

        assertThat(env).contains("NEW_state=suspended\n", "OLD_state=open\n", "NEW_ip=198.51.100.7\n",
                "NEW_tags={a,\"b c\"}\n", "NEW_profile={\"speed\": 200}\n", "NEW_enddate=2030-01-01 00:00:00\n");
        assertThat(cli.value("SELECT state::text FROM service WHERE number = 1")).isEqualTo("suspended");
        assertThat(cli.value("SELECT host(ip) FROM service WHERE number = 1")).isEqualTo("198.51.100.7");
    }

    @Test
    void anInvalidValueIsRefusedNamingTheFieldAndTheTypeAndNothingIsWritten() {
        cli.hook("service", "exit 0");

        CliHarness.Run r = cli.run("apply", "service", "1", "--set", "d01=changed", "--set", "ip=not-an-address");

        assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err()).contains("ip").contains("inet").contains("not-an-address").doesNotContain("Exception");
        assertThat(cli.value("SELECT d01 FROM service WHERE number = 1")).isEqualTo("ada");
        assertThat(cli.count("SELECT count(*) FROM hookdesk.hook_run WHERE outcome = 'committed'")).isZero();
    }

    @Test
    void aLabelTheEnumDoesNotHaveIsRefusedWithTheLabels() {
        CliHarness.Run r = cli.run("apply", "service", "1", "--set", "state=2");

        assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err()).contains("state").contains("open, suspended, closed");
        assertThat(cli.value("SELECT state::text FROM service WHERE number = 1")).isEqualTo("open");
    }

    @Test
    void theDomainsCheckIsEnforcedByTheServerAndShownAgainstTheField() {
        CliHarness.Run r = cli.run("apply", "account", "1", "--set", "email=no at sign");

        assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err()).contains("email").contains("email_address").contains("email_address_check");
        assertThat(cli.value("SELECT email FROM account WHERE number = 1")).isEqualTo("ada@example.net");
    }

    @Test
    void byteaStaysReadOnly() {
        CliHarness.Run r = cli.run("apply", "account", "1", "--set", "photo=\\x00");

        assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err()).contains("photo").contains("has type bytea, which HookDesk shows but never writes");
    }

    @Test
    void numericMoneyIsCurrencyAsStoredAndPreviewsAsPostgresqlWillPrintIt() {
        CliHarness.Run preview = cli.run("env", "account", "1", "--set", "balance=20");
        CliHarness.Run apply = cli.run("apply", "account", "1", "--set", "balance=20");

        assertThat(preview.exit()).as(preview.toString()).isZero();
        assertThat(preview.out()).contains("NEW_balance=20.00\n", "OLD_balance=-14.55\n");
        assertThat(apply.exit()).as(apply.toString()).isZero();
        assertThat(cli.value("SELECT balance::text FROM account WHERE number = 1")).isEqualTo("20.00");
    }

    @Test
    void aSaveThatChangesNothingChangesNothingEvenWithIdentityKeys() {
        String before = cli.value("SELECT xmin::text || updated_at IS NULL FROM account WHERE number = 1");
        cli.hook("account", "exit 0");

        CliHarness.Run env = cli.run("env", "account", "1");
        CliHarness.Run same = cli.run("apply", "account", "1", "--set", "cfname=Ada");

        assertThat(env.exit()).as(env.toString()).isZero();
        assertThat(same.exit()).as(same.toString()).isZero();
        assertThat(same.out() + same.err()).doesNotContain("DEFAULT");
        assertThat(cli.value("SELECT xmin::text || updated_at IS NULL FROM account WHERE number = 1")).isEqualTo(before);
    }

    @Test
    void aSmallintDoNotProvisionFlagKeepsTheHookFromRunning() {
        cli.hook("service", "echo ran >&2; exit 1");

        CliHarness.Run r = cli.run("apply", "service", "2", "--set", "state=suspended");

        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out() + r.err()).contains("Do Not Provision");
        assertThat(cli.value("SELECT state::text FROM service WHERE number = 2")).isEqualTo("suspended");
    }

    @Test
    void aColumnOnlyTheDatabaseChangedDoesNotMakeTheHookRunAndTheAuditSaysWhy() {
        cli.hook("account", "echo 'must not run' >&2; exit 1");

        CliHarness.Run r = cli.run("apply", "account", "1", "--set", "balance=1.50");

        assertThat(r.exit()).as(r.toString()).isZero();
        // The ISP's trigger stamped updated_at; the CSR changed only the balance, which has no provisioning consequence.
        assertThat(cli.count("SELECT count(*) FROM account WHERE number = 1 AND updated_at IS NOT NULL")).isEqualTo(1);
        assertThat(cli.value("SELECT message FROM hookdesk.hook_run ORDER BY id DESC LIMIT 1"))
                .contains("updated_at: changed by the database, not by this save");
    }

    @Test
    void columnsTheOperatorListsAreNotProvisioningData() throws IOException {
        Files.writeString(cli.home.resolve("hookdesk.properties"), "hook.ignore-columns=account.company, notes\n");
        cli.hook("account", "echo 'must not run' >&2; exit 1");

        CliHarness.Run ignored = cli.run("apply", "account", "1", "--set", "company=Engines");
        String audit = cli.value("SELECT outcome || ': ' || message FROM hookdesk.hook_run ORDER BY id DESC LIMIT 1");
        CliHarness.Run provisioning = cli.run("apply", "account", "1", "--set", "clname=Byron");

        assertThat(ignored.exit()).as(ignored.toString()).isZero();
        assertThat(audit).contains("company: listed in hook.ignore-columns").contains("updated_at: changed by the database");
        assertThat(provisioning.exit()).as(provisioning.toString()).isEqualTo(ExitCodes.HOOK);
        assertThat(cli.value("SELECT clname FROM account WHERE number = 1")).isEqualTo("Lovelace");
    }

    @Test
    void renewWorksOnAnEnumStateThroughBillMaxsWordForOpen() {
        CliHarness.Run r = cli.run("renew", "--date", "2024-01-15");

        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).contains("renewed:     2");
        // The suspended service is not renewed.
        assertThat(cli.value("SELECT string_agg(number || '=' || invdate, ',' ORDER BY number) FROM service"))
                .isEqualTo("1=2024-02-01,2=2024-02-01,3=2024-01-01");
    }

    @Test
    void renewOnAnEnumWithoutBillMaxsWordsRefusesUntilTheOperatorMapsThem() throws IOException {
        cli.db.dsl().execute("ALTER TYPE service_state RENAME VALUE 'open' TO 'active'");

        CliHarness.Run refused = cli.run("renew", "--date", "2024-01-15");
        Files.writeString(cli.home.resolve("hookdesk.properties"), "state.labels=Open:active,Suspended:suspended\n");
        CliHarness.Run mapped = cli.run("renew", "--date", "2024-01-15");

        assertThat(refused.exit()).as(refused.toString()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(refused.err()).contains("service.state", "active, suspended, closed", "state.labels")
                .doesNotContain("Exception");
        assertThat(mapped.exit()).as(mapped.toString()).isZero();
        assertThat(mapped.out()).contains("renewed:     2");
    }

    @Test
    void aPreviewWritesNothingAndNamesTheTriggerItCannotShow() {
        String before = cli.value("SELECT xmin::text FROM account WHERE number = 1");

        CliHarness.Run r = cli.run("env", "account", "1", "--set", "clname=Byron");

        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).contains("NEW_clname=Byron\n", "OLD_clname=Lovelace\n", "NEW_updated_at=\n");
        assertThat(r.err()).contains("account_stamp").contains("cannot show");
        assertThat(cli.value("SELECT xmin::text FROM account WHERE number = 1")).isEqualTo(before);
    }

    @Test
    void anEfpdataHookGetsItsVisibleEfpstateParent() {
        CliHarness.Run withParent = cli.run("env", "efpdata", "1");
        CliHarness.Run orphan = cli.run("env", "efpdata", "2");

        assertThat(withParent.exit()).as(withParent.toString()).isZero();
        assertThat(withParent.out()).contains("NEW_efpstate=1\n", "EFPSTATE_number=1\n", "EFPSTATE_status=approved\n",
                "EFPSTATE_amount=4995\n");
        assertThat(orphan.exit()).as(orphan.toString()).isZero();
        assertThat(orphan.out()).doesNotContain("EFPSTATE_");
    }

    @Test
    void dbCheckSaysWhatItWillDoWithUnexpectedTypesAndAnUnmappedEnumState() {
        cli.db.dsl().execute("ALTER TYPE service_state RENAME VALUE 'open' TO 'active'");

        CliHarness.Run r = cli.run("db", "check");

        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).contains("value: account.balance is numeric(12,2): an amount in currency (numeric), not BillMax's cents")
                .contains("value: service.state is service_state: an enum (active, suspended, closed) without a label for "
                        + "BillMax's 0 Open: renew refuses until state.labels says which label it is")
                .contains("timestamptz values are written in the time zone ");
    }

    @Test
    void aPartitionedPayhistKeyedByNumberAndDateIsSavedByNumberWhereTheNumberIsUnique() {
        cli.hook("payhist", "exit 0");

        CliHarness.Run unique = cli.run("apply", "payhist", "2", "--set", "descr=corrected");
        CliHarness.Run shared = cli.run("apply", "payhist", "3", "--set", "descr=which one?");
        CliHarness.Run sharedEnv = cli.run("env", "payhist", "3");

        assertThat(unique.exit()).as(unique.toString()).isZero();
        assertThat(cli.value("SELECT descr FROM payhist WHERE number = 2")).isEqualTo("corrected");
        assertThat(shared.exit()).as(shared.toString()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(shared.err()).contains("payhist 3 is not one record").doesNotContain("Exception");
        assertThat(sharedEnv.exit()).as(sharedEnv.toString()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(cli.count("SELECT count(*) FROM payhist WHERE descr = 'which one?'")).isZero();
    }

    /**
     * A bigint key of nineteen digits (the largest a record number can be is 9223372036854775807) is a record number
     * everywhere: found by the search when typed, and named by a batch line; one past the largest is refused naming it.
     */
    @Test
    void aNineteenDigitUserNumberIsFoundAndUpdatedByABatchLine() throws IOException {
        cli.value("INSERT INTO \"user\" (number, login, fname) VALUES (9223372036854775000, 'nineteen', 'Long') "
                + "RETURNING number");

        CliHarness.Run found = cli.run("search", "user", "9223372036854775000");
        assertThat(found.exit()).as(found.toString()).isZero();
        assertThat(found.out()).contains("9223372036854775000\t");

        Path changes = cli.temp.resolve("nineteen.jsonl");
        Files.writeString(changes, "{\"table\":\"user\",\"number\":9223372036854775000,\"set\":{\"fname\":\"Longer\"}}\n");
        CliHarness.Run applied = cli.run("apply", "--file", changes.toString());
        assertThat(applied.exit()).as(applied.toString()).isZero();
        assertThat(cli.value("SELECT fname FROM \"user\" WHERE number = 9223372036854775000")).isEqualTo("Longer");

        Files.writeString(changes, "{\"table\":\"user\",\"number\":9223372036854775808,\"set\":{\"fname\":\"x\"}}\n");
        CliHarness.Run beyond = cli.run("apply", "--file", changes.toString());
        assertThat(beyond.exit()).as(beyond.toString()).isEqualTo(2);
        assertThat(beyond.err()).contains("\"number\" is 9223372036854775808, beyond the largest record number");
    }
}
