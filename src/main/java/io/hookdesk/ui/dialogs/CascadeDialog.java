package io.hookdesk.ui.dialogs;

import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

import java.util.Map;

/**
 * Asks, before an account's or user's state change is saved, whether it goes to everything under it: the list of
 * records and hooks with their count, and beside it the selected record's hook variables, as the environment panel
 * shows them (secrets masked).
 */
final class CascadeDialog extends Dialog<CascadeChoice> {

    private static final double LIST_MIN_HEIGHT = 240;

    CascadeDialog(Window owner, CascadeReport report) {
        initOwner(owner);
        setTitle(report.title());
        setResizable(true);
        getDialogPane().setId("cascade-dialog");
        setHeaderText(report.summary());

        ListView<CascadeReport.Entry> records = new ListView<>(FXCollections.observableArrayList(report.entries()));
        records.setId("cascade-records");
        records.setCellFactory(v -> new javafx.scene.control.ListCell<>() {
            @Override
            protected void updateItem(CascadeReport.Entry item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : item.label());
            }
        });
        TableView<Map.Entry<String, String>> variables = new TableView<>();
        variables.setId("cascade-environment");
        TableColumn<Map.Entry<String, String>, String> name = new TableColumn<>("Variable");
        name.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().getKey()));
        name.setPrefWidth(220);
        TableColumn<Map.Entry<String, String>, String> value = new TableColumn<>("Value");
        value.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().getValue()));
        value.setPrefWidth(320);
        variables.getColumns().add(name);
        variables.getColumns().add(value);
        records.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> variables.setItems(
                now == null ? FXCollections.observableArrayList()
                        : FXCollections.observableArrayList(now.environment().entrySet())));
        records.getSelectionModel().selectFirst();

        SplitPane split = new SplitPane(records, variables);
        split.setDividerPositions(0.45);
        VBox.setVgrow(split, Priority.ALWAYS);
        // Room for several records and variables even where the window manager opens the dialog at its content's
        // least size (openbox does), which for a split pane of lists is one line each.
        split.setMinHeight(LIST_MIN_HEIGHT);
        VBox content = new VBox(10, split);
        if (!report.left().isEmpty()) {
            Label left = new Label("Left as they are:\n  " + String.join("\n  ", report.left()));
            left.setId("cascade-left");
            left.setWrapText(true);
            content.getChildren().add(left);
        }
        content.setPrefSize(900, 520);
        content.getStyleClass().add("dialog-content");
        getDialogPane().setContent(HookFailureDialog.scrolling(content));

        ButtonType cascade = new ButtonType("Change all " + report.entries().size(), ButtonBar.ButtonData.YES);
        ButtonType force = new ButtonType("Reopen Closed ones too", ButtonBar.ButtonData.OTHER);
        ButtonType only = new ButtonType("Only this record", ButtonBar.ButtonData.NO);
        getDialogPane().getButtonTypes().add(cascade);
        if (report.forceNote() != null) {
            getDialogPane().getButtonTypes().add(force);
            content.getChildren().add(new Label(report.forceNote()));
        }
        getDialogPane().getButtonTypes().addAll(only, ButtonType.CANCEL);
        setResultConverter(b -> b == cascade ? CascadeChoice.CASCADE : b == force ? CascadeChoice.CASCADE_FORCE
                : b == only ? CascadeChoice.ONLY_THIS_RECORD : CascadeChoice.CANCEL);
    }
}
