package io.hookdesk.ui.form;

import javafx.application.Platform;
import javafx.geometry.VPos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;

import java.util.ArrayList;
import java.util.List;

/**
 * One group's label-field pairs: two a row where the form has room, one a row in a narrow form (a 1024 px screen
 * with the environment panel open), so no field is squeezed under its content or pushed out of sight. Text areas
 * and reference fields take a whole row.
 */
final class FieldGrid extends GridPane {

    /** Below this width of the form one pair a row: two would leave each field narrower than a login or a date. */
    static final double ONE_COLUMN_BELOW = 640;

    private record Entry(Label label, Node cell, boolean wide) {
    }

    private final List<Entry> entries = new ArrayList<>();
    private int columns;

    FieldGrid() {
        getStyleClass().add("field-grid");
        setHgap(8);
        setVgap(6);
    }

    void add(Label label, Node cell, boolean wide) {
        GridPane.setValignment(label, VPos.TOP);
        entries.add(new Entry(label, cell, wide));
    }

    /** Lays the pairs out for a form this wide; keeps the keyboard focus where it was. */
    void fitTo(double width) {
        columns(width > 0 && width < ONE_COLUMN_BELOW ? 1 : 2);
    }

    int columns() {
        return columns;
    }

    void columns(int n) {
        if (n == columns) {
            return;
        }
        columns = n;
        Node focused = getScene() == null ? null : getScene().getFocusOwner();
        getChildren().clear();
        getColumnConstraints().clear();
        for (int i = 0; i < n; i++) {
            ColumnConstraints label = new ColumnConstraints();
            label.setMinWidth(130);
            label.setPrefWidth(150);
            ColumnConstraints input = new ColumnConstraints();
            input.setHgrow(Priority.ALWAYS);
            input.setMinWidth(100);
            getColumnConstraints().addAll(label, input);
        }
        int row = 0;
        int col = 0;
        for (Entry e : entries) {
            if (e.wide() && col != 0) {
                row++;
                col = 0;
            }
            add(e.label(), col * 2, row);
            add(e.cell(), col * 2 + 1, row, e.wide() ? n * 2 - 1 : 1, 1);
            if (e.wide() || ++col == n) {
                col = 0;
                row++;
            }
        }
        if (focused != null && focused.getScene() != null && focused.getScene().getFocusOwner() != focused) {
            // Taking the fields out and back in lost the focus: give it back to the field the CSR was in.
            Platform.runLater(focused::requestFocus);
        }
    }
}
