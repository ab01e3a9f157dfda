package io.hookdesk.ui.form;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableBooleanValue;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * A secret (password, card number): dots by default, the text while the eye is pressed down, and only while
 * {@code mayReveal} holds (see {@link FieldViewModel#mayReveal}); when it stops holding, the text hides again.
 */
final class SecretField extends HBox {

    private final PasswordField hidden = new PasswordField();
    private final TextField shown = new TextField();

    SecretField(StringProperty text, String id, ObservableBooleanValue mayReveal) {
        hidden.textProperty().bindBidirectional(text);
        shown.textProperty().bindBidirectional(text);
        hidden.setId(id);
        shown.setId(id + "-revealed");
        ToggleButton reveal = new ToggleButton(null, new FontIcon("fth-eye"));
        reveal.setId(id + "-reveal");
        reveal.getStyleClass().add("reveal-toggle");
        reveal.setFocusTraversable(true);
        BooleanBinding showing = Bindings.and(reveal.selectedProperty(), mayReveal);
        shown.visibleProperty().bind(showing);
        hidden.visibleProperty().bind(showing.not());
        reveal.disableProperty().bind(Bindings.not(mayReveal));
        Tooltip tip = new Tooltip();
        Runnable explain = () -> {
            tip.setText(mayReveal.get() ? "Show or hide the secret"
                    : "Only supervisors can reveal a stored secret; you can see what you type into an empty field");
            if (!mayReveal.get()) {
                reveal.setSelected(false);
            }
        };
        mayReveal.addListener((obs, was, now) -> explain.run());
        explain.run();
        reveal.selectedProperty().addListener((obs, was, now) -> {
            reveal.setGraphic(new FontIcon(now ? "fth-eye-off" : "fth-eye"));
            (now ? shown : hidden).requestFocus();
        });
        StackPane both = new StackPane(hidden, shown);
        HBox.setHgrow(both, Priority.ALWAYS);
        // A disabled button shows no tooltip: the holder carries it, so a CSR learns why the eye is off.
        StackPane revealHolder = new StackPane(reveal);
        Tooltip.install(revealHolder, tip);
        getChildren().addAll(both, revealHolder);
        getStyleClass().add("secret-field");
        setSpacing(4);
    }

    /** The control that shows the text at the moment, for focus and pseudo-classes. */
    TextField input() {
        return shown.isVisible() ? shown : hidden;
    }

    PasswordField hiddenField() {
        return hidden;
    }

    TextField shownField() {
        return shown;
    }
}
