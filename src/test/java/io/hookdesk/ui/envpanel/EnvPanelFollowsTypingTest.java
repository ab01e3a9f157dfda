package io.hookdesk.ui.envpanel;

import io.hookdesk.model.HookedTable;
import io.hookdesk.ui.FakeDialogs;
import io.hookdesk.ui.UiFixture;
import io.hookdesk.ui.form.FieldViewModel;
import io.hookdesk.ui.form.FormOverlays;
import io.hookdesk.ui.form.RecordFormViewModel;
import io.hookdesk.ui.task.SameThreadTaskExecutor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Clock;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every keystroke on a service form (with its user and account as related records) reaches the panel: the field is
 * parsed, the draft updated, the environment rebuilt with the save path's function and the entries updated in place.
 * What a keystroke costs is measured by the benchmarks (src/docs/PERFORMANCE.md), not here: timings are no test.
 */
class EnvPanelFollowsTypingTest {

    @RegisterExtension
    final UiFixture fx = UiFixture.demoPerTest();

    @Test
    void everyKeystrokeOnAServiceFormReachesThePanel() {
        RecordFormViewModel form = new RecordFormViewModel(HookedTable.SERVICE, fx.session, new SameThreadTaskExecutor(),
                new FakeDialogs(), new FormOverlays(), Clock.systemUTC());
        form.open(fx.anOpenService());
        assertThat(form.env().related()).containsKeys("USER", "ACCOUNT");
        FieldViewModel login = form.field("d01");
        String base = login.text();
        int entries = form.env().entries().size();

        for (int i = 0; i < 300; i++) {
            login.textProperty().set(base + "x" + i);
            assertThat(form.env().entry("NEW_d01").value()).isEqualTo(base + "x" + i);
        }
        assertThat(form.env().entry("NEW_d01").changed()).isTrue();
        assertThat(form.env().entry("OLD_d01").value()).isEqualTo(base);
        assertThat(form.env().entries()).hasSize(entries);

        login.textProperty().set(base);
        assertThat(form.env().entry("NEW_d01").changed()).isFalse();
    }
}
