package io.hookdesk.hook;

import io.hookdesk.model.EnvValues;
import io.hookdesk.model.HookedTable;
import io.hookdesk.model.Operation;
import io.hookdesk.model.Row;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A column name from an ISP's catalogue becomes part of a variable's name only when it is a valid one
 * ({@code [A-Za-z_][A-Za-z0-9_]*}): {@code x$(reboot)} never reaches the hook's environment, the preview or Copy as
 * shell (issue 19 item 12).
 */
class VariableNamesTest {

    @Test
    void theOneTestAcceptsShellNamesOnly() {
        assertThat(EnvValues.isVariableName("NEW_d01")).isTrue();
        assertThat(EnvValues.isVariableName("_x9")).isTrue();
        for (String bad : new String[] {"", "9x", "NEW_x$(reboot)", "NEW_d 01", "NEW_a-b", "NEW_é", "NEW_x;rm", null}) {
            assertThat(EnvValues.isVariableName(bad)).as(String.valueOf(bad)).isFalse();
        }
    }

    @Test
    void columnsWhoseNamesCannotBeVariablesAreLeftOutOfTheEnvironment() {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("number", 7);
        values.put("x$(touch /tmp/pwned)", "a");
        values.put("d 01", "b");
        values.put("x_ok", "c");
        Row row = Row.of(values);
        Map<String, Row> related = Map.of("ACCOUNT", row);

        SortedMap<String, String> env = HookEnvironment.build(new HookInput(HookedTable.SERVICE, Operation.UPDATE, row, row,
                related, "alice", true, Map.of()));

        assertThat(env).containsEntry("NEW_x_ok", "c").containsEntry("OLD_x_ok", "c").containsEntry("ACCOUNT_x_ok", "c");
        assertThat(env.keySet()).allMatch(EnvValues::isVariableName);
    }
}
