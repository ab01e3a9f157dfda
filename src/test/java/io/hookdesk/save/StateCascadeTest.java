package io.hookdesk.save;

import io.hookdesk.model.HookCancellation;
import io.hookdesk.model.HookRun;
import io.hookdesk.model.HookedTable;
import io.hookdesk.model.Origin;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.hookdesk.model.HookedTable.ACCOUNT;
import static io.hookdesk.model.HookedTable.SERVICE;
import static io.hookdesk.model.HookedTable.USER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Account-wide actions on the demo schema (issue 21): one transaction, every hook in order, compensation in reverse on a
 * failure, the audit telling the whole story under one cascade id.
 */
class StateCascadeTest {

    @RegisterExtension
    final SaveFixture f = SaveFixture.perTest();

    private Path log;

    /**
     * Account 1042 with users 501 (services 9001, 9002 and the closed 9003) and 502 (service 9004); every hook appends
     * what it was told to one log, so the order across hooks is the order they ran.
     */
    @BeforeEach
    void customer() {
        log = f.scratch("hooks.log");
        f.app.database().dsl().execute("""
                INSERT INTO account (number, state) VALUES (1042, 0);
                INSERT INTO "user" (number, account, state, login) VALUES (502, 1042, 0, 'b'), (501, 1042, 0, 'a');
                INSERT INTO service (number, "user", state, servdef, d01) VALUES
                  (9004, 502, 0, 1, 'b1'), (9002, 501, 0, 1, 'a2'), (9001, 501, 0, 1, 'a1'), (9003, 501, 1, 1, 'a3');
                """);
        for (HookedTable t : List.of(ACCOUNT, USER, SERVICE)) {
            install(t, "");
        }
    }

    /** A hook that logs what it was told, then runs {@code tail} (e.g. a failure for one record). */
    private void install(HookedTable t, String tail) {
        f.hooks.install(t, "echo \"$HOOK_TABLE $NEW_number $OLD_state>$NEW_state cascade=$HOOK_CASCADE from=$HOOK_CASCADE_FROM"
                + " compensate=${HOOK_COMPENSATE:-0} user_state=$USER_state account_state=$ACCOUNT_state\" >> " + log + "\n" + tail);
    }

    private List<String> ran() {
        try {
            return Files.exists(log) ? Files.readAllLines(log) : List.of();
        } catch (IOException e) {
            throw new RuntimeException(e);
        }
    }

    private StateCascade cascades() {
        return f.app.cascades();
    }

    private CascadePlan plan(HookedTable t, long n, String state, boolean force) {
        return cascades().plan(SaveRequest.update(t, n, Map.of("state", state), null, Origin.COMMAND_LINE, "alice"), force);
    }

    private CascadeResult run(CascadePlan plan) {
        return cascades().run(plan, StateCascade.DEFAULT_LIMIT, HookCancellation.none(), StateCascade.Progress.NONE);
    }

    private Object state(HookedTable t, int n) {
        return f.row(t, n).get("state").toString();
    }

    @Test
    void suspendingAnAccountSuspendsItsUsersAndServicesInOrderAndCommitsAll() {
        CascadePlan plan = plan(ACCOUNT, 1042, "2", false);

        assertThat(plan.steps()).extracting(s -> s.table() + " " + s.number()).containsExactly(
                "account 1042", "user 501", "service 9001", "service 9002", "user 502", "service 9004");
        assertThat(plan.left()).extracting(CascadePlan.Left::describe)
                .containsExactly("service 9003: Closed, Closed is beyond Suspended: stays Closed");
        assertThat(plan.hooks()).isEqualTo(6);
        // The preview is what the hook gets: its parents as the cascade will have made them by then.
        assertThat(plan.steps().get(2).preview().environment())
                .containsEntry("HOOK_CASCADE", "1").containsEntry("HOOK_CASCADE_FROM", "account:1042")
                .containsEntry("NEW_state", "2").containsEntry("OLD_state", "0")
                .containsEntry("USER_state", "2").containsEntry("ACCOUNT_state", "2");

        CascadeResult r = run(plan);

        assertThat(r.outcome()).isEqualTo(SaveOutcome.COMMITTED);
        assertThat(ran()).containsExactly(
                "account 1042 0>2 cascade=1 from=account:1042 compensate=0 user_state= account_state=",
                "user 501 0>2 cascade=1 from=account:1042 compensate=0 user_state= account_state=2",
                "service 9001 0>2 cascade=1 from=account:1042 compensate=0 user_state=2 account_state=2",
                "service 9002 0>2 cascade=1 from=account:1042 compensate=0 user_state=2 account_state=2",
                "user 502 0>2 cascade=1 from=account:1042 compensate=0 user_state= account_state=2",
                "service 9004 0>2 cascade=1 from=account:1042 compensate=0 user_state=2 account_state=2");
        assertThat(List.of(state(ACCOUNT, 1042), state(USER, 501), state(SERVICE, 9001), state(SERVICE, 9002),
                state(USER, 502), state(SERVICE, 9004), state(SERVICE, 9003))).containsExactly("2", "2", "2", "2", "2", "2", "1");
        List<HookRun> story = auditOf(r.cascadeId());
        assertThat(story).extracting(h -> h.table() + " " + h.number() + " " + h.outcome()).containsExactly(
                "account 1042 committed", "user 501 committed", "service 9001 committed", "service 9002 committed",
                "user 502 committed", "service 9004 committed");
    }

    private List<HookRun> auditOf(String cascadeId) {
        return new io.hookdesk.db.store.AuditStore(f.app.database().dsl()).forCascade(cascadeId);
    }

    @Test
    void aHookFailingInTheMiddleRollsEverythingBackAfterUndoingTheEarlierHooksInReverse() {
        install(SERVICE, "[ \"$NEW_number\" = 9002 ] && [ -z \"$HOOK_COMPENSATE\" ] && { echo 'mail: mailbox locked' >&2; exit 1; }\nexit 0");
        CascadeResult r = run(plan(ACCOUNT, 1042, "2", false));

        assertThat(r.outcome()).isEqualTo(SaveOutcome.HOOK_FAILED);
        assertThat(r.message()).contains("Nothing was changed").contains("service 9002").contains("3 of 3 earlier hooks undone");
        assertThat(ran()).containsExactly(
                "account 1042 0>2 cascade=1 from=account:1042 compensate=0 user_state= account_state=",
                "user 501 0>2 cascade=1 from=account:1042 compensate=0 user_state= account_state=2",
                "service 9001 0>2 cascade=1 from=account:1042 compensate=0 user_state=2 account_state=2",
                "service 9002 0>2 cascade=1 from=account:1042 compensate=0 user_state=2 account_state=2",
                "service 9001 2>0 cascade=1 from=account:1042 compensate=1 user_state=2 account_state=2",
                "user 501 2>0 cascade=1 from=account:1042 compensate=1 user_state= account_state=2",
                "account 1042 2>0 cascade=1 from=account:1042 compensate=1 user_state= account_state=");
        assertThat(List.of(state(ACCOUNT, 1042), state(USER, 501), state(SERVICE, 9001), state(SERVICE, 9002),
                state(USER, 502), state(SERVICE, 9004))).containsOnly("0");
        assertThat(auditOf(r.cascadeId())).extracting(h -> h.operation() + " " + h.table() + " " + h.number() + " " + h.outcome())
                .containsExactly("update account 1042 rolled_back", "update user 501 rolled_back",
                        "update service 9001 rolled_back", "update service 9002 rolled_back",
                        "compensate service 9001 compensated", "compensate user 501 compensated",
                        "compensate account 1042 compensated");
        HookRun failed = auditOf(r.cascadeId()).get(3);
        assertThat(failed.exitCode()).isEqualTo(1);
        assertThat(failed.stderr()).contains("mailbox locked");
        assertThat(auditOf(r.cascadeId()).get(0).message()).contains("succeeded").contains("rolled back with the cascade");
        // The history of one record shows its part of the story, with the cascade it belongs to.
        assertThat(f.runs(ACCOUNT, 1042)).extracting(HookRun::cascadeId).containsOnly(r.cascadeId());
    }

    @Test
    void aCompensationThatFailsNamesTheSystemAndTheRecordAndIsMarkedForFollowUp() {
        install(SERVICE, "[ \"$NEW_number\" = 9002 ] && exit 1\n[ \"$NEW_number\" = 9001 ] && [ -n \"$HOOK_COMPENSATE\" ] && "
                + "{ echo 'radius: cannot reach 10.0.0.5' >&2; exit 7; }\nexit 0");
        CascadeResult r = run(plan(ACCOUNT, 1042, "2", false));

        assertThat(r.committed()).isFalse();
        assertThat(r.followUp()).hasSize(1);
        assertThat(r.message()).contains("FOLLOW UP").contains("service_hook").contains("service 9001")
                .contains("as state 2").contains("keeps state 0").contains("exited with status 7");
        assertThat(state(SERVICE, 9001)).isEqualTo("0");
        HookRun followUp = auditOf(r.cascadeId()).stream().filter(h -> h.outcome().equals("compensation_failed"))
                .findFirst().orElseThrow();
        assertThat(followUp.number()).isEqualTo(9001L);
        assertThat(followUp.message()).startsWith("FOLLOW UP:");
        assertThat(followUp.stderr()).contains("cannot reach 10.0.0.5");
    }

    @Test
    void reopeningReopensOnlyTheSuspendedRecordsUnlessForced() {
        f.app.database().dsl().execute("UPDATE account SET state = 2 WHERE number = 1042;"
                + " UPDATE \"user\" SET state = 2 WHERE account = 1042; UPDATE service SET state = 2 WHERE number IN (9001, 9004)");
        // 9002 stays Open, 9003 was closed on purpose.
        CascadePlan plain = plan(ACCOUNT, 1042, "0", false);
        assertThat(plain.steps()).extracting(s -> s.table() + " " + s.number())
                .containsExactly("account 1042", "user 501", "service 9001", "user 502", "service 9004");
        assertThat(plain.left()).extracting(CascadePlan.Left::describe).containsExactly(
                "service 9002: Open, already Open", "service 9003: Closed, Closed: a reopen leaves it closed (force reopens it)");
        assertThat(run(plain).committed()).isTrue();
        assertThat(state(SERVICE, 9003)).isEqualTo("1");
        assertThat(state(SERVICE, 9001)).isEqualTo("0");

        f.app.database().dsl().execute("UPDATE account SET state = 2 WHERE number = 1042");
        CascadePlan forced = plan(ACCOUNT, 1042, "open", true);
        assertThat(forced.steps()).extracting(s -> s.table() + " " + s.number()).containsExactly("account 1042", "service 9003");
        assertThat(run(forced).committed()).isTrue();
        assertThat(state(SERVICE, 9003)).isEqualTo("0");
    }

    @Test
    void aUserCascadesToItsServicesOnly() {
        CascadeResult r = run(plan(USER, 502, "1", false));
        assertThat(r.committed()).isTrue();
        assertThat(ran()).extracting(l -> l.substring(0, l.indexOf(" cascade"))).containsExactly("user 502 0>1", "service 9004 0>1");
        assertThat(ran().get(0)).contains("from=user:502");
        assertThat(state(ACCOUNT, 1042)).isEqualTo("0");
        assertThat(state(SERVICE, 9001)).isEqualTo("0");
    }

    @Test
    void aCascadeLargerThanTheLimitIsNotRunUntilConfirmed() {
        CascadePlan plan = plan(ACCOUNT, 1042, "2", false);
        CascadeResult refused = cascades().run(plan, 5, HookCancellation.none(), StateCascade.Progress.NONE);
        assertThat(refused.outcome()).isEqualTo(SaveOutcome.INVALID);
        assertThat(refused.message()).contains("changes 6 records, more than the limit of 5");
        assertThat(ran()).isEmpty();
        assertThat(state(ACCOUNT, 1042)).isEqualTo("0");
    }

    @Test
    void progressSaysWhichHookOfHowManyAndCancelRollsBackAndCompensates() {
        List<String> progress = new ArrayList<>();
        HookCancellation cancel = new HookCancellation();
        CascadeResult r = cascades().run(plan(ACCOUNT, 1042, "2", false), StateCascade.DEFAULT_LIMIT, cancel, (k, n, step) -> {
            progress.add(k + "/" + n + " " + step.table() + " " + step.number());
            if (k == 3) {
                cancel.cancel();
            }
        });
        assertThat(progress).containsExactly("1/6 account 1042", "2/6 user 501", "3/6 service 9001");
        assertThat(r.outcome()).isEqualTo(SaveOutcome.CANCELLED);
        assertThat(ran()).filteredOn(l -> l.contains("compensate=1")).extracting(l -> String.join(" ", List.of(l.split(" ")).subList(0, 2))).containsExactly("user 501", "account 1042");
        assertThat(state(ACCOUNT, 1042)).isEqualTo("0");
    }

    @Test
    void whatCannotCascadeIsRefusedNamingTheField() {
        assertThatThrownBy(() -> plan(ACCOUNT, 1042, "5", false)).isInstanceOf(StateCascade.Refused.class)
                .hasMessageContaining("does not cascade");
        assertThatThrownBy(() -> plan(SERVICE, 9001, "2", false)).isInstanceOf(StateCascade.Refused.class)
                .hasMessageContaining("an account or a user");
        assertThatThrownBy(() -> plan(ACCOUNT, 77777, "2", false)).isInstanceOf(StateCascade.Refused.class)
                .hasMessageContaining("There is no account 77777");
    }
}
