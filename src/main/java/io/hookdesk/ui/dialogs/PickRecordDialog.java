package io.hookdesk.ui.dialogs;

import io.hookdesk.model.Row;
import io.hookdesk.ui.search.SearchView;
import io.hookdesk.ui.search.SearchViewModel;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.stage.Window;

/** Search and choose one record: a double click, Enter or "Choose" picks the selected row. */
final class PickRecordDialog extends Dialog<Row> {

    static final ButtonType CHOOSE = new ButtonType("Choose", ButtonBar.ButtonData.OK_DONE);

    PickRecordDialog(Window owner, String title, SearchViewModel search) {
        initOwner(owner);
        setTitle(title);
        setResizable(true);
        getDialogPane().setId("pick-dialog");
        SearchView view = new SearchView(search, row -> {
            setResult(row);
            close();
        }, null);
        view.setPrefSize(760, 460);
        getDialogPane().setContent(view);
        getDialogPane().getButtonTypes().addAll(CHOOSE, ButtonType.CANCEL);
        getDialogPane().lookupButton(CHOOSE).disableProperty()
                .bind(view.table().getSelectionModel().selectedItemProperty().isNull());
        setResultConverter(b -> b == CHOOSE ? view.table().getSelectionModel().getSelectedItem() : null);
        setOnShown(e -> {
            search.search();
            view.focusSearch();
        });
    }
}
