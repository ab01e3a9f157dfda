package io.hookdesk.hook;

import io.hookdesk.model.HookedTable;
import io.hookdesk.model.Operation;
import io.hookdesk.model.Row;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.SortedMap;

import static org.assertj.core.api.Assertions.assertThat;

/** The cascade's variables and the compensation's reversed change, built without a database (issue 21). */
class CascadeEnvironmentTest {

    private static final Row OLD = Row.of(Map.of("number", 9001, "state", 0, "d01", "ann"));
    private static final Row NEW = Row.of(Map.of("number", 9001, "state", 2, "d01", "ann"));
    private static final Map<String, Row> PARENTS = Map.of("USER", Row.of(Map.of("number", 501, "state", 2)));

    private static SortedMap<String, String> build(String cascadeFrom) {
        return HookEnvironment.build(new HookInput(HookedTable.SERVICE, Operation.UPDATE, OLD, NEW, PARENTS, "alice",
                false, Map.of("PATH", "/bin"), cascadeFrom));
    }

    @Test
    void aSaveOfItsOwnIsToldNothingOfCascades() {
        assertThat(build(null)).doesNotContainKeys("HOOK_CASCADE", "HOOK_CASCADE_FROM", "HOOK_COMPENSATE")
                .isEqualTo(HookEnvironment.build(new HookInput(HookedTable.SERVICE, Operation.UPDATE, OLD, NEW, PARENTS,
                        "alice", false, Map.of("PATH", "/bin"))));
    }

    @Test
    void aCascadeAddsOnlyItsTwoVariablesToWhatASaveOfTheRecordGets() {
        SortedMap<String, String> env = build("account:1042");
        SortedMap<String, String> alone = build(null);
        assertThat(env).containsEntry("HOOK_CASCADE", "1").containsEntry("HOOK_CASCADE_FROM", "account:1042");
        env.remove("HOOK_CASCADE");
        env.remove("HOOK_CASCADE_FROM");
        assertThat(env).isEqualTo(alone);
    }

    @Test
    void theCompensationSwapsNewAndOldAndSaysSoKeepingEverythingElse() {
        SortedMap<String, String> ran = build("account:1042");
        SortedMap<String, String> undo = HookEnvironment.compensation(ran);

        assertThat(undo).containsEntry("NEW_state", "0").containsEntry("OLD_state", "2")
                .containsEntry("NEW_d01", "ann").containsEntry("OLD_d01", "ann")
                .containsEntry("NEW", "0").containsEntry("USER_state", "2")
                .containsEntry("HOOK_COMPENSATE", "1").containsEntry("HOOK_CASCADE_FROM", "account:1042");
        assertThat(undo).hasSize(ran.size() + 1);
        // Undoing the undo gives the run back: nothing is lost in the swap.
        SortedMap<String, String> again = HookEnvironment.compensation(undo);
        again.remove("HOOK_COMPENSATE");
        ran.remove("HOOK_COMPENSATE");
        assertThat(again).isEqualTo(ran);
    }
}
