package io.hookdesk.ui.dialogs;

import javafx.geometry.Orientation;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.SplitPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/**
 * What a hook printed for a change that was saved ("Show output" in the save's notification): the same view of the
 * run as the failure dialog's (hook, status, duration, standard output and standard error, each with Copy), without
 * the failure's advice, since nothing went wrong.
 */
final class HookOutputDialog extends Dialog<Void> {

    HookOutputDialog(Window owner, HookOutput output) {
        initOwner(owner);
        setTitle("Output of " + output.title());
        setResizable(true);
        getDialogPane().setId("hook-output-dialog");
        setHeaderText(output.title() + ": " + output.status());

        GridPane facts = new GridPane();
        facts.setHgap(12);
        facts.setVgap(4);
        facts.addRow(0, HookFailureDialog.key("Hook"), HookFailureDialog.value("hook-path", output.hookPath()));
        facts.addRow(1, HookFailureDialog.key("Status"), HookFailureDialog.value("hook-status", output.status()));
        facts.addRow(2, HookFailureDialog.key("Duration"), HookFailureDialog.value("hook-duration",
                output.duration() == null ? "" : output.duration().toMillis() + " ms"));

        SplitPane streams = new SplitPane(HookFailureDialog.stream("Standard output", "stdout", output.stdout()),
                HookFailureDialog.stream("Standard error", "stderr", output.stderr()));
        streams.setOrientation(Orientation.VERTICAL);
        // Room for a few lines of each stream even where the dialog opens short (a small screen).
        streams.setMinHeight(HookFailureDialog.OUTPUT_MIN_HEIGHT);
        VBox.setVgrow(streams, Priority.ALWAYS);

        VBox content = new VBox(10, facts, streams);
        content.setPrefSize(760, 460);
        content.getStyleClass().add("dialog-content");
        getDialogPane().setContent(content);
        getDialogPane().getButtonTypes().add(ButtonType.CLOSE);
        HookFailureDialog.closeIsTheDefault(this, ButtonType.CLOSE);
    }
}
