package io.hookdesk.ui.account;

import io.hookdesk.model.HookedTable;
import io.hookdesk.model.Row;
import io.hookdesk.ui.search.ListColumn;
import io.hookdesk.ui.search.SearchView;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import org.kordamp.ikonli.javafx.FontIcon;

import java.util.List;

/** The tabs listing a record's children, each with a "New" button that fills in the parent. */
public final class DetailView {

    private final DetailViewModel vm;

    public DetailView(DetailViewModel vm) {
        this.vm = vm;
    }

    public List<Tab> tabs() {
        return vm.tabs().stream().map(this::tab).toList();
    }

    private Tab tab(DetailTab detail) {
        String id = "detail-" + detail.table().sqlName();
        TableView<Row> table = new TableView<>(detail.rows());
        table.setId(id);
        for (ListColumn c : detail.columns()) {
            if (c.column().equals(detail.parentColumn())) {
                continue; // every row here points at the record above
            }
            TableColumn<Row, String> col = new TableColumn<>(c.label());
            col.setCellValueFactory(cell -> new ReadOnlyStringWrapper(c.text(cell.getValue())));
            col.setPrefWidth(SearchView.width(c.column()));
            SearchView.fitNarrow(col, c, detail.rows());
            table.getColumns().add(col);
        }
        table.getStyleClass().add("dense");
        table.setPlaceholder(new Label("None"));
        detail.selectedProperty().bind(table.getSelectionModel().selectedItemProperty());
        table.setRowFactory(t -> {
            TableRow<Row> row = new TableRow<>();
            row.setOnMouseClicked(e -> {
                if (e.getClickCount() == 2 && !row.isEmpty()) {
                    vm.open(detail, row.getItem());
                }
            });
            return row;
        });
        table.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER) {
                vm.open(detail, table.getSelectionModel().getSelectedItem());
            }
        });

        String singular = detail.table() == HookedTable.PAYHIST ? "payment"
                : detail.table() == HookedTable.EFPSTATE ? "electronic payment"
                : detail.table() == HookedTable.EFPDATA ? "processor data" : detail.table().sqlName().replace("datacall", "data call");
        Button create = new Button("New " + singular, new FontIcon("fth-plus"));
        create.setId(id + "-new");
        create.setOnAction(e -> vm.newChild(detail));
        HBox bar = new HBox(8, create);
        if (detail.table() == HookedTable.USER) {
            Button service = new Button("New service for this user", new FontIcon("fth-plus-circle"));
            service.setId(id + "-new-service");
            service.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull());
            service.setOnAction(e -> vm.newServiceFor(table.getSelectionModel().getSelectedItem()));
            bar.getChildren().add(service);
        }
        Label status = new Label();
        status.textProperty().bind(vm.statusProperty());
        status.getStyleClass().add("detail-status");
        bar.getChildren().add(status);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("detail-bar");
        BorderPane content = new BorderPane(table);
        content.setTop(bar);
        Tab tab = new Tab();
        tab.setId(id + "-tab");
        tab.textProperty().bind(Bindings.createStringBinding(() -> detail.label() + " (" + detail.rows().size() + ")",
                detail.rows()));
        tab.setContent(content);
        tab.setClosable(false);
        return tab;
    }
}
