package io.hookdesk.ui.history;

import io.hookdesk.model.AuditOutcome;
import io.hookdesk.model.HookRun;
import io.hookdesk.model.HookedTable;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.util.StringConverter;
import org.kordamp.ikonli.javafx.FontIcon;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/** A list of recorded save attempts; with filters for the supervisor's overall view. Enter or a double click opens one. */
public final class HistoryView extends BorderPane {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

    public HistoryView(HistoryViewModel vm, boolean withFilters) {
        getStyleClass().add("history-view");
        TableView<HookRun> table = new TableView<>(vm.runs());
        table.setId(withFilters ? "runs-table" : "history-table");
        table.getColumns().add(column("Time", 170, r -> TIME.format(r.startedAt())));
        if (withFilters) {
            table.getColumns().add(column("Table", 80, HookRun::table));
            table.getColumns().add(column("Record", 70, r -> r.number() == null ? "" : r.number().toString()));
        }
        // The operation tells a "Run hook again" (rerun) from the save it repaired.
        table.getColumns().add(column("Operation", 85, HookRun::operation));
        table.getColumns().add(column("CSR", 90, HookRun::csr));
        table.getColumns().add(column("Login", 90, HookRun::dbUser));
        table.getColumns().add(column("Via", 100, HookRun::origin));
        TableColumn<HookRun, String> outcome = column("Outcome", 125, HookRun::outcome);
        outcome.setCellFactory(c -> new OutcomeCell());
        table.getColumns().add(outcome);
        table.getColumns().add(column("Exit", 55, r -> r.exitCode() == null ? (r.signal() == null ? "" : "sig " + r.signal())
                : r.exitCode().toString()));
        table.getColumns().add(column("Duration", 85, r -> r.durationMs() + " ms"));
        // Runs of one account-wide action share its id: the first eight characters tell cascades apart at a glance.
        table.getColumns().add(column("Cascade", 80, r -> r.cascadeId() == null ? "" : r.cascadeId().substring(0,
                Math.min(8, r.cascadeId().length()))));
        TableColumn<HookRun, String> message = column("Message", 320, HookRun::message);
        // The message takes what is left and gives way first; the others keep their width (a narrow window scrolls
        // sideways rather than cutting "committed" to "commi…").
        message.setMinWidth(200);
        table.getColumns().add(message);
        table.getStyleClass().add("dense");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        Label placeholder = new Label();
        placeholder.textProperty().bind(vm.statusProperty());
        table.setPlaceholder(placeholder);
        table.setRowFactory(t -> {
            TableRow<HookRun> row = new TableRow<>();
            row.setOnMouseClicked(e -> {
                if (e.getClickCount() == 2 && !row.isEmpty()) {
                    vm.open(row.getItem());
                }
            });
            return row;
        });
        table.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER) {
                vm.open(table.getSelectionModel().getSelectedItem());
            }
        });
        setCenter(table);

        Button refresh = new Button("Refresh", new FontIcon("fth-refresh-cw"));
        refresh.setId(withFilters ? "runs-refresh" : "history-refresh");
        refresh.setOnAction(e -> vm.refresh());
        Label status = new Label();
        status.textProperty().bind(vm.statusProperty());
        HBox bar = new HBox(8);
        bar.setAlignment(Pos.CENTER_LEFT);
        if (withFilters) {
            ComboBox<HookedTable> tables = new ComboBox<>();
            tables.setId("runs-table-filter");
            List<HookedTable> options = new ArrayList<>();
            options.add(null);
            options.addAll(Arrays.asList(HookedTable.values()));
            tables.getItems().setAll(options);
            tables.setConverter(new Names<>("All tables"));
            tables.valueProperty().bindBidirectional(vm.tableFilterProperty());
            tables.valueProperty().addListener((obs, was, now) -> vm.refresh());
            ComboBox<String> outcomes = new ComboBox<>();
            outcomes.setId("runs-outcome-filter");
            List<String> o = new ArrayList<>();
            o.add(null);
            o.addAll(HistoryViewModel.OUTCOMES);
            outcomes.getItems().setAll(o);
            outcomes.setConverter(new Names<>("All outcomes"));
            outcomes.valueProperty().bindBidirectional(vm.outcomeFilterProperty());
            outcomes.valueProperty().addListener((obs, was, now) -> vm.refresh());
            bar.getChildren().addAll(new Label("Table"), tables, new Label("Outcome"), outcomes);
        }
        Button cascade = new Button("Whole cascade", new FontIcon("fth-layers"));
        cascade.setId(withFilters ? "runs-cascade" : "history-cascade");
        cascade.disableProperty().bind(Bindings.createBooleanBinding(() -> {
            HookRun selected = table.getSelectionModel().getSelectedItem();
            return selected == null || selected.cascadeId() == null;
        }, table.getSelectionModel().selectedItemProperty()));
        cascade.setOnAction(e -> vm.loadCascadeOf(table.getSelectionModel().getSelectedItem()));
        bar.getChildren().addAll(refresh, cascade, status);
        bar.setPadding(new Insets(0, 0, 8, 0));
        setTop(bar);
        setPadding(new Insets(withFilters ? 10 : 6));
    }

    private static TableColumn<HookRun, String> column(String title, double width, Function<HookRun, String> f) {
        TableColumn<HookRun, String> c = new TableColumn<>(title);
        c.setCellValueFactory(cell -> new ReadOnlyStringWrapper(f.apply(cell.getValue())));
        c.setPrefWidth(width);
        c.setMinWidth(width);
        return c;
    }

    /** Colours the outcome: committed green, failures red, the rest plain. */
    private static final class OutcomeCell extends TableCell<HookRun, String> {
        @Override
        protected void updateItem(String item, boolean empty) {
            super.updateItem(item, empty);
            getStyleClass().removeAll("outcome-good", "outcome-bad");
            setText(empty ? null : item);
            if (!empty && item != null) {
                switch (AuditOutcome.of(item).map(AuditOutcome::tone).orElse(AuditOutcome.Tone.PLAIN)) {
                    case GOOD -> getStyleClass().add("outcome-good");
                    case ALARM -> getStyleClass().add("outcome-bad");
                    case PLAIN -> {
                        // conflicts, cancellations and invalid input are the CSR's to sort out, not alarms
                    }
                }
            }
        }
    }

    private static final class Names<T> extends StringConverter<T> {
        private final String none;

        Names(String none) {
            this.none = none;
        }

        @Override
        public String toString(T t) {
            return t == null ? none : t.toString();
        }

        @Override
        public T fromString(String s) {
            return null;
        }
    }
}
