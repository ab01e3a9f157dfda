package io.hookdesk.ui.dialogs;

import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TitledPane;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import org.kordamp.ikonli.javafx.FontIcon;

import java.util.stream.Collectors;

/**
 * A hook failed and the change was rolled back: which hook, how it ended, its standard output and standard error
 * (selectable, each with Copy), how long it ran, and the environment it was given (masked) under an expander.
 */
final class HookFailureDialog extends Dialog<Boolean> {

    /** The "Run hook again" button, offered to a supervisor on a saved record. */
    static final ButtonType RUN_AGAIN = new ButtonType("Run hook again", ButtonBar.ButtonData.OTHER);

    /** The least height of the two output panes together: a few lines of each (also {@link HookOutputDialog}'s). */
    static final double OUTPUT_MIN_HEIGHT = 240;

    /** Lines of the environment shown when it is opened, and the least height kept for them. */
    private static final int ENV_LINES = 14;
    private static final double ENV_MIN_HEIGHT = 200;

    /** @param offerRunAgain whether to offer "Run hook again"; the dialog's result is true if the CSR chose it */
    HookFailureDialog(Window owner, HookFailureReport r, boolean offerRunAgain) {
        initOwner(owner);
        setTitle(r.cancelled() ? r.hookName() + " cancelled" : r.hookName() + " failed");
        setResizable(true);
        getDialogPane().setId("hook-failure-dialog");
        getDialogPane().getStyleClass().add("hook-failure-dialog");
        setHeaderText(r.headline());
        FontIcon icon = new FontIcon(r.cancelled() ? "fth-x-circle" : "fth-alert-triangle");
        icon.getStyleClass().add("danger-icon");
        icon.setIconSize(32);
        setGraphic(icon);

        GridPane facts = new GridPane();
        facts.setHgap(12);
        facts.setVgap(4);
        int row = 0;
        facts.addRow(row++, key("Hook"), value("hook-path", r.hookPath() == null ? r.hookName() : r.hookPath().toString()));
        // The runner's reason already says "exited with status 1", "timed out after 60 s" or why it could not start.
        facts.addRow(row++, key("Status"), value("hook-status", r.reason()));
        facts.addRow(row, key("Duration"), value("hook-duration", r.duration() == null ? "" : r.duration().toMillis() + " ms"));

        SplitPane output = new SplitPane(stream("Standard output", "stdout", r.stdout()),
                stream("Standard error", "stderr", r.stderr()));
        output.setOrientation(Orientation.VERTICAL);
        VBox.setVgrow(output, Priority.ALWAYS);
        // Room for a few lines of each stream even where the dialog is sized down to the screen (1024x600): the
        // window is sized to its content's minimum there, which for a split pane of text areas is a single line.
        output.setMinHeight(OUTPUT_MIN_HEIGHT);

        TextArea env = monospace("hook-env-text", r.environment().entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("\n")));
        env.setPrefRowCount(ENV_LINES);
        // Opened, it keeps room for a dozen variables: the dialog does not grow, and the panes above gave it two lines.
        env.setMinHeight(ENV_MIN_HEIGHT);
        TitledPane envPane = new TitledPane("Environment it was given (" + r.environment().size() + " variables, secrets masked)", env);
        envPane.setId("hook-env");
        envPane.setExpanded(false);

        Label next = new Label(r.reprovision()
                ? "The record itself is unchanged. Fix what the hook reports, then run it again."
                : "Your edits are still in the form: correct them and save again, or revert."
                + (offerRunAgain ? " \"Run hook again\" runs it for the record as saved, to undo what it did half-way." : ""));
        next.getStyleClass().add("dialog-hint");
        next.setWrapText(true);
        next.setMinHeight(Region.USE_PREF_SIZE);

        VBox content = new VBox(10, facts, output, envPane, next);
        content.setPrefSize(860, 560);
        content.getStyleClass().add("dialog-content");
        getDialogPane().setContent(scrolling(content));
        envPane.expandedProperty().addListener((obs, was, open) -> {
            if (open) {
                // On a small screen the content now scrolls (the buttons stay on the dialog): bring the list into view.
                Platform.runLater(() -> ((ScrollPane) getDialogPane().getContent()).setVvalue(1));
            }
        });
        getDialogPane().getButtonTypes().add(ButtonType.CLOSE);
        if (offerRunAgain) {
            getDialogPane().getButtonTypes().add(0, RUN_AGAIN);
            getDialogPane().lookupButton(RUN_AGAIN).setId("run-hook-again");
        }
        closeIsTheDefault(this, ButtonType.CLOSE);
        setResultConverter(b -> b == RUN_AGAIN);
    }

    /**
     * Makes {@code harmless} the button Enter presses and puts the cursor on it when the dialog shows: a CSR who
     * pressed Enter to save or to cancel a hook, and presses it again, closes the dialog rather than provisioning
     * again. "Run hook again" then takes a click (or Tab) and asks first.
     */
    static void closeIsTheDefault(Dialog<?> dialog, ButtonType harmless) {
        for (ButtonType t : dialog.getDialogPane().getButtonTypes()) {
            if (dialog.getDialogPane().lookupButton(t) instanceof Button b) {
                b.setDefaultButton(t == harmless);
            }
        }
        Button close = (Button) dialog.getDialogPane().lookupButton(harmless);
        close.setId(close.getId() == null ? "dialog-close" : close.getId());
        dialog.setOnShown(e -> close.requestFocus());
    }

    /**
     * The dialog's content in a scroll pane that fills the dialog while the content fits, and scrolls once it does not
     * (1024x600 with the environment open): the content then keeps its least size and the buttons stay on the dialog.
     */
    static ScrollPane scrolling(Region content) {
        ScrollPane scroll = new ScrollPane(content);
        scroll.setFitToWidth(true);
        scroll.setFitToHeight(true);
        scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        // Never sized down past a dozen lines of output: a window manager that opens it at its least size shows them.
        scroll.setMinHeight(OUTPUT_MIN_HEIGHT + 120);
        scroll.getStyleClass().addAll("edge-to-edge", "dialog-scroll");
        return scroll;
    }

    /** One stream (stdout or stderr) with its title and Copy; also the output view of {@link HookOutputDialog}. */
    static BorderPane stream(String title, String id, String text) {
        Label label = new Label(title + (text == null || text.isEmpty() ? " (empty)" : ""));
        label.getStyleClass().add("stream-title");
        Button copy = new Button("Copy", new FontIcon("fth-copy"));
        copy.setId("copy-" + id);
        copy.setOnAction(e -> {
            ClipboardContent c = new ClipboardContent();
            c.putString(text == null ? "" : text);
            Clipboard.getSystemClipboard().setContent(c);
        });
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox bar = new HBox(8, label, spacer, copy);
        bar.setAlignment(Pos.CENTER_LEFT);
        BorderPane pane = new BorderPane(monospace("hook-" + id, text));
        pane.setTop(bar);
        BorderPane.setMargin(bar, new Insets(0, 0, 4, 0));
        return pane;
    }

    static TextArea monospace(String id, String text) {
        TextArea a = new TextArea(text == null ? "" : text);
        a.setId(id);
        a.setEditable(false);
        a.setWrapText(false);
        a.getStyleClass().add("monospace");
        return a;
    }

    static Label key(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("fact-key");
        return l;
    }

    static Label value(String id, String text) {
        Label l = new Label(text);
        l.setId(id);
        l.setWrapText(true);
        return l;
    }
}
