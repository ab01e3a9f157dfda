package io.hookdesk.ui.search;

import io.hookdesk.model.Suggestion;
import org.controlsfx.control.textfield.AutoCompletionBinding.ISuggestionRequest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The request ControlsFX makes while the CSR types: too short asks nothing, an overtaken answer is dropped. */
class SuggestionBindingTest {

    private record Request(String getUserText, boolean isCancelled) implements ISuggestionRequest {
    }

    @Test
    void oneLetterAsksTheDatabaseNothing() {
        List<String> asked = new ArrayList<>();
        var freshest = new SuggestionBinding.Freshest(text -> {
            asked.add(text);
            return List.of(new Suggestion(1, text, ""));
        });

        freshest.want(" j ");
        assertThat(freshest.call(new Request(" j ", false))).isEmpty();
        freshest.want("jd");
        assertThat(freshest.call(new Request("jd", false))).containsExactly(new Suggestion(1, "jd", ""));
        assertThat(asked).containsExactly("jd");
    }

    @Test
    void anAnswerANewerRequestOvertookIsDroppedAndTheNewerOneShown() throws Exception {
        CountDownLatch slowAsked = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        var freshest = new SuggestionBinding.Freshest(text -> {
            if (text.equals("jd")) {
                slowAsked.countDown();
                await(release);
            }
            return List.of(new Suggestion(text.length(), text, ""));
        });

        freshest.want("jd");
        CompletableFuture<Collection<Suggestion>> slow = CompletableFuture.supplyAsync(
                () -> freshest.call(new Request("jd", false)));
        assertThat(slowAsked.await(10, TimeUnit.SECONDS)).isTrue();
        freshest.want("jdo");
        Collection<Suggestion> newer = freshest.call(new Request("jdo", false));
        release.countDown();

        assertThat(newer).containsExactly(new Suggestion(3, "jdo", ""));
        assertThatThrownBy(() -> slow.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(CancellationException.class);
    }

    @Test
    void anAnswerAfterEnterShowsNothing() {
        var freshest = new SuggestionBinding.Freshest(text -> List.of(new Suggestion(1, text, "")));
        freshest.want("jdoe");
        freshest.want(null);

        assertThatThrownBy(() -> freshest.call(new Request("jdoe", false))).isInstanceOf(CancellationException.class);
    }

    @Test
    void aRequestControlsFxCancelledShowsNothing() {
        var freshest = new SuggestionBinding.Freshest(text -> List.of(new Suggestion(1, text, "")));
        freshest.want("jdoe");

        assertThatThrownBy(() -> freshest.call(new Request("jdoe", true))).isInstanceOf(CancellationException.class);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
