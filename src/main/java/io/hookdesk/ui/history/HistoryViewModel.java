package io.hookdesk.ui.history;

import io.hookdesk.model.AuditOutcome;
import io.hookdesk.model.Failures;
import io.hookdesk.model.HookRun;
import io.hookdesk.model.HookedTable;
import io.hookdesk.records.RecordService;
import io.hookdesk.ui.dialogs.DialogService;
import io.hookdesk.ui.task.TaskExecutor;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.List;

/**
 * Recorded save attempts ({@code hookdesk.hook_run}): one record's (a tab on its form) or everyone's recent ones
 * (the supervisor's "Hook runs" view, filtered by table and outcome). Opening one shows its output and environment.
 */
public final class HistoryViewModel {

    /** The outcome words the save path records, for the filter. */
    public static final List<String> OUTCOMES = AuditOutcome.endings();

    private static final int LIMIT = 200;

    private final RecordService records;
    private final TaskExecutor executor;
    private final DialogService dialogs;
    private final ObservableList<HookRun> runs = FXCollections.observableArrayList();
    private final ObjectProperty<HookedTable> tableFilter = new SimpleObjectProperty<>(this, "tableFilter");
    private final ObjectProperty<String> outcomeFilter = new SimpleObjectProperty<>(this, "outcomeFilter");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private HookedTable recordTable;
    private Long recordNumber;
    private long generation;

    public HistoryViewModel(RecordService records, TaskExecutor executor, DialogService dialogs) {
        this.records = records;
        this.executor = executor;
        this.dialogs = dialogs;
    }

    /** One record's attempts, newest first. */
    public void loadFor(HookedTable table, long number) {
        recordTable = table;
        recordNumber = number;
        refresh();
    }

    /** Everyone's recent attempts, with the current filters. */
    public void loadRecent() {
        recordTable = null;
        recordNumber = null;
        refresh();
    }

    /**
     * Every run of the account-wide action {@code run} belongs to, together and in order: each record's hook, then the
     * compensations if it failed. Refresh goes back to what was listed before.
     */
    public void loadCascadeOf(HookRun run) {
        if (run == null || run.cascadeId() == null) {
            return;
        }
        long mine = ++generation;
        String id = run.cascadeId();
        status.set("Loading…");
        executor.execute("Loading a cascade's runs", () -> records.cascadeRuns(id), list -> {
            if (mine == generation) {
                runs.setAll(list);
                status.set("Cascade " + id + ": " + list.size() + " run" + (list.size() == 1 ? "" : "s"));
            }
        }, error -> {
            if (mine == generation) {
                status.set("Could not load the cascade's runs: " + Failures.forPerson(error));
            }
        });
    }

    public void refresh() {
        long mine = ++generation;
        HookedTable t = recordTable;
        Long n = recordNumber;
        HookedTable filterTable = tableFilter.get();
        String filterOutcome = outcomeFilter.get();
        status.set("Loading…");
        executor.execute("Loading hook runs",
                () -> n != null ? records.history(t, n, LIMIT) : records.recentRuns(filterTable, filterOutcome, LIMIT),
                list -> {
                    if (mine == generation) {
                        runs.setAll(list);
                        status.set(list.isEmpty() ? "No saves recorded yet" : list.size() + (list.size() == LIMIT ? "+" : "")
                                + " recorded save" + (list.size() == 1 ? "" : "s"));
                    }
                },
                error -> {
                    if (mine == generation) {
                        status.set("Could not load the hook runs: " + Failures.forPerson(error));
                    }
                });
    }

    public void open(HookRun run) {
        if (run != null) {
            dialogs.showHookRun(run);
        }
    }

    public ObservableList<HookRun> runs() {
        return runs;
    }

    public ObjectProperty<HookedTable> tableFilterProperty() {
        return tableFilter;
    }

    public ObjectProperty<String> outcomeFilterProperty() {
        return outcomeFilter;
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }
}
