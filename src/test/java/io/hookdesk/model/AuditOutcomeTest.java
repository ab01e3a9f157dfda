package io.hookdesk.model;

import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/** The audit's outcome words are one list: each is read back as itself, and the filter offers all an attempt ends with. */
class AuditOutcomeTest {

    @Test
    void everyWordIsReadBackAsItsOutcome() {
        for (AuditOutcome o : AuditOutcome.values()) {
            assertThat(AuditOutcome.of(o.word())).contains(o);
        }
        assertThat(AuditOutcome.of("ROLLED_BACK")).as("the stored words are lower case").isEmpty();
        assertThat(AuditOutcome.of("made_up")).isEmpty();
    }

    @Test
    void theFilterOffersEveryEndingButNotARunStillRunning() {
        assertThat(AuditOutcome.endings()).doesNotContain("running").hasSize(AuditOutcome.values().length - 1)
                .containsAll(Arrays.stream(AuditOutcome.values()).filter(o -> o != AuditOutcome.RUNNING)
                        .map(AuditOutcome::word).toList());
    }

    @Test
    void theWordsOperatorsQueryForNeverChange() {
        assertThat(Arrays.stream(AuditOutcome.values()).map(AuditOutcome::word)).containsExactly("running", "committed",
                "skipped", "no_hook", "rolled_back", "timed_out", "cancelled", "refused", "conflict", "invalid",
                "not_found", "database_error", "commit_failed", "compensated", "compensation_failed");
        assertThat(AuditOutcome.COMMIT_FAILED.label()).isEqualTo("commit failed after hook");
        assertThat(AuditOutcome.TIMED_OUT.label()).isEqualTo("timed out");
    }

    @Test
    void whatSomeoneMustFollowUpIsAnAlarmInTheHistory() {
        assertThat(AuditOutcome.COMPENSATION_FAILED.tone()).isEqualTo(AuditOutcome.Tone.ALARM);
        assertThat(AuditOutcome.COMMIT_FAILED.tone()).isEqualTo(AuditOutcome.Tone.ALARM);
        assertThat(AuditOutcome.COMPENSATED.tone()).as("undone as planned").isEqualTo(AuditOutcome.Tone.PLAIN);
    }
}
