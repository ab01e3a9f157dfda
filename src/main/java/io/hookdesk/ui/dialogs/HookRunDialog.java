package io.hookdesk.ui.dialogs;

import io.hookdesk.model.HookRun;
import javafx.scene.Node;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** One recorded save attempt: who, when, how it ended, and the hook's output and environment (masked in storage). */
final class HookRunDialog extends Dialog<Void> {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

    HookRunDialog(Window owner, HookRun run) {
        initOwner(owner);
        setTitle("Hook run " + run.id());
        setResizable(true);
        getDialogPane().setId("hook-run-dialog");
        setHeaderText(run.operation() + " " + run.table() + (run.number() == null ? "" : " " + run.number()) + ": "
                + run.outcome() + " — " + run.message());
        GridPane facts = new GridPane();
        facts.setHgap(12);
        facts.setVgap(4);
        int row = 0;
        facts.addRow(row++, HookFailureDialog.key("When"), HookFailureDialog.value("run-time", TIME.format(run.startedAt())));
        facts.addRow(row++, HookFailureDialog.key("By"), HookFailureDialog.value("run-csr",
                run.csr() + (run.dbUser().isEmpty() ? "" : " (database login " + run.dbUser() + ")") + " via " + run.origin()));
        facts.addRow(row++, HookFailureDialog.key("Hook"), HookFailureDialog.value("run-hook",
                run.hookPath().isEmpty() ? "(no hook ran)" : run.hookPath()));
        facts.addRow(row++, HookFailureDialog.key("Exit"), HookFailureDialog.value("run-exit",
                run.exitCode() != null ? "exit code " + run.exitCode() : run.signal() != null ? "signal " + run.signal() : "—"));
        facts.addRow(row, HookFailureDialog.key("Duration"), HookFailureDialog.value("run-duration", run.durationMs() + " ms"));
        TabPane tabs = new TabPane(
                tab("Standard output", HookFailureDialog.monospace("run-stdout", run.stdout())),
                tab("Standard error", HookFailureDialog.monospace("run-stderr", run.stderr())),
                tab("Environment", HookFailureDialog.monospace("run-env", run.environment())));
        VBox.setVgrow(tabs, Priority.ALWAYS);
        // A dozen lines of output whatever the window manager first gives the window (openbox gave 239 px, tabs unseen).
        tabs.setMinHeight(HookFailureDialog.OUTPUT_MIN_HEIGHT);
        VBox content = new VBox(10, facts, tabs);
        content.setPrefSize(860, 560);
        content.getStyleClass().add("dialog-content");
        getDialogPane().setContent(HookFailureDialog.scrolling(content));
        getDialogPane().getButtonTypes().add(ButtonType.CLOSE);
        HookFailureDialog.closeIsTheDefault(this, ButtonType.CLOSE);
    }

    private static Tab tab(String title, Node content) {
        Tab t = new Tab(title, content);
        t.setClosable(false);
        return t;
    }
}
