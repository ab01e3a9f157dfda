package io.hookdesk.bench;

import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;

/**
 * The desktop benchmark's floor: the same JVM, class path and display as HookDesk, showing one window with one
 * label and printing the same ready line the desktop prints ({@code HOOKDESK_READY <ms since JVM start>}).
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
            stage.setScene(new Scene(new Label("floor"), 1200, 720));
            stage.setOnShown(e -> Platform.runLater(() -> {
                long ms = System.currentTimeMillis() - java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime();
                System.out.println("HOOKDESK_READY " + ms);
                System.out.flush();
            }));
            stage.show();
        }
    }
}
