package io.hookdesk.ui.account;

import io.hookdesk.model.HookedTable;
import io.hookdesk.model.Row;
import io.hookdesk.records.RecordService;
import io.hookdesk.ui.form.FormOverlays;
import io.hookdesk.ui.form.ListColumns;
import io.hookdesk.ui.form.LookupNames;
import io.hookdesk.ui.form.RecordOpener;
import io.hookdesk.ui.search.ListColumn;
import io.hookdesk.ui.search.SearchViewModel;
import io.hookdesk.ui.task.TaskExecutor;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.hookdesk.model.HookedTable.*;

/**
 * The detail half of master-detail: the lists of a record's children under its form (for an account: its users,
 * services, payments, tickets and electronic payments), opening a child, and creating one with its parent filled in.
 * Which children each table has is declared here, in {@link #tabsOf}.
 */
public final class DetailViewModel {

    private static final int LIMIT = 200;

    private final HookedTable parent;
    private final RecordService records;
    private final TaskExecutor executor;
    private final RecordOpener opener;
    private final List<DetailTab> tabs;
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private Long parentNumber;
    private long generation;

    public DetailViewModel(HookedTable parent, RecordService records, TaskExecutor executor, RecordOpener opener,
                           FormOverlays overlays) {
        this(parent, records, executor, opener, overlays, LookupNames.none());
    }

    public DetailViewModel(HookedTable parent, RecordService records, TaskExecutor executor, RecordOpener opener,
                           FormOverlays overlays, LookupNames names) {
        this.parent = parent;
        this.records = records;
        this.executor = executor;
        this.opener = opener;
        this.tabs = tabsOf(parent, new Columns(overlays, names, records));
    }

    /** The list columns of each child table, with product and queue names. */
    private record Columns(FormOverlays overlays, LookupNames names, RecordService records) {
        List<ListColumn> of(HookedTable table) {
            return SearchViewModel.present(ListColumns.of(overlays, table, names), records, table);
        }
    }

    private static List<DetailTab> tabsOf(HookedTable parent, Columns o) {
        List<DetailTab> t = new ArrayList<>();
        switch (parent) {
            case ACCOUNT -> {
                t.add(new DetailTab("Users", USER, "account", o.of(USER)));
                t.add(new DetailTab("Services", SERVICE, null, o.of(SERVICE)));
                t.add(new DetailTab("Payments", PAYHIST, "account", o.of(PAYHIST)));
                t.add(new DetailTab("Tickets", TICKET, "account", o.of(TICKET)));
                t.add(new DetailTab("Electronic payments", EFPSTATE, "account", o.of(EFPSTATE)));
            }
            case USER -> {
                t.add(new DetailTab("Services", SERVICE, "user", o.of(SERVICE)));
                t.add(new DetailTab("Tickets", TICKET, "user", o.of(TICKET)));
            }
            case SERVICE -> {
                t.add(new DetailTab("Data calls", DATACALL, "service", o.of(DATACALL)));
                t.add(new DetailTab("Payments", PAYHIST, "service", o.of(PAYHIST)));
            }
            case TICKET -> t.add(new DetailTab("Messages", MESSAGE, "ticket", o.of(MESSAGE)));
            case EFPSTATE -> t.add(new DetailTab("Processor data", EFPDATA, "efpstate", o.of(EFPDATA)));
            case QUEUE -> t.add(new DetailTab("Tickets", TICKET, "queue", o.of(TICKET)));
            default -> {
                // payments, processor data, messages and data calls have no children
            }
        }
        return List.copyOf(t);
    }

    /** Loads every list for {@code number} in one background task. */
    public void load(long number) {
        parentNumber = number;
        long mine = ++generation;
        status.set("Loading…");
        executor.execute("Loading the " + parent + "'s records", () -> {
            Map<DetailTab, List<Row>> out = new LinkedHashMap<>();
            for (DetailTab tab : tabs) {
                out.put(tab, tab.parentColumn() == null
                        ? records.servicesOfAccount(number, LIMIT)
                        : records.children(tab.table(), tab.parentColumn(), number, LIMIT));
            }
            return out;
        }, lists -> {
            if (mine == generation) {
                lists.forEach((tab, rows) -> tab.rows().setAll(rows));
                status.set("");
            }
        }, error -> {
            if (mine == generation) {
                status.set("Could not load the related records: " + error.getMessage());
            }
        });
    }

    public void refresh() {
        if (parentNumber != null) {
            load(parentNumber);
        }
    }

    public void open(DetailTab tab, Row row) {
        if (row != null && row.integer("number") != null) {
            opener.open(tab.table(), row.integer("number"));
        }
    }

    /**
     * A new child with its parent filled in. An account's services belong to one of its users: the user selected
     * in the Users tab, or the account's only user.
     */
    public void newChild(DetailTab tab) {
        if (parentNumber == null) {
            return;
        }
        if (tab.parentColumn() != null) {
            opener.openNew(tab.table(), Map.of(tab.parentColumn(), parentNumber.toString()));
            return;
        }
        Row user = userForNewService();
        if (user == null) {
            status.set("Choose a user in the Users tab first: a service belongs to a user.");
            return;
        }
        newServiceFor(user);
    }

    /** A new service of {@code user}, with {@code user} filled in. */
    public void newServiceFor(Row user) {
        if (user != null && user.integer("number") != null) {
            status.set("");
            opener.openNew(SERVICE, Map.of("user", user.integer("number").toString()));
        }
    }

    private Row userForNewService() {
        DetailTab users = tabs.stream().filter(t -> t.table() == USER).findFirst().orElse(null);
        if (users == null) {
            return null;
        }
        if (users.selectedProperty().get() != null) {
            return users.selectedProperty().get();
        }
        return users.rows().size() == 1 ? users.rows().get(0) : null;
    }

    public HookedTable parent() {
        return parent;
    }

    public List<DetailTab> tabs() {
        return tabs;
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }
}
