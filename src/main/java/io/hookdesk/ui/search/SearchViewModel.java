package io.hookdesk.ui.search;

import io.hookdesk.model.HookedTable;
import io.hookdesk.model.Row;
import io.hookdesk.model.Suggestion;
import io.hookdesk.model.TableMeta;
import io.hookdesk.records.RecordService;
import io.hookdesk.records.SearchPage;
import io.hookdesk.ui.task.TaskExecutor;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.List;
import java.util.Locale;

/**
 * A search over one table as CSRs search in BillMax (number, names, email, phone, login; {@code %} as wildcard),
 * done in the database a page at a time. Sorting asks the database again with the new order, so the order holds
 * across pages. A result that arrives after a newer search was started is dropped.
 */
public final class SearchViewModel {

    public static final int DEFAULT_PAGE_SIZE = 50;
    /** How many records a search box or a reference field suggests at most. */
    public static final int SUGGESTIONS = 10;

    private final HookedTable table;
    private final String tableLabel;
    private final List<ListColumn> columns;
    private final RecordService records;
    private final TaskExecutor executor;
    private final int pageSize;
    private final StringProperty query = new SimpleStringProperty(this, "query", "");
    private final ObservableList<Row> rows = FXCollections.observableArrayList();
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final ReadOnlyBooleanWrapper hasNext = new ReadOnlyBooleanWrapper(this, "hasNext");
    private final ReadOnlyBooleanWrapper hasPrevious = new ReadOnlyBooleanWrapper(this, "hasPrevious");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private String sortColumn;
    private boolean ascending = true;
    private int offset;
    private long generation;

    public SearchViewModel(HookedTable table, String tableLabel, List<ListColumn> columns, RecordService records,
                           TaskExecutor executor, int pageSize) {
        this.table = table;
        this.tableLabel = tableLabel;
        this.columns = present(columns, records, table);
        this.records = records;
        this.executor = executor;
        this.pageSize = pageSize;
    }

    /**
     * The records whose login, email or name starts with (a name: holds) what is typed. Blocks on the database: the
     * auto-completion calls it on a thread of its own.
     */
    public List<Suggestion> suggest(String text) {
        return records.suggest(table, text, SUGGESTIONS);
    }

    /** Puts {@code text} in the search box and searches for it (a suggestion the CSR chose). */
    public void searchFor(String text) {
        query.set(text);
        search();
    }

    /** From the first page, for what is in the search box. */
    public void search() {
        fetch(0);
    }

    public void next() {
        if (hasNext.get()) {
            fetch(offset + pageSize);
        }
    }

    public void previous() {
        if (offset > 0) {
            fetch(Math.max(0, offset - pageSize));
        }
    }

    /** Orders by {@code column} (null: newest first) and goes back to the first page. */
    public void sortBy(String column, boolean asc) {
        this.sortColumn = column;
        this.ascending = asc;
        fetch(0);
    }

    /** The current page again (after a save changed what it shows). */
    public void refresh() {
        fetch(offset);
    }

    private void fetch(int from) {
        long mine = ++generation;
        String text = query.get() == null ? "" : query.get().trim();
        String sort = sortColumn;
        boolean asc = ascending;
        busy.set(true);
        status.set("Searching " + tableLabel.toLowerCase(Locale.ROOT) + "…");
        executor.execute("Searching " + tableLabel, () -> records.search(table, text, sort, asc, from, pageSize),
                page -> {
                    if (mine == generation) {
                        show(page, text);
                    }
                },
                error -> {
                    if (mine == generation) {
                        busy.set(false);
                        status.set("Search failed: " + message(error));
                    }
                });
    }

    private void show(SearchPage page, String text) {
        offset = page.offset();
        rows.setAll(page.rows());
        hasNext.set(page.more());
        hasPrevious.set(offset > 0);
        busy.set(false);
        if (page.rows().isEmpty()) {
            status.set(text.isEmpty() ? "No " + tableLabel.toLowerCase(Locale.ROOT) + " yet"
                    : "No " + tableLabel.toLowerCase(Locale.ROOT) + " match “" + text + "”");
        } else {
            status.set(tableLabel + " " + (offset + 1) + "–" + (offset + page.rows().size()) + (page.more() ? " (more)" : ""));
        }
    }

    private static String message(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    public HookedTable table() {
        return table;
    }

    public String tableLabel() {
        return tableLabel;
    }

    public List<ListColumn> columns() {
        return columns;
    }

    /**
     * Those of {@code columns} that this database's {@code table} has: an ISP's table without BillMax's city or phone
     * gets no empty column for them in its lists.
     */
    public static List<ListColumn> present(List<ListColumn> columns, RecordService records, HookedTable table) {
        if (records.unavailable(table).isPresent()) {
            return List.copyOf(columns);
        }
        TableMeta meta = records.meta(table);
        return columns.stream().filter(c -> meta.has(c.column())).toList();
    }

    public StringProperty queryProperty() {
        return query;
    }

    public ObservableList<Row> rows() {
        return rows;
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty hasNextProperty() {
        return hasNext.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty hasPreviousProperty() {
        return hasPrevious.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public String sortColumn() {
        return sortColumn;
    }

    public boolean ascending() {
        return ascending;
    }

    public int offset() {
        return offset;
    }

    public int pageSize() {
        return pageSize;
    }
}
