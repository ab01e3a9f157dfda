package io.hookdesk.bench;

import javafx.animation.AnimationTimer;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.layout.StackPane;
import javafx.scene.text.Text;
import javafx.stage.Stage;

/**
 * The desktop benchmark's floor: the same JVM, jar and display as HookDesk, showing one window with one line of
 * text (shapes and text only, as HookDesk's start-up shell) and printing {@code HOOKDESK_FIRST_PAINT} and
 * {@code HOOKDESK_READY} once its first frame has been drawn, timed as the desktop's probe times the shell's (the pulse
 * after the one that laid the window out). What no JavaFX window started by {@code java} can beat on this machine.
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
            Scene scene = new Scene(new StackPane(new Text("floor")), 1200, 720);
            scene.addPostLayoutPulseListener(new Runnable() {
                @Override
                public void run() {
                    scene.removePostLayoutPulseListener(this);
                    new AnimationTimer() {
                        @Override
                        public void handle(long now) {
                            stop();
                            long ms = System.currentTimeMillis() - ProcessHandle.current().info().startInstant()
                                    .map(java.time.Instant::toEpochMilli).orElse(System.currentTimeMillis());
                            System.out.println("HOOKDESK_FIRST_PAINT " + ms);
                            System.out.println("HOOKDESK_READY " + ms);
                            System.out.flush();
                        }
                    }.start();
                }
            });
            stage.setTitle("floor");
            stage.setScene(scene);
            stage.show();
        }
    }
}
