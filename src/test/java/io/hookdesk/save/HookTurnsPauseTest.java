package io.hookdesk.save;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A save waiting for its hook's turn looks more often the longer it has waited, so that with nobody queueing the
 * waiters, the one that has waited longest is the likeliest to take the next turn (a back-off that grew did the
 * reverse: a save that just came looked every 50 ms, one that had waited a minute every second).
 */
class HookTurnsPauseTest {

    @Test
    void theLongerASaveHasWaitedTheMoreOftenItLooks() {
        long previous = Long.MAX_VALUE;
        for (long waited = 0; waited <= 120_000; waited += 250) {
            long pause = HookTurns.pauseMillis(Duration.ofMillis(waited));
            assertThat(pause).as("after %d ms", waited).isLessThanOrEqualTo(previous)
                    .isBetween(HookTurns.SHORTEST_PAUSE.toMillis(), HookTurns.FIRST_PAUSE.toMillis());
            previous = pause;
        }
        assertThat(HookTurns.pauseMillis(Duration.ZERO)).isEqualTo(HookTurns.FIRST_PAUSE.toMillis());
        assertThat(HookTurns.pauseMillis(Duration.ofSeconds(10))).isEqualTo(HookTurns.SHORTEST_PAUSE.toMillis());
    }

    @Test
    void aSaveThatCameLaterLooksLessOftenThanOneWaitingSinceLonger() {
        assertThat(HookTurns.pauseMillis(Duration.ofMillis(100)))
                .isGreaterThan(HookTurns.pauseMillis(Duration.ofSeconds(2)));
    }
}
