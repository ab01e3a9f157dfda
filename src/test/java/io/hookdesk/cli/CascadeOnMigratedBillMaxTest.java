package io.hookdesk.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.nio.file.Files;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An account-wide action on a schema HookDesk did not make (mysql-migrated-billmax.sql): the services' state is the enum
 * {@code service_state} (open, suspended, closed), users have no state at all, and the account has the ISP's own stamping
 * trigger. The states come from the database, not from the demo's numbers (issue 21 item 1).
 */
class CascadeOnMigratedBillMaxTest {

    @RegisterExtension
    final CliHarness cli = CliHarness.perTest(CliHarness.Data.MIGRATED);

    private String ran() throws IOException {
        return Files.exists(cli.temp.resolve("ran")) ? Files.readString(cli.temp.resolve("ran")) : "";
    }

    private void hooks(String serviceTail) {
        cli.hook("account", "echo \"account $NEW_number $OLD_state>$NEW_state ${HOOK_COMPENSATE:-0}\" >> " + cli.temp.resolve("ran"));
        cli.hook("service", "echo \"service $NEW_number $OLD_state>$NEW_state from=$HOOK_CASCADE_FROM ${HOOK_COMPENSATE:-0}\" >> "
                + cli.temp.resolve("ran") + "\n" + serviceTail);
    }

    @Test
    void suspendingAnAccountSuspendsItsServicesInTheEnumsOwnLabelsThroughUsersWithoutAState() throws IOException {
        hooks("");
        CliHarness.Run plan = cli.run("apply", "account", "1", "--set", "state=2", "--cascade", "--dry-run");
        assertThat(plan.exit()).as(plan.toString()).isZero();
        assertThat(plan.out()).contains("  1. account 1: Open -> Suspended, account_hook runs\n")
                .contains("  2. service 1: Open -> Suspended, service_hook runs\n")
                .contains("  service 3: Suspended, already Suspended\n")
                .contains("NEW_state=suspended\n").contains("NEW_d02=********\n").doesNotContain("pw-ada");

        CliHarness.Run r = cli.run("apply", "account", "1", "--set", "state=2", "--cascade");

        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(ran()).isEqualTo("account 1 0>2 0\nservice 1 open>suspended from=account:1 0\n");
        assertThat(cli.value("SELECT state::text FROM service WHERE number = 1")).isEqualTo("suspended");
        assertThat(cli.value("SELECT state::text FROM account WHERE number = 1")).isEqualTo("2");
        // The other account's service is not under account 1.
        assertThat(cli.value("SELECT state::text FROM service WHERE number = 2")).isEqualTo("open");
    }

    @Test
    void aFailureOnTheForeignSchemaLeavesTheEnumStatesAndUndoesTheAccountHook() throws IOException {
        hooks("[ -z \"$HOOK_COMPENSATE\" ] && exit 4\nexit 0");
        CliHarness.Run r = cli.run("apply", "account", "1", "--set", "state=1", "--cascade");

        assertThat(r.exit()).as(r.toString()).isEqualTo(3);
        assertThat(ran()).isEqualTo("account 1 0>1 0\nservice 1 open>closed from=account:1 0\naccount 1 1>0 1\n");
        assertThat(cli.value("SELECT string_agg(state::text, ',' ORDER BY number) FROM service")).isEqualTo("open,open,suspended");
        assertThat(cli.value("SELECT state::text FROM account WHERE number = 1")).isEqualTo("0");
    }
}
