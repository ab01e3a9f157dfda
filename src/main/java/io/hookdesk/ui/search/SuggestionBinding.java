package io.hookdesk.ui.search;

import io.hookdesk.model.Suggestion;
import javafx.beans.value.ChangeListener;
import javafx.event.ActionEvent;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.text.Text;
import javafx.util.Callback;
import javafx.util.StringConverter;
import org.controlsfx.control.textfield.AutoCompletionBinding;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * ControlsFX's auto-completion on a text field, served by the database: from two letters typed, a list of records
 * ("1042 · jdoe · Jane Doe"); choosing one puts {@code completion} of it in the field and tells {@code chosen}.
 *
 * <p>ControlsFX asks for the list on a thread of its own, a quarter second after the last key, and cancels the
 * previous request when the CSR types on; {@code source} runs there and never on the FX thread. A request a newer one
 * overtook is dropped even when its answer came back (ControlsFX would show it): the list always belongs to what the
 * field holds now.
 */
public final class SuggestionBinding extends AutoCompletionBinding<Suggestion> {

    /** Fewer letters than this suggest nothing: one letter matches too much to help. */
    public static final int MIN_LETTERS = 2;

    /** The list's width: never narrower than this, never wider than the other, whatever the field's. */
    private static final double MIN_WIDTH = 320;
    private static final double MAX_WIDTH = 720;

    private final TextField field;
    private final Freshest provider;
    private final Function<Suggestion, String> completion;
    private final ChangeListener<String> typed;
    private final ChangeListener<Boolean> left;

    private SuggestionBinding(TextField field, Freshest provider, Function<Suggestion, String> completion) {
        super(field, provider, new StringConverter<>() {
            @Override
            public String toString(Suggestion s) {
                return s == null ? "" : s.display();
            }

            @Override
            public Suggestion fromString(String s) {
                return null;
            }
        });
        this.field = field;
        this.provider = provider;
        this.completion = completion;
        this.typed = (obs, was, now) -> {
            if (field.isFocused()) {
                provider.want(now == null ? "" : now);
                setUserInput(now == null ? "" : now);
            }
        };
        this.left = (obs, was, now) -> {
            if (!now) {
                hidePopup();
            }
        };
        field.textProperty().addListener(typed);
        field.focusedProperty().addListener(left);
        getAutoCompletionPopup().getStyleClass().add("suggestions");
        // Enter before moving into the list is Enter in the field (search for what was typed, take the typed number).
        getAutoCompletionPopup().addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ENTER && list().map(l -> l.getSelectionModel().isEmpty()).orElse(true)) {
                e.consume();
                dismiss();
                field.fireEvent(new ActionEvent());
            }
        });
        // A narrow number field still shows "1042 · jdoe · Jane Doe" whole.
        setMinWidth(MIN_WIDTH);
        setVisibleRowCount(10);
    }

    /**
     * @param source     the suggestions for what is typed (blocks on the database; called off the FX thread)
     * @param completion what choosing a suggestion puts in the field (the number, or the login)
     * @param chosen     told on the FX thread once the chosen suggestion is in the field
     */
    public static SuggestionBinding bind(TextField field, Function<String, List<Suggestion>> source,
                                         Function<Suggestion, String> completion, Consumer<Suggestion> chosen) {
        SuggestionBinding binding = new SuggestionBinding(field, new Freshest(source), completion);
        binding.setOnAutoCompleted(e -> chosen.accept(e.getCompletion()));
        return binding;
    }

    /**
     * Closes the list and drops any answer still on its way: the CSR pressed Enter, and searches for what they typed
     * (a list opening afterwards would cover the results).
     */
    public void dismiss() {
        provider.want(null);
        hidePopup();
    }

    /**
     * ControlsFX highlights the first entry, so that Enter would take it; here nothing is highlighted until the CSR
     * moves into the list with Down, so typing a surname and pressing Enter searches for every account of that name.
     */
    @Override
    protected void showPopup() {
        fitWidthToEntries();
        super.showPopup();
        list().ifPresent(l -> {
            l.getSelectionModel().clearSelection();
            l.getFocusModel().focus(-1);
        });
    }

    /** As wide as the longest entry (and at least the least width), so a name is not cut and no scroll bar shows. */
    private void fitWidthToEntries() {
        Text measure = new Text();
        measure.setFont(field.getFont());
        double widest = 0;
        for (Suggestion s : getAutoCompletionPopup().getSuggestions()) {
            measure.setText(s.display());
            widest = Math.max(widest, measure.getLayoutBounds().getWidth());
        }
        // The cells' padding (8 px a side), the list's border, and a vertical scroll bar's width should ten not do.
        getAutoCompletionPopup().setPrefWidth(Math.max(MIN_WIDTH, Math.min(MAX_WIDTH, Math.ceil(widest) + 40)));
    }

    private Optional<ListView<?>> list() {
        var skin = getAutoCompletionPopup().getSkin();
        return skin != null && skin.getNode() instanceof ListView<?> l ? Optional.of(l) : Optional.empty();
    }

    @Override
    protected void completeUserInput(Suggestion s) {
        String text = completion.apply(s);
        field.setText(text);
        field.positionCaret(text.length());
    }

    @Override
    public void dispose() {
        field.textProperty().removeListener(typed);
        field.focusedProperty().removeListener(left);
    }

    /**
     * Runs on ControlsFX's thread: asks the database, and drops an answer for anything but what the field holds now
     * (the CSR typed on, or pressed Enter and no longer wants a list).
     */
    static final class Freshest implements Callback<ISuggestionRequest, Collection<Suggestion>> {

        private final Function<String, List<Suggestion>> source;
        private volatile String wanted;

        Freshest(Function<String, List<Suggestion>> source) {
            this.source = source;
        }

        /** The field holds {@code text} now (told on the FX thread); null: no list is wanted. */
        void want(String text) {
            wanted = text;
        }

        @Override
        public Collection<Suggestion> call(ISuggestionRequest request) {
            String asked = request.getUserText() == null ? "" : request.getUserText();
            String text = asked.strip();
            if (text.length() < MIN_LETTERS) {
                return List.of();
            }
            List<Suggestion> found = source.apply(text);
            if (request.isCancelled() || !asked.equals(wanted)) {
                // Failing the request keeps ControlsFX from showing (or hiding) anything for it.
                throw new CancellationException("\u201c" + text + "\u201d is no longer what the field holds");
            }
            return found;
        }
    }
}
