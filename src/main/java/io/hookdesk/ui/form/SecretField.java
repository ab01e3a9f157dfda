package io.hookdesk.ui.form;

import javafx.beans.property.StringProperty;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import org.kordamp.ikonli.javafx.FontIcon;

/** A secret (password, card number): dots by default, the text while the eye is pressed down. */
final class SecretField extends HBox {

    private final PasswordField hidden = new PasswordField();
    private final TextField shown = new TextField();

    SecretField(StringProperty text, String id) {
        hidden.textProperty().bindBidirectional(text);
        shown.textProperty().bindBidirectional(text);
        hidden.setId(id);
        shown.setId(id + "-revealed");
        ToggleButton reveal = new ToggleButton(null, new FontIcon("fth-eye"));
        reveal.setId(id + "-reveal");
        reveal.getStyleClass().add("reveal-toggle");
        reveal.setTooltip(new Tooltip("Show or hide the secret"));
        reveal.setFocusTraversable(true);
        shown.visibleProperty().bind(reveal.selectedProperty());
        hidden.visibleProperty().bind(reveal.selectedProperty().not());
        reveal.selectedProperty().addListener((obs, was, now) -> {
            reveal.setGraphic(new FontIcon(now ? "fth-eye-off" : "fth-eye"));
            (now ? shown : hidden).requestFocus();
        });
        StackPane both = new StackPane(hidden, shown);
        HBox.setHgrow(both, Priority.ALWAYS);
        getChildren().addAll(both, reveal);
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
