package io.hookdesk.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code db init} then {@code db demo}: a demo database on a server, made by HookDesk, once. */
class DbInitCommandTest {

    @RegisterExtension
    final CliHarness cli = CliHarness.perTest(CliHarness.Data.BARE);

    @Test
    void initCreatesTheDemoTablesOnceAndDemoThenFillsThem() {
        CliHarness.Run before = cli.run("db", "demo", "--scale", "10");
        assertThat(before.exit()).as(before.toString()).isEqualTo(ExitCodes.BAD_INPUT);

        CliHarness.Run init = cli.run("db", "init");
        CliHarness.Run again = cli.run("db", "init");
        CliHarness.Run demo = cli.run("db", "demo", "--scale", "10");
        CliHarness.Run check = cli.run("db", "check");

        assertThat(init.exit()).as(init.toString()).isZero();
        assertThat(init.out()).contains("created the BillMax demo tables");
        assertThat(again.exit()).as(again.toString()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(again.err()).contains("already has HookDesk's demo tables");
        assertThat(demo.exit()).as(demo.toString()).isZero();
        assertThat(cli.count("SELECT count(*) FROM service")).isEqualTo(10);
        assertThat(check.exit()).as(check.toString()).isZero();
        assertThat(check.out()).containsPattern("search indexes: (\\d+) of \\1 present").contains("verdict: HookDesk can work");
    }

    @Test
    void checkOnADatabaseWithoutBillMaxTablesSaysHookDeskCannotWorkThere() {
        CliHarness.Run check = cli.run("db", "check");

        assertThat(check.exit()).as(check.toString()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(check.out()).contains("account   unavailable: this database has no table account")
                .contains("verdict: HookDesk cannot work on this database:")
                .contains("none of the ten hooked tables is there to work on");
    }
}
