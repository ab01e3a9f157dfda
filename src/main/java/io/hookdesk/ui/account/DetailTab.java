package io.hookdesk.ui.account;

import io.hookdesk.model.HookedTable;
import io.hookdesk.model.Row;
import io.hookdesk.ui.search.ListColumn;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.List;

/**
 * One list of a master record's children (an account's users, services, payments ...).
 *
 * @param parentColumn the child's column that holds the parent's number, or null when the children are reached
 *                     another way (an account's services, through its users)
 */
public final class DetailTab {

    private final String label;
    private final HookedTable table;
    private final String parentColumn;
    private final List<ListColumn> columns;
    private final ObservableList<Row> rows = FXCollections.observableArrayList();
    private final ObjectProperty<Row> selected = new SimpleObjectProperty<>(this, "selected");

    DetailTab(String label, HookedTable table, String parentColumn, List<ListColumn> columns) {
        this.label = label;
        this.table = table;
        this.parentColumn = parentColumn;
        this.columns = List.copyOf(columns);
    }

    public String label() {
        return label;
    }

    public HookedTable table() {
        return table;
    }

    public String parentColumn() {
        return parentColumn;
    }

    public List<ListColumn> columns() {
        return columns;
    }

    public ObservableList<Row> rows() {
        return rows;
    }

    /** The row selected in this tab's list (the view binds it). */
    public ObjectProperty<Row> selectedProperty() {
        return selected;
    }
}
