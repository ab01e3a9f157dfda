package io.hookdesk.ui;

import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.Screen;
import javafx.stage.Stage;

/**
 * What is on screen in the first second, before the real window is built: the title, the sections a CSR will
 * find in the navigation and one line saying what the start is doing. Plain JavaFX controls and no stylesheet of
 * our own, so it costs next to nothing over the toolkit's own start; {@link MainWindow} then replaces its scene on
 * the same stage, which the window manager has already placed and maximised.
 */
public final class StartShell {

    /** Time given to the first frame before the real window is built (measured: less leaves the window blank). */
    private static final double PAINT_MS = 150;

    private StartShell() {
    }

    /**
     * Shows the shell on {@code stage}, sized as the main window will be, and runs {@code then} (building the real
     * window, which holds the FX thread for a while) only once the shell has been through a pulse, so it is painted
     * first instead of leaving a blank window. Call on the FX thread.
     */
    public static void show(Stage stage, String progress, Runnable then) {
        VBox navigation = new VBox(10);
        navigation.setPadding(new Insets(12));
        navigation.setPrefWidth(190);
        for (Section s : Section.values()) {
            navigation.getChildren().add(new Label(s.label()));
        }
        ProgressIndicator spinner = new ProgressIndicator();
        spinner.setPrefSize(18, 18);
        Label line = new Label(progress);
        line.setId("start-progress");
        HBox center = new HBox(10, spinner, line);
        center.setAlignment(Pos.CENTER);
        BorderPane root = new BorderPane(center);
        root.setLeft(navigation);
        Rectangle2D screen = Screen.getPrimary().getVisualBounds();
        stage.setTitle("HookDesk");
        Scene scene = new Scene(root, Math.min(1366, screen.getWidth()), Math.min(768, screen.getHeight()));
        scene.addPostLayoutPulseListener(new Runnable() {
            @Override
            public void run() {
                scene.removePostLayoutPulseListener(this);
                // The render thread paints this pulse's frame meanwhile; building the window at once would hold the
                // FX thread before the shell ever reached the screen.
                javafx.animation.PauseTransition paint = new javafx.animation.PauseTransition(javafx.util.Duration.millis(PAINT_MS));
                paint.setOnFinished(e -> then.run());
                paint.play();
            }
        });
        stage.setScene(scene);
        stage.setMaximized(screen.getWidth() <= 1366 || screen.getHeight() <= 800);
        stage.show();
    }
}
