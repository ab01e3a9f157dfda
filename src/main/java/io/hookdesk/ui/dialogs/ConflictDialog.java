package io.hookdesk.ui.dialogs;

import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import javafx.css.PseudoClass;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import org.kordamp.ikonli.javafx.FontIcon;

import java.util.function.Function;

/**
 * Someone else saved first: their values beside the CSR's, the differing fields highlighted. Reload shows their
 * version (the form asks before discarding edits); Keep editing leaves the edits in the form on top of their version.
 */
final class ConflictDialog extends Dialog<ConflictChoice> {

    private static final PseudoClass DIFFERS = PseudoClass.getPseudoClass("differs");

    static final ButtonType RELOAD = new ButtonType("Reload their version", ButtonBar.ButtonData.OK_DONE);
    static final ButtonType KEEP = new ButtonType("Keep editing", ButtonBar.ButtonData.CANCEL_CLOSE);

    ConflictDialog(Window owner, ConflictReport r) {
        initOwner(owner);
        setTitle("Someone else saved this " + r.table());
        setResizable(true);
        getDialogPane().setId("conflict-dialog");
        setHeaderText("Someone else saved " + r.table() + " " + r.number() + " after you opened it. Nothing of yours was saved.");
        FontIcon icon = new FontIcon("fth-git-merge");
        icon.setIconSize(32);
        setGraphic(icon);

        ObservableList<ConflictReport.Line> all = FXCollections.observableArrayList(r.lines());
        FilteredList<ConflictReport.Line> shown = new FilteredList<>(all);
        TableView<ConflictReport.Line> table = new TableView<>(shown);
        table.setId("conflict-table");
        table.getColumns().add(column("Field", 170, l -> l.label()));
        table.getColumns().add(column("Their saved value", 260, ConflictReport.Line::theirs));
        table.getColumns().add(column("Yours, in the form", 260, ConflictReport.Line::yours));
        table.getStyleClass().add("dense");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(ConflictReport.Line item, boolean empty) {
                super.updateItem(item, empty);
                pseudoClassStateChanged(DIFFERS, !empty && item != null && item.differs());
            }
        });
        VBox.setVgrow(table, Priority.ALWAYS);
        CheckBox onlyDifferences = new CheckBox("Show only the " + r.differing() + " fields that differ");
        onlyDifferences.setId("conflict-only-differences");
        onlyDifferences.selectedProperty().addListener((obs, was, now) ->
                shown.setPredicate(now ? ConflictReport.Line::differs : null));
        Label help = new Label("Reload: see their version (your edits are discarded after you confirm).\n"
                + "Keep editing: your edits stay in the form on top of their version; saving then writes the fields you changed.");
        help.setWrapText(true);
        help.getStyleClass().add("dialog-hint");
        VBox content = new VBox(8, new Label(r.message()), onlyDifferences, table, help);
        content.setPrefSize(760, 480);
        content.getStyleClass().add("dialog-content");
        getDialogPane().setContent(content);
        getDialogPane().getButtonTypes().addAll(RELOAD, KEEP);
        setResultConverter(b -> b == RELOAD ? ConflictChoice.RELOAD : ConflictChoice.KEEP_EDITING);
    }

    private static TableColumn<ConflictReport.Line, String> column(String title, double width,
                                                                  Function<ConflictReport.Line, String> f) {
        TableColumn<ConflictReport.Line, String> c = new TableColumn<>(title);
        c.setCellValueFactory(cell -> new ReadOnlyStringWrapper(f.apply(cell.getValue())));
        c.setPrefWidth(width);
        c.setSortable(false);
        return c;
    }
}
