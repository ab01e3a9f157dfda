package io.hookdesk.bench;

import io.hookdesk.ui.StartShell;
import javafx.animation.Animation;
import javafx.animation.TranslateTransition;
import javafx.geometry.Pos;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Rectangle;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import javafx.util.Duration;

/**
 * The desktop benchmark's floor: the same JVM, jar and display as HookDesk, showing one window with one line of
 * text and a moving bar (shapes and text only, as HookDesk's start-up shell) and printing
 * {@code HOOKDESK_FIRST_PAINT} and {@code HOOKDESK_READY} once its first frame has been drawn, known as the shell
 * knows it ({@code ui.StartShell}: the second pulse after the one that laid the window out, the bar having changed
 * the scene in between). What no JavaFX window started by {@code java} can beat on this machine.
 * Not a subclass of Application itself, so it starts from a plain class path like the shaded jar's entry point.
 */
public final class FloorWindow {

    private FloorWindow() {
    }

    public static void main(String[] args) {
        Application.launch(Window.class, args);
    }

    public static final class Window extends Application {
        @Override
        public void start(Stage stage) {
            Rectangle bar = new Rectangle(60, 3);
            TranslateTransition moving = new TranslateTransition(Duration.millis(900), bar);
            moving.setFromX(-90);
            moving.setToX(90);
            moving.setAutoReverse(true);
            moving.setCycleCount(Animation.INDEFINITE);
            VBox box = new VBox(10, new Text("floor"), bar);
            box.setAlignment(Pos.CENTER);
            Scene scene = new Scene(box, 1200, 720);
            StartShell.onFirstFrame(scene, () -> { }, () -> {
                long ms = System.currentTimeMillis() - ProcessHandle.current().info().startInstant()
                        .map(java.time.Instant::toEpochMilli).orElse(System.currentTimeMillis());
                System.out.println("HOOKDESK_FIRST_PAINT " + ms);
                System.out.println("HOOKDESK_READY " + ms);
                System.out.flush();
            });
            stage.setTitle("floor");
            stage.setScene(scene);
            moving.play();
            stage.show();
        }
    }
}
