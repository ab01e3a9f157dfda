package io.hookdesk.cli;

import io.hookdesk.app.AppContext;
import io.hookdesk.db.Database;
import io.hookdesk.model.HookedTable;
import io.hookdesk.model.Origin;
import io.hookdesk.save.FailureLog;
import io.hookdesk.save.SaveOutcome;
import io.hookdesk.save.SaveRequest;
import io.hookdesk.save.SaveResult;
import io.hookdesk.testing.TestApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the database refuses reaches the CSR as a refusal that names the field and quotes the rule, on a schema
 * written by hand ({@code refusals-billmax.sql}): a CHECK, a unique constraint and a unique index, a foreign key, a
 * NOT NULL column and a trigger of the ISP's that raises, from the command line and through the save service the
 * desktop uses. Each is exit 2 (refused, nothing changed), never 4, and no stack trace reaches stderr (issue 18
 * item 3, issue 19 item 9, issue 25 item 9).
 */
class DatabaseRefusalsTest {

    @RegisterExtension
    static final CliHarness cli = CliHarness.perClass(CliHarness.Data.BARE).removingHooksAfterEach();

    private static AppContext desktop;

    @BeforeAll
    static void schema() throws IOException {
        try (var in = DatabaseRefusalsTest.class.getResourceAsStream("/refusals-billmax.sql")) {
            cli.db.dsl().execute(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        Path home = Files.createDirectories(cli.temp.resolve("desktop-home"));
        desktop = TestApp.wire(Database.connect(cli.url(), "postgres", null), home, cli.hooks, Duration.ofSeconds(20),
                FailureLog.NONE);
    }

    @AfterAll
    static void close() {
        if (desktop != null) {
            desktop.close();
        }
    }

    private static CliHarness.Run refused(String... args) {
        CliHarness.Run r = cli.run(args);
        assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err()).as("no stack trace on stderr").doesNotContain("\tat ", "Exception", "PSQL");
        assertThat(r.err()).contains("not saved, nothing changed");
        return r;
    }

    private static SaveResult save(HookedTable table, int number, Map<String, String> changes) {
        var loaded = desktop.records().load(table, number).orElseThrow();
        return desktop.saves().save(SaveRequest.update(table, number, changes, loaded.version(), Origin.DESKTOP, "alice"));
    }

    @Test
    void aCheckNamesTheFieldAndQuotesTheRule() {
        CliHarness.Run r = refused("apply", "account", "1", "--set", "balance=-500000");

        assertThat(r.err()).contains("balance: is not allowed by the database's rule account_balance_floor: CHECK (balance > -1000)");
        assertThat(cli.value("SELECT balance::text FROM account WHERE number = 1")).isEqualTo("10.00");
    }

    @Test
    void theSaveServiceFilesTheCheckUnderItsFieldForTheForm() {
        SaveResult r = save(HookedTable.ACCOUNT, 1, Map.of("balance", "-500000"));

        assertThat(r.outcome()).as(r.message()).isEqualTo(SaveOutcome.INVALID);
        assertThat(r.fieldErrors()).containsOnlyKeys("balance");
        assertThat(r.fieldErrors().get("balance")).contains("account_balance_floor", "balance > -1000");
    }

    @Test
    void aUniqueConstraintSaysWhichValueIsTakenAndByWhichRule() {
        CliHarness.Run r = refused("apply", "user", "2", "--set", "login=ada");

        assertThat(r.err()).contains("login: must be unique: another user already has login = ada",
                "user_login_taken: UNIQUE (login)");
    }

    @Test
    void aUniqueIndexOnASecretColumnNamesTheRuleButNeverTheValue() {
        CliHarness.Run r = refused("apply", "user", "2", "--set", "password=first-secret");

        assertThat(r.err()).contains("password: must be unique", "user_password_reuse").doesNotContain("first-secret");
        assertThat(cli.value("SELECT string_agg(message, ' ') FROM hookdesk.hook_run WHERE table_name = 'user'"))
                .contains("user_password_reuse").doesNotContain("first-secret");
    }

    @Test
    void aForeignKeyNamesTheMissingRecord() {
        CliHarness.Run r = refused("apply", "service", "2", "--set", "servdef=99");

        assertThat(r.err()).contains("servdef: refers to servdef 99, which does not exist",
                "service_servdef_fkey: FOREIGN KEY (servdef) REFERENCES servdef(number)");
    }

    @Test
    void aNotNullColumnTheIspsTriggerEmptiedIsNamed() {
        CliHarness.Run r = refused("apply", "service", "2", "--set", "d01=");

        assertThat(r.err()).contains("d03: a value is required", "NOT NULL");
        assertThat(cli.value("SELECT d01 FROM service WHERE number = 2")).isEqualTo("carla@isp.example");
    }

    @Test
    void aTriggersRaiseIsShownAsTheIspWroteItAndTheHookNeverRuns() {
        Path ran = cli.temp.resolve("hook-ran");
        cli.hook("service", "touch '" + ran + "'");

        CliHarness.Run r = refused("apply", "service", "1", "--set", "state=2");

        assertThat(r.err()).contains("VIP services are never suspended: call the account manager (ext. 214)");
        assertThat(ran).doesNotExist();
        assertThat(cli.value("SELECT state::text FROM service WHERE number = 1")).isEqualTo("0");
    }

    @Test
    void anErrorCodeOfTheIspsOwnIsARefusalWithItsHint() {
        CliHarness.Run r = refused("apply", "service", "2", "--set", "state=3");

        assertThat(r.err()).contains("state 3 is retired (Use state 2 (suspended).)");
    }

    /** A trigger may raise a constraint's code (check_violation) with no constraint behind it: its words are shown. */
    @Test
    void aTriggerRaisingAConstraintsCodeIsARefusalInItsOwnWords() {
        CliHarness.Run r = refused("apply", "service", "2", "--set", "d01=blocked-carla");

        assertThat(r.err()).contains("refused by the database: login blocked-carla is on the block list (Ask the NOC.)")
                .doesNotContain("rule null");
        assertThat(cli.value("SELECT d01 FROM service WHERE number = 2")).isEqualTo("carla@isp.example");
    }

    @Test
    void theSaveServiceShowsTheTriggersWordsForTheWholeRecord() {
        SaveResult r = save(HookedTable.SERVICE, 1, Map.of("state", "2"));

        assertThat(r.outcome()).isEqualTo(SaveOutcome.INVALID);
        assertThat(r.message()).isEqualTo("refused by the database: VIP services are never suspended: call the account "
                + "manager (ext. 214)");
        assertThat(r.fieldErrors()).containsKey("record");
    }

    @Test
    void aBatchCountsRefusalsAsBadInputAndGoesOn() throws IOException {
        Path file = cli.temp.resolve("refusals.jsonl");
        Files.writeString(file, """
                {"table":"account","number":1,"set":{"balance":"-500000"}}
                {"table":"account","number":2,"set":{"balance":"5"}}
                """);

        CliHarness.Run r = cli.run("apply", "--file", file.toString(), "--parallel", "1");

        assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err()).contains("line 1: bad input: account 1 not saved, nothing changed: balance: is not allowed")
                .doesNotContain("\tat ");
        assertThat(cli.value("SELECT balance::text FROM account WHERE number = 2")).isEqualTo("5.00");
    }
}
