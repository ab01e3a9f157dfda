package io.hookdesk.ui.form;

import io.hookdesk.ui.search.SuggestionBinding;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * A record number of another table (a service's user): the number (or a login, email or name typed there, which
 * suggests the records it names), a search button (also F4) that opens a pick list, a button that opens the
 * referenced record, and a few words naming it.
 */
final class ReferenceField extends HBox {

    final TextField number = new TextField();

    ReferenceField(FieldViewModel field, RecordFormViewModel form) {
        String id = "field-" + field.name();
        number.setId(id);
        number.textProperty().bindBidirectional(field.textProperty());
        number.setPrefColumnCount(7);
        number.getStyleClass().add("number-field");
        number.focusedProperty().addListener((obs, was, now) -> {
            if (!now) {
                field.commit();
            }
        });
        number.setOnAction(e -> field.commit());
        // A login, email or name typed here suggests the records it names; choosing one puts its number in.
        number.setPromptText("number or login");
        SuggestionBinding.bind(number, text -> form.suggest(field, text), s -> Long.toString(s.number()),
                s -> field.commit());
        number.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.F4) {
                form.pick(field);
                e.consume();
            }
        });
        Button search = new Button(null, new FontIcon("fth-search"));
        search.setId(id + "-pick");
        search.setTooltip(new Tooltip("Find a " + field.spec().reference() + " (F4)"));
        search.setOnAction(e -> form.pick(field));
        search.disableProperty().bind(form.savingProperty());
        Button open = new Button(null, new FontIcon("fth-external-link"));
        open.setId(id + "-open");
        open.setTooltip(new Tooltip("Open this " + field.spec().reference()));
        open.setOnAction(e -> form.openReferenced(field));
        Label description = new Label();
        description.textProperty().bind(field.descriptionProperty());
        description.getStyleClass().add("reference-description");
        description.setMinWidth(0);
        HBox.setHgrow(description, Priority.ALWAYS);
        getChildren().addAll(number, search, open, description);
        setSpacing(4);
        setAlignment(Pos.CENTER_LEFT);
    }
}
