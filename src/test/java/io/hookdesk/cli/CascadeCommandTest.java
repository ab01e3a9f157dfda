package io.hookdesk.cli;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.nio.file.Files;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code hookdesk apply account N --set state=2 --cascade} on the demo tables (issue 21 item 4). */
class CascadeCommandTest {

    @RegisterExtension
    final CliHarness cli = CliHarness.perTest(CliHarness.Data.DEMO);

    /** Account 1042 with user 501 and its services 9001 (open) and 9002 (closed); every hook logs its run. */
    @BeforeEach
    void customer() {
        cli.db.dsl().execute("""
                INSERT INTO account (number, state) VALUES (1042, 0);
                INSERT INTO "user" (number, account, state, login) VALUES (501, 1042, 0, 'a');
                INSERT INTO service (number, "user", state, servdef, d01, d02) VALUES
                  (9001, 501, 0, 1, 'a1', 'hunter2'), (9002, 501, 1, 1, 'a2', 'pw2');
                """);
        for (String t : new String[] {"account", "user", "service"}) {
            hook(t, "");
        }
    }

    private void hook(String table, String tail) {
        cli.hook(table, "echo \"$HOOK_TABLE $NEW_number $OLD_state>$NEW_state ${HOOK_COMPENSATE:-0}\" >> " + cli.temp.resolve("ran")
                + "\n" + tail);
    }

    private String ran() throws IOException {
        return Files.exists(cli.temp.resolve("ran")) ? Files.readString(cli.temp.resolve("ran")) : "";
    }

    private String state(String table, int n) {
        return cli.value("SELECT state::text FROM " + (table.equals("user") ? "\"user\"" : table) + " WHERE number = " + n);
    }

    @Test
    void dryRunListsTheRecordsAndEachEnvironmentWithSecretsMaskedAndChangesNothing() throws IOException {
        int runs = cli.hookRuns();
        CliHarness.Run r = cli.run("apply", "account", "1042", "--set", "state=2", "--cascade", "--dry-run");

        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).startsWith("""
                cascade from account:1042: 3 records change to Suspended, 3 hooks run
                  1. account 1042: Open -> Suspended, account_hook runs
                  2. user 501: Open -> Suspended, user_hook runs
                  3. service 9001: Open -> Suspended, service_hook runs
                left as they are:
                  service 9002: Closed, Closed is beyond Suspended: stays Closed

                # 1. account 1042 (account_hook)
                """);
        assertThat(r.out()).contains("# 3. service 9001 (service_hook)\n").contains("HOOK_CASCADE=1\n")
                .contains("HOOK_CASCADE_FROM=account:1042\n").contains("NEW_d02=********\n").contains("USER_state=2\n")
                .doesNotContain("hunter2");
        assertThat(ran()).isEmpty();
        assertThat(cli.hookRuns()).isEqualTo(runs);
        assertThat(state("account", 1042)).isEqualTo("0");
    }

    @Test
    void cascadeSuspendsEverythingUnderTheAccountSayingWhichHookOfHowMany() throws IOException {
        CliHarness.Run r = cli.run("apply", "account", "1042", "--set", "state=suspended", "--cascade");

        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.err()).contains("hookdesk: hook 1 of 3: account_hook for account 1042\n")
                .contains("hookdesk: hook 3 of 3: service_hook for service 9001\n")
                .contains("account:1042: 3 records set to Suspended, 3 hooks succeeded; committed.");
        assertThat(ran()).isEqualTo("account 1042 0>2 0\nuser 501 0>2 0\nservice 9001 0>2 0\n");
        assertThat(state("user", 501)).isEqualTo("2");
        assertThat(state("service", 9001)).isEqualTo("2");
        assertThat(state("service", 9002)).isEqualTo("1");
        assertThat(cli.count("SELECT count(DISTINCT cascade_id) FROM hookdesk.hook_run WHERE cascade_id IS NOT NULL")).isEqualTo(1);
    }

    @Test
    void withoutCascadeOnlyTheRecordNamedChanges() throws IOException {
        CliHarness.Run r = cli.run("apply", "account", "1042", "--set", "state=2");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(ran()).isEqualTo("account 1042 0>2 0\n");
        assertThat(state("service", 9001)).isEqualTo("0");
    }

    @Test
    void aFailingHookRollsBackAndUndoesTheEarlierOnesExitingThree() throws IOException {
        hook("service", "[ -z \"$HOOK_COMPENSATE\" ] && { echo 'radius: NAS unreachable' >&2; exit 1; }\nexit 0");
        CliHarness.Run r = cli.run("apply", "account", "1042", "--set", "state=2", "--cascade");

        assertThat(r.exit()).as(r.toString()).isEqualTo(3);
        assertThat(r.err()).contains("Nothing was changed: the cascade from account:1042 was rolled back")
                .contains("2 of 2 earlier hooks undone").contains("  | radius: NAS unreachable").contains("logged in");
        assertThat(ran()).isEqualTo("account 1042 0>2 0\nuser 501 0>2 0\nservice 9001 0>2 0\nuser 501 2>0 1\naccount 1042 2>0 1\n");
        assertThat(state("account", 1042)).isEqualTo("0");
        assertThat(Files.readString(cli.logFile)).contains("account:1042");
    }

    @Test
    void aCascadeLargerThanMaxIsRefusedUntilConfirmed() throws IOException {
        CliHarness.Run refused = cli.run("apply", "account", "1042", "--set", "state=2", "--cascade", "--max", "2");
        assertThat(refused.exit()).isEqualTo(2);
        assertThat(refused.err()).contains("changes 3 records, more than 2").contains("--max 3");
        assertThat(ran()).isEmpty();

        assertThat(cli.run("apply", "account", "1042", "--set", "state=2", "--cascade", "--max", "3").exit()).isZero();
        assertThat(state("service", 9001)).isEqualTo("2");
    }

    @Test
    void cascadeOptionsAloneAndStatesThatDoNotCascadeAreBadInput() {
        CliHarness.Run alone = cli.run("apply", "account", "1042", "--set", "state=2", "--dry-run");
        assertThat(alone.exit()).isEqualTo(2);
        assertThat(alone.err()).contains("--dry-run applies only with --cascade");

        CliHarness.Run prospective = cli.run("apply", "account", "1042", "--set", "state=5", "--cascade");
        assertThat(prospective.exit()).isEqualTo(2);
        assertThat(prospective.err()).contains("state: '5' does not cascade");

        CliHarness.Run service = cli.run("apply", "service", "9001", "--set", "state=2", "--cascade");
        assertThat(service.exit()).isEqualTo(2);
        assertThat(service.err()).contains("does not cascade");
    }
}
