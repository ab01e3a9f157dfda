package io.hookdesk.ui;

import javafx.animation.Animation;
import javafx.animation.AnimationTimer;
import javafx.animation.PauseTransition;
import javafx.animation.TranslateTransition;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.scene.layout.Background;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Border;
import javafx.scene.layout.BorderStroke;
import javafx.scene.layout.BorderStrokeStyle;
import javafx.scene.layout.BorderWidths;
import javafx.scene.layout.CornerRadii;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.shape.Rectangle;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.Text;
import javafx.stage.Screen;
import javafx.stage.Stage;
import javafx.util.Duration;

/**
 * What is on screen in the first second, before the real window is built: the title, the sections a CSR will
 * find in the navigation and one line saying what the start is doing. Made of shapes and text only, no control:
 * the first control would make JavaFX parse its default stylesheet (modena, about a tenth of a second here), which
 * the real window does not use (it sets the AtlantaFX theme first). {@link MainWindow} then replaces its scene on
 * the same stage, which the window manager has already placed and maximised.
 */
public final class StartShell {

    /** Time given to the first frame before the real window is built (measured: less leaves the window blank). */
    private static final double PAINT_MS = 150;

    private StartShell() {
    }

    /**
     * What the progress line says: the truth about what this start does. Creating the demo database takes tens of
     * seconds and happens only on the first start with an embedded database.
     *
     * @param url the database's JDBC URL, or null for the embedded one
     * @param createsDatabase whether the embedded database does not exist yet
     */
    public static String progress(String url, boolean createsDatabase) {
        if (url != null) {
            return "Connecting to " + url + "…";
        }
        return createsDatabase ? "Creating the demo database (first start)…" : "Opening the database…";
    }

    /**
     * Shows the shell on {@code stage}, sized as the main window will be, runs {@code painted} once its first frame
     * has been drawn, and runs {@code then} (building the real window, which holds the FX thread for a while) only
     * once the shell has been through a pulse, so it is painted first instead of leaving a blank window. Call on the
     * FX thread.
     *
     * <p>"Drawn" is known without a hook into the renderer: the shell's bar moves every pulse, so its scene is changed
     * in every pulse, and a pulse synchronises a changed scene only after the previous frame's rendering has finished
     * ({@code Scene}'s pulse waits for it). So when the second pulse after the one that laid the shell out begins, the
     * first frame is on screen.
     *
     * @param dark whether the window will use the dark theme, so the shell does not flash white before it
     */
    public static void show(Stage stage, String progress, boolean dark, Runnable painted, Runnable then) {
        Color background = Color.web(dark ? "#0d1117" : "#ffffff");
        Color side = Color.web(dark ? "#161b22" : "#f6f8fa");
        Color text = Color.web(dark ? "#c9d1d9" : "#24292f");
        Color muted = Color.web(dark ? "#8b949e" : "#57606a");
        Font font = Font.font(13);

        VBox navigation = new VBox(12);
        navigation.setId("start-navigation");
        navigation.setPadding(new Insets(14));
        navigation.setPrefWidth(190);
        navigation.setBackground(Background.fill(side));
        navigation.setBorder(new Border(new BorderStroke(muted.deriveColor(0, 1, 1, 0.3), BorderStrokeStyle.SOLID,
                CornerRadii.EMPTY, new BorderWidths(0, 1, 0, 0))));
        Text title = new Text("HookDesk");
        title.setFont(Font.font(null, FontWeight.BOLD, 15));
        title.setFill(text);
        navigation.getChildren().add(title);
        for (Section s : Section.values()) {
            Text t = new Text(s.label());
            t.setFont(font);
            t.setFill(text);
            navigation.getChildren().add(t);
        }
        Text line = new Text(progress);
        line.setId("start-progress");
        line.setFont(font);
        line.setFill(muted);
        // An indeterminate bar under the line: the start is alive (until the real window's build holds the thread).
        Rectangle track = new Rectangle(240, 3, side);
        Rectangle bar = new Rectangle(60, 3, Color.web(dark ? "#58a6ff" : "#0969da"));
        TranslateTransition moving = new TranslateTransition(Duration.millis(900), bar);
        moving.setFromX(-90);
        moving.setToX(90);
        moving.setAutoReverse(true);
        moving.setCycleCount(Animation.INDEFINITE);
        VBox center = new VBox(10, line, new StackPane(track, bar));
        center.setAlignment(Pos.CENTER);
        center.setMaxSize(Region.USE_PREF_SIZE, Region.USE_PREF_SIZE);
        BorderPane root = new BorderPane(center);
        root.setLeft(navigation);
        root.setBackground(Background.fill(background));
        Rectangle2D screen = Screen.getPrimary().getVisualBounds();
        stage.setTitle("HookDesk");
        Scene scene = new Scene(root, Math.min(1366, screen.getWidth()), Math.min(768, screen.getHeight()), background);
        onFirstFrame(scene, () -> {
            // The render thread paints this pulse's frame meanwhile; building the window at once would hold the
            // FX thread before the shell ever reached the screen.
            PauseTransition paint = new PauseTransition(Duration.millis(PAINT_MS));
            paint.setOnFinished(e -> {
                moving.stop();
                then.run();
            });
            paint.play();
        }, painted);
        stage.setScene(scene);
        moving.play();
        stage.setMaximized(screen.getWidth() <= 1366 || screen.getHeight() <= 800);
        stage.show();
    }

    /**
     * Runs {@code laidOut} at the pulse that first lays {@code scene} out, and {@code painted} once that frame has been
     * drawn: at the second pulse after it, provided something in the scene (a moving bar) changed it in between, since
     * JavaFX syncs a changed scene only after the previous frame was rendered. The desktop benchmark's floor window
     * is timed by this too, so shell and floor are measured the same way.
     */
    public static void onFirstFrame(Scene scene, Runnable laidOut, Runnable painted) {
        scene.addPostLayoutPulseListener(new Runnable() {
            @Override
            public void run() {
                scene.removePostLayoutPulseListener(this);
                new AnimationTimer() {
                    private int pulses;

                    @Override
                    public void handle(long now) {
                        // 1: the pulse that waits for the first frame (the bar moved); 2: that frame is drawn.
                        if (++pulses == 2) {
                            stop();
                            painted.run();
                        }
                    }
                }.start();
                laidOut.run();
            }
        });
    }
}
