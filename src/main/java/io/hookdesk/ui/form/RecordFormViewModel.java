package io.hookdesk.ui.form;

import io.hookdesk.hook.EnvValues;
import io.hookdesk.hook.HookCancellation;
import io.hookdesk.model.HookedTable;
import io.hookdesk.model.Operation;
import io.hookdesk.model.Origin;
import io.hookdesk.model.Relation;
import io.hookdesk.model.Relations;
import io.hookdesk.model.Row;
import io.hookdesk.save.SaveRequest;
import io.hookdesk.save.SaveResult;
import io.hookdesk.ui.connect.Session;
import io.hookdesk.ui.dialogs.DialogService;
import io.hookdesk.ui.envpanel.EnvPanelViewModel;
import io.hookdesk.ui.history.HistoryViewModel;
import io.hookdesk.ui.search.SearchViewModel;
import io.hookdesk.ui.task.TaskExecutor;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One record's form: fields built from the table's metadata and overlay, dirty tracking, validation, the environment
 * preview, and the save command. Saving runs in the background; while the hook runs the form says so with the
 * elapsed time and can cancel it. What the save returned decides what the CSR is told ({@link SaveResults}).
 */
public final class RecordFormViewModel {

    private final HookedTable table;
    private final Session session;
    private final TaskExecutor executor;
    private final DialogService dialogs;
    private final FormOverlays overlays;
    private final TableOverlay overlay;
    private final Clock clock;
    private final EnvPanelViewModel env;
    private final HistoryViewModel history;
    private final SaveResults results;
    private final RecordOpener opener;

    private final ObservableList<FieldViewModel> fields = FXCollections.observableArrayList();
    private final Map<String, FieldViewModel> byName = new LinkedHashMap<>();
    private final ReadOnlyBooleanWrapper ready = new ReadOnlyBooleanWrapper(this, "ready");
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper(this, "loading");
    private final ReadOnlyBooleanWrapper saving = new ReadOnlyBooleanWrapper(this, "saving");
    private final ReadOnlyBooleanWrapper dirty = new ReadOnlyBooleanWrapper(this, "dirty");
    private final ReadOnlyBooleanWrapper valid = new ReadOnlyBooleanWrapper(this, "valid", true);
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper(this, "title", "");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final ReadOnlyBooleanWrapper messageIsError = new ReadOnlyBooleanWrapper(this, "messageIsError");
    private final ReadOnlyStringWrapper runningText = new ReadOnlyStringWrapper(this, "runningText", "");
    private final ReadOnlyStringWrapper elapsedText = new ReadOnlyStringWrapper(this, "elapsedText", "");
    private final ReadOnlyObjectWrapper<Integer> numberValue = new ReadOnlyObjectWrapper<>(this, "number");
    private final ReadOnlyIntegerWrapper commits = new ReadOnlyIntegerWrapper(this, "commits");

    private Map<Lookup, List<Row>> lookups = Map.of();
    private Operation operation = Operation.CREATE;
    private Integer number;
    private Row base = Row.empty();
    private Long version;
    private final Map<String, Object> draft = new LinkedHashMap<>();
    private final Set<String> unparsed = new HashSet<>();
    private final Map<String, Object> relatedKeys = new HashMap<>();
    private long relatedGeneration;
    private Map<String, String> prefill = Map.of();
    private HookCancellation cancellation;
    private Instant savingSince;
    private boolean applying;

    public RecordFormViewModel(HookedTable table, Session session, TaskExecutor executor, DialogService dialogs,
                               FormOverlays overlays, Clock clock) {
        this(table, session, executor, dialogs, overlays, clock, null);
    }

    /** @param opener opens a referenced record (the user of a service) in the main window; null: cannot */
    public RecordFormViewModel(HookedTable table, Session session, TaskExecutor executor, DialogService dialogs,
                               FormOverlays overlays, Clock clock, RecordOpener opener) {
        this.opener = opener;
        this.table = table;
        this.session = session;
        this.executor = executor;
        this.dialogs = dialogs;
        this.overlays = overlays;
        this.overlay = overlays.of(table);
        this.clock = clock;
        this.env = new EnvPanelViewModel(table, session.csr(), session.clientEnv());
        this.history = new HistoryViewModel(session.records(), executor, dialogs);
        this.results = new SaveResults(this, dialogs);
        title.set(capitalized() + " …");
    }

    // ---- opening -------------------------------------------------------------------------------------------

    /** Loads record {@code n} in the background. */
    public void open(int n) {
        loading.set(true);
        executor.execute("Opening " + table + " " + n, () -> FormData.existing(session, table, n, needsLookups()),
                data -> {
                    if (data.record() == null) {
                        loading.set(false);
                        title.set(capitalized() + " " + n + " (not found)");
                        showMessage("There is no " + table + " " + n + "; someone may have deleted it.", true);
                        return;
                    }
                    apply(data);
                },
                this::loadFailed);
    }

    /** A new record with the database defaults and {@code prefill} (column to text) filled in. */
    public void openNew(Map<String, String> prefill) {
        loading.set(true);
        executor.execute("New " + table, () -> FormData.fresh(session, table, prefill, needsLookups()),
                data -> {
                    this.prefill = Map.copyOf(prefill);
                    apply(data);
                },
                this::loadFailed);
    }

    /** Loads the record again from the database (after asking, if there are edits to lose). */
    public void reload() {
        if (number == null || saving.get()) {
            return;
        }
        if (hasEdits() && !dialogs.confirm("Reload " + table + " " + number + "?",
                "Reloading discards the changes you made in this form.", "Discard and reload")) {
            return;
        }
        open(number);
    }

    /** Looks at the hooks directory again (a supervisor fixed a permission, installed a hook ...). */
    public void refreshHookStatus() {
        executor.execute("Checking " + table.hookName(), () -> session.saves().locator().locate(table),
                env::setHookStatus, error -> showMessage("Could not check the hooks directory: "
                        + SaveResults.rootMessage(error), true));
    }

    private boolean needsLookups() {
        return overlay.fields(session.records().meta(table)).stream().anyMatch(s -> s.lookup() != null);
    }

    private void apply(FormData data) {
        if (fields.isEmpty()) {
            for (FieldSpec spec : overlay.fields(data.meta())) {
                FieldViewModel f = new FieldViewModel(spec, this::edited, this::keyCommitted);
                fields.add(f);
                byName.put(spec.name(), f);
            }
        }
        lookups = data.lookups();
        env.setHookStatus(data.hookStatus());
        if (data.record() != null) {
            showRow(Operation.UPDATE, data.record().row(), data.record().version(), data.related(), false);
        } else {
            showRow(Operation.CREATE, data.base(), null, data.related(), false);
        }
        loading.set(false);
        ready.set(true);
    }

    private void loadFailed(Throwable e) {
        loading.set(false);
        showMessage("Could not open the " + table + ": " + SaveResults.rootMessage(e), true);
    }

    /** Shows {@code row} as the saved state; with {@code keepEdits}, fields the CSR changed keep their text. */
    void showRow(Operation op, Row row, Long rowVersion, Map<String, Row> related, boolean keepEdits) {
        applying = true;
        try {
            fillFields(op, row, rowVersion, keepEdits);
        } finally {
            applying = false;
        }
        draft.clear();
        draft.putAll(row.asMap());
        unparsed.clear();
        for (FieldViewModel f : fields) {
            putDraft(f);
        }
        relatedKeys.clear();
        relatedKeys.putAll(keyValues());
        env.setBase(op, op == Operation.UPDATE ? row : null, related);
        env.update(Row.of(draft), Set.copyOf(unparsed));
        updateServdefLabels();
        updateDescriptions();
        updateState();
        if (number != null) {
            history.loadFor(table, number);
        }
    }

    private void fillFields(Operation op, Row row, Long rowVersion, boolean keepEdits) {
        operation = op;
        base = row;
        version = rowVersion;
        number = op == Operation.UPDATE ? row.integer("number") : null;
        numberValue.set(number);
        for (FieldViewModel f : fields) {
            String text = EnvValues.format(row.get(f.name()));
            if (keepEdits) {
                f.rebase(text);
            } else {
                f.load(text);
            }
        }
        if (op == Operation.CREATE && !keepEdits) {
            // A new record's parent (the user of a new service) counts as typed: it is sent with the save.
            prefill.forEach((column, text) -> {
                FieldViewModel f = byName.get(column);
                if (f != null && !f.spec().readOnly()) {
                    f.load(f.originalText());
                    f.textProperty().set(text);
                }
            });
        }
    }

    // ---- editing -------------------------------------------------------------------------------------------

    private void edited(FieldViewModel f) {
        if (applying) {
            return;
        }
        putDraft(f);
        env.update(Row.of(draft), Set.copyOf(unparsed));
        if (f.name().equals("servdef")) {
            updateServdefLabels();
        }
        updateState();
    }

    private void putDraft(FieldViewModel f) {
        if (f.spec().readOnly()) {
            return;
        }
        draft.put(f.name(), f.value());
        if (f.unparsed()) {
            unparsed.add(f.name());
        } else {
            unparsed.remove(f.name());
        }
    }

    /** A key column (a service's user) settled on a new value: fetch the related records its hook will get. */
    private void keyCommitted(FieldViewModel f) {
        if (!keyColumns().contains(f.name()) || f.unparsed() || Objects.equals(f.value(), relatedKeys.get(f.name()))) {
            return;
        }
        fetchRelated();
    }

    private void fetchRelated() {
        long mine = ++relatedGeneration;
        Row snapshot = Row.of(draft);
        Map<String, Object> keys = keyValues();
        executor.execute("Looking up related records", () -> session.records().related(table, snapshot),
                related -> {
                    if (mine == relatedGeneration) {
                        relatedKeys.clear();
                        relatedKeys.putAll(keys);
                        env.setRelated(related);
                        updateDescriptions();
                    }
                },
                error -> showMessage("Could not look up the related records: " + SaveResults.rootMessage(error), true));
    }

    private Set<String> keyColumns() {
        Set<String> keys = new HashSet<>();
        for (Relation r : Relations.of(table)) {
            if (r.fromSavedRecord()) {
                keys.add(r.column());
            }
        }
        return keys;
    }

    private Map<String, Object> keyValues() {
        Map<String, Object> keys = new HashMap<>();
        for (String k : keyColumns()) {
            keys.put(k, draft.get(k));
        }
        return keys;
    }

    private void updateDescriptions() {
        for (Relation r : Relations.of(table)) {
            FieldViewModel f = r.fromSavedRecord() ? byName.get(r.column()) : null;
            if (f == null) {
                continue;
            }
            Row related = env.related().get(r.prefix());
            if (related != null) {
                f.setDescription(overlays.of(r.target()).describe(related));
            } else if (f.value() != null && Objects.equals(f.value(), relatedKeys.get(f.name())) && !f.unparsed()) {
                f.setDescription("no " + r.target() + " " + f.value());
            } else {
                f.setDescription("");
            }
        }
    }

    /** A service's d01..d10 are named by its product definition ("Router MAC"). */
    private void updateServdefLabels() {
        if (table != HookedTable.SERVICE) {
            return;
        }
        Row servdef = lookupRow(Lookup.SERVDEF, draft.get("servdef"));
        for (int i = 1; i <= 10; i++) {
            String column = String.format("d%02d", i);
            FieldViewModel f = byName.get(column);
            if (f == null) {
                continue;
            }
            Object label = servdef == null ? null : servdef.get(column);
            f.labelProperty().set(label != null && !label.toString().isBlank()
                    ? label + " (" + column + ")" : f.spec().label());
        }
    }

    private Row lookupRow(Lookup lookup, Object key) {
        if (!(key instanceof Number n)) {
            return null;
        }
        for (Row r : lookups.getOrDefault(lookup, List.of())) {
            if (Objects.equals(r.integer("number"), n.intValue())) {
                return r;
            }
        }
        return null;
    }

    void updateState() {
        boolean edits = hasEdits();
        dirty.set(operation == Operation.CREATE || edits);
        valid.set(fields.stream().noneMatch(FieldViewModel::invalid));
        title.set(baseTitle() + (dirty.get() ? " *" : ""));
    }

    private String baseTitle() {
        if (operation == Operation.CREATE) {
            return "New " + table;
        }
        String d = overlay.describe(base);
        return capitalized() + " " + number + (d.isEmpty() ? "" : " · " + d);
    }

    private String capitalized() {
        String s = table.sqlName();
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    /** True if any field differs from what was loaded. */
    public boolean hasEdits() {
        return fields.stream().anyMatch(FieldViewModel::dirty);
    }

    /** Puts every field back to what was loaded. */
    public void revert() {
        if (saving.get()) {
            return;
        }
        showRow(operation, base, version, env.related(), false);
        showMessage("", false);
    }

    /** The search pop-up behind a reference field: the chosen record's number goes into the field. */
    public void pick(FieldViewModel f) {
        HookedTable target = f.spec().reference();
        if (target == null || saving.get()) {
            return;
        }
        SearchViewModel search = new SearchViewModel(target, overlays.plural(target), ListColumns.of(overlays, target),
                session.records(), executor, SearchViewModel.DEFAULT_PAGE_SIZE);
        dialogs.pickRecord("Choose " + f.labelProperty().get().toLowerCase(java.util.Locale.ROOT), search)
                .map(r -> r.integer("number"))
                .ifPresent(n -> {
                    f.textProperty().set(n.toString());
                    f.commit();
                });
    }

    /** Opens the record a reference field points at, if it holds a number. */
    public void openReferenced(FieldViewModel f) {
        if (opener != null && f.spec().reference() != null && f.value() instanceof Integer n && !f.unparsed()) {
            opener.open(f.spec().reference(), n);
        }
    }

    // ---- saving --------------------------------------------------------------------------------------------

    /** The request a save sends now: only the changed columns, as typed, against the version loaded. */
    public SaveRequest buildRequest() {
        Map<String, String> changes = new LinkedHashMap<>();
        for (FieldViewModel f : fields) {
            if (!f.spec().readOnly() && f.dirty()) {
                changes.put(f.name(), f.text());
            }
        }
        return operation == Operation.UPDATE
                ? SaveRequest.update(table, number, changes, version, Origin.DESKTOP, session.csr())
                : SaveRequest.create(table, changes, Origin.DESKTOP, session.csr());
    }

    /** Saves in the background; an invalid form is not sent, and the message says which fields to fix. */
    public void save() {
        if (saving.get() || !ready.get() || !dirty.get()) {
            return;
        }
        List<FieldViewModel> bad = fields.stream().filter(FieldViewModel::invalid).toList();
        if (!bad.isEmpty()) {
            showMessage("Not saved: " + (bad.size() == 1 ? "1 field needs" : bad.size() + " fields need") + " fixing: "
                    + String.join("; ", bad.stream().limit(3).map(f -> f.labelProperty().get() + ": " + f.error()).toList())
                    + (bad.size() > 3 ? " …" : ""), true);
            return;
        }
        SaveRequest request = buildRequest();
        HookCancellation c = new HookCancellation();
        cancellation = c;
        savingSince = clock.instant();
        runningText.set(env.willRun() ? "Running " + table.hookName() : "Saving…");
        elapsedText.set("0 s");
        showMessage("", false);
        saving.set(true);
        executor.execute("Saving " + table, () -> session.saves().save(request, c), this::saved, this::saveCrashed);
    }

    /** Kills the running hook; the save path rolls the change back. */
    public void cancelHook() {
        HookCancellation c = cancellation;
        if (c != null && saving.get()) {
            runningText.set("Cancelling " + table.hookName() + "…");
            c.cancel();
        }
    }

    /** Updates the elapsed time shown while saving; the view calls this every second. */
    public void tick() {
        if (saving.get() && savingSince != null) {
            long s = Duration.between(savingSince, clock.instant()).toSeconds();
            elapsedText.set(s < 60 ? s + " s" : s / 60 + " min " + s % 60 + " s");
        }
    }

    private void saved(SaveResult result) {
        saving.set(false);
        cancellation = null;
        results.handle(result);
        if (number != null) {
            history.loadFor(table, number);
        }
    }

    private void saveCrashed(Throwable e) {
        saving.set(false);
        cancellation = null;
        showMessage("Not saved: " + SaveResults.rootMessage(e), true);
        dialogs.showError("The save failed", "The save failed unexpectedly: " + SaveResults.rootMessage(e)
                + "\n\nCheck the " + table + " before trying again.");
    }

    /** After a commit: show the committed row, then fetch its related records again (a key may have changed). */
    void applyCommitted(SaveResult result) {
        showRow(Operation.UPDATE, result.row(), result.version(), env.related(), false);
        commits.set(commits.get() + 1);
        if (!keyColumns().isEmpty()) {
            fetchRelated();
        }
    }

    /** Asks before closing a form with edits or a running hook; true if it may close. */
    public boolean confirmClose() {
        if (saving.get()) {
            if (!dialogs.confirm("A hook is running", table.hookName() + " is still running for this " + table
                    + ". Closing cancels it and the change is rolled back.", "Cancel the hook and close")) {
                return false;
            }
            cancelHook();
            return true;
        }
        return !hasEdits() || dialogs.confirm("Discard your changes?", "The " + table + " has changes that are not saved.",
                "Discard changes");
    }

    void showMessage(String text, boolean error) {
        message.set(text);
        messageIsError.set(error);
    }

    void setFieldError(String column, String problem) {
        FieldViewModel f = byName.get(column);
        if (f != null) {
            f.setServerError(problem);
            updateState();
        }
    }

    Row base() {
        return base;
    }

    // ---- read access ---------------------------------------------------------------------------------------

    public HookedTable table() {
        return table;
    }

    public Integer number() {
        return number;
    }

    /** The record's number: null while a new record is unsaved. */
    public ReadOnlyObjectProperty<Integer> numberProperty() {
        return numberValue.getReadOnlyProperty();
    }

    /** Counts this form's committed saves, so lists showing the record can refresh. */
    public ReadOnlyIntegerProperty commitsProperty() {
        return commits.getReadOnlyProperty();
    }

    public Operation operation() {
        return operation;
    }

    public Long version() {
        return version;
    }

    public ObservableList<FieldViewModel> fields() {
        return fields;
    }

    public FieldViewModel field(String column) {
        return byName.get(column);
    }

    /** The entries a {@link ControlKind#CHOICE} field offers. */
    public List<Choice> choices(Lookup lookup) {
        String labelColumn = lookup == Lookup.SERVDEF ? "descr" : "name";
        return lookups.getOrDefault(lookup, List.of()).stream()
                .map(r -> new Choice(r.integer("number"), String.valueOf(r.get(labelColumn)))).toList();
    }

    public TableOverlay overlay() {
        return overlay;
    }

    public FormOverlays overlays() {
        return overlays;
    }

    public EnvPanelViewModel env() {
        return env;
    }

    public HistoryViewModel history() {
        return history;
    }

    public Session session() {
        return session;
    }

    public TaskExecutor executor() {
        return executor;
    }

    public DialogService dialogs() {
        return dialogs;
    }

    public ReadOnlyBooleanProperty readyProperty() {
        return ready.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty savingProperty() {
        return saving.getReadOnlyProperty();
    }

    public boolean saving() {
        return saving.get();
    }

    public ReadOnlyBooleanProperty dirtyProperty() {
        return dirty.getReadOnlyProperty();
    }

    public boolean dirty() {
        return dirty.get();
    }

    public ReadOnlyBooleanProperty validProperty() {
        return valid.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty titleProperty() {
        return title.getReadOnlyProperty();
    }

    public String title() {
        return title.get();
    }

    /** A line above the form: why a save was refused, or that it failed. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty messageIsErrorProperty() {
        return messageIsError.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty runningTextProperty() {
        return runningText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty elapsedTextProperty() {
        return elapsedText.getReadOnlyProperty();
    }
}
