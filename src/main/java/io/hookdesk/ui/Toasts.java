package io.hookdesk.ui;

import javafx.animation.FadeTransition;
import javafx.animation.PauseTransition;
import javafx.animation.SequentialTransition;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import org.kordamp.ikonli.javafx.FontIcon;

/** Notifications that do not interrupt: a message in the window's corner that fades after a few seconds. */
public final class Toasts extends VBox {

    public Toasts() {
        setId("toasts");
        setSpacing(8);
        setPadding(new Insets(16));
        setAlignment(Pos.BOTTOM_RIGHT);
        setPickOnBounds(false);
        setMouseTransparent(false);
        setMaxSize(USE_PREF_SIZE, USE_PREF_SIZE);
    }

    public void show(String message) {
        FontIcon icon = new FontIcon("fth-check-circle");
        Label toast = new Label(message, icon);
        toast.setId("toast");
        toast.getStyleClass().add("toast");
        toast.setWrapText(true);
        toast.setMaxWidth(460);
        toast.setOnMouseClicked(e -> getChildren().remove(toast));
        getChildren().add(toast);
        FadeTransition fade = new FadeTransition(Duration.millis(600), toast);
        fade.setToValue(0);
        SequentialTransition life = new SequentialTransition(new PauseTransition(Duration.seconds(6)), fade);
        life.setOnFinished(e -> getChildren().remove(toast));
        life.play();
    }
}
