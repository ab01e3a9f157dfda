package io.hookdesk.ui.search;

import io.hookdesk.model.Row;
import io.hookdesk.model.Suggestion;
import javafx.beans.InvalidationListener;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.text.Font;
import javafx.scene.text.Text;
import org.controlsfx.control.textfield.TextFields;
import org.kordamp.ikonli.javafx.FontIcon;

import java.util.function.Consumer;

/**
 * A search box over a sortable result table with paging. Clicking a column header sorts in the database; a double
 * click or Enter on a row opens it.
 */
public final class SearchView extends BorderPane {

    private static final double NARROW = 90;
    /** The cell's own padding and the header's sort arrow. */
    private static final double CELL_PADDING = 30;

    private final SearchViewModel vm;
    /** ControlsFX's clearable field: a cross at its end empties it. */
    private final TextField query = TextFields.createClearableTextField();
    private final TableView<Row> table = new TableView<>();

    /**
     * @param onOpen called with the row the CSR opens
     * @param onNew  creates a new record of the table; null for no "New" button (the pick pop-up)
     */
    public SearchView(SearchViewModel vm, Consumer<Row> onOpen, Runnable onNew) {
        this.vm = vm;
        getStyleClass().add("search-view");
        query.setId("search-field");
        query.setPromptText("Number, name, company, email, phone or login (% is a wildcard)");
        query.textProperty().bindBidirectional(vm.queryProperty());
        // Logins, emails and names from two letters; choosing one searches for it. Enter searches for what is typed.
        SuggestionBinding suggestions = SuggestionBinding.bind(query, vm::suggest, Suggestion::match,
                s -> vm.searchFor(s.match()));
        query.setOnAction(e -> {
            suggestions.dismiss();
            vm.search();
        });
        query.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.DOWN && !table.getItems().isEmpty()) {
                table.requestFocus();
                table.getSelectionModel().selectFirst();
                e.consume();
            }
        });
        HBox.setHgrow(query, Priority.ALWAYS);
        Button search = new Button("Search", new FontIcon("fth-search"));
        search.setId("search-button");
        search.setDefaultButton(false);
        search.setOnAction(e -> {
            suggestions.dismiss();
            vm.search();
        });
        HBox top = new HBox(6, query, search);
        if (onNew != null) {
            Button create = new Button("New", new FontIcon("fth-plus"));
            create.setId("new-record");
            create.setTooltip(new Tooltip("Create a new record here (Ctrl+N)"));
            create.setOnAction(e -> onNew.run());
            top.getChildren().add(create);
        }
        top.setAlignment(Pos.CENTER_LEFT);
        top.setPadding(new Insets(0, 0, 8, 0));
        setTop(top);

        table.setId("search-results");
        for (ListColumn c : vm.columns()) {
            TableColumn<Row, String> col = new TableColumn<>(c.label());
            col.setId(c.column());
            col.setCellValueFactory(cell -> new ReadOnlyStringWrapper(c.text(cell.getValue())));
            col.setPrefWidth(width(c.column()));
            fitNarrow(col, c, vm.rows());
            table.getColumns().add(col);
        }
        table.getStyleClass().add("dense");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        // The page is already in the database's order: the table must not re-sort it, only ask for a new order.
        table.setSortPolicy(t -> true);
        table.getSortOrder().addListener((ListChangeListener<TableColumn<Row, ?>>) ch -> sortChanged());
        table.getColumns().forEach(col -> col.sortTypeProperty().addListener((obs, was, now) -> sortChanged()));
        Label placeholder = new Label();
        placeholder.textProperty().bind(vm.statusProperty());
        table.setPlaceholder(placeholder);
        table.setItems(vm.rows());
        table.setRowFactory(t -> {
            TableRow<Row> row = new TableRow<>();
            row.setOnMouseClicked(e -> {
                if (e.getClickCount() == 2 && !row.isEmpty()) {
                    onOpen.accept(row.getItem());
                }
            });
            return row;
        });
        table.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER && table.getSelectionModel().getSelectedItem() != null) {
                onOpen.accept(table.getSelectionModel().getSelectedItem());
                e.consume();
            }
        });
        setCenter(table);

        Button previous = new Button(null, new FontIcon("fth-chevron-left"));
        previous.setId("search-previous");
        previous.setTooltip(new Tooltip("Previous page"));
        previous.disableProperty().bind(vm.hasPreviousProperty().not());
        previous.setOnAction(e -> vm.previous());
        Button next = new Button(null, new FontIcon("fth-chevron-right"));
        next.setId("search-next");
        next.setTooltip(new Tooltip("Next page"));
        next.disableProperty().bind(vm.hasNextProperty().not());
        next.setOnAction(e -> vm.next());
        Label status = new Label();
        status.setId("search-status");
        status.textProperty().bind(vm.statusProperty());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox pager = new HBox(6, status, spacer, previous, next);
        pager.setAlignment(Pos.CENTER_LEFT);
        pager.setPadding(new Insets(8, 0, 0, 0));
        setBottom(pager);
        setPadding(new Insets(10));
    }

    private void sortChanged() {
        if (table.getSortOrder().isEmpty()) {
            if (vm.sortColumn() != null) {
                vm.sortBy(null, true);
            }
            return;
        }
        TableColumn<Row, ?> first = table.getSortOrder().get(0);
        boolean asc = first.getSortType() == TableColumn.SortType.ASCENDING;
        if (!first.getId().equals(vm.sortColumn()) || asc != vm.ascending()) {
            vm.sortBy(first.getId(), asc);
        }
    }

    /**
     * A narrow column (numbers, states) widens to the longest value it shows, so a ten-digit account number is read
     * whole rather than as "3000000…", and is not squeezed below that or below its header. Measured in the font the
     * table's headers are drawn in (the theme's, bold: a little wider than the cells'); before the table is on screen,
     * a little larger than the default font.
     */
    public static void fitNarrow(TableColumn<Row, String> col, ListColumn c, ObservableList<Row> rows) {
        double narrow = width(c.column());
        if (narrow > NARROW) {
            return;
        }
        Text probe = new Text();
        InvalidationListener fit = o -> {
            Node header = col.getTableView() == null ? null : col.getTableView().lookup(".column-header .label");
            probe.setFont(header instanceof Labeled l ? l.getFont()
                    : Font.font(Font.getDefault().getFamily(), Font.getDefault().getSize() * 1.15));
            // Its header and its longest value, whole: the table's resize policy squeezes columns down to their least
            // width to fit a small window, and a number cut short is a wrong number.
            double least = width(probe, c.label());
            for (Row row : rows) {
                least = Math.max(least, width(probe, c.text(row)));
            }
            col.setMinWidth(least);
            double wanted = Math.max(narrow, least);
            if (col.getPrefWidth() != wanted) {
                // Only on a change: each new preferred width has the resize policy share the table out again.
                col.setPrefWidth(wanted);
            }
        };
        rows.addListener(fit);
        fit.invalidated(rows);
    }

    private static double width(Text probe, String text) {
        probe.setText(text);
        return Math.ceil(probe.getLayoutBounds().getWidth()) + CELL_PADDING;
    }

    /** Numbers are narrow, addresses and subjects wide. */
    public static double width(String column) {
        return switch (column) {
            case "number", "user", "account", "service", "queue", "ticket", "efpstate", "state", "status" -> NARROW;
            case "email", "subject", "descr", "fromaddr", "data", "inboundemail", "processorid" -> 230;
            default -> 140;
        };
    }

    /** Puts the cursor in the search box with its text selected (Ctrl+F). */
    public void focusSearch() {
        query.requestFocus();
        query.selectAll();
    }

    public TableView<Row> table() {
        return table;
    }

    public SearchViewModel viewModel() {
        return vm;
    }
}
