package io.hookdesk.ui.envpanel;

import io.hookdesk.model.HookedTable;
import io.hookdesk.model.Operation;
import io.hookdesk.model.Row;
import io.hookdesk.model.ValueSettings;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The panel says whether the hook will run as the save decides it, under the operator's settings: a change only of a
 * column {@code hook.ignore-columns} names does not run the hook (the panel once decided under the defaults and said
 * it would).
 */
class EnvPanelDecisionTest {

    private static final Row LOADED = Row.of(Map.of("number", 7L, "d01", "jdoe", "d05", "old note"));

    private static EnvPanelViewModel panel() {
        EnvPanelViewModel env = new EnvPanelViewModel(HookedTable.SERVICE, "csr", Map.of(), false);
        env.setBase(Operation.UPDATE, LOADED, Map.of());
        return env;
    }

    @Test
    void aChangeOnlyOfAnIgnoredColumnDoesNotRunTheHook() {
        EnvPanelViewModel env = panel();
        env.setValueSettings(ValueSettings.parse(null, "service.d05", null));
        env.update(LOADED.with(Map.of("d05", "new note")), Set.of());
        assertThat(env.decision().fire()).as(env.decision().describe()).isFalse();
    }

    @Test
    void theSameChangeRunsItWhenTheColumnIsNotIgnored() {
        EnvPanelViewModel env = panel();
        env.update(LOADED.with(Map.of("d05", "new note")), Set.of());
        assertThat(env.decision().fire()).as(env.decision().describe()).isTrue();
    }
}
