package io.hookdesk.ui.form;

import io.hookdesk.model.Failures;
import io.hookdesk.model.HookedTable;
import io.hookdesk.model.Operation;
import io.hookdesk.model.Origin;
import io.hookdesk.model.Row;
import io.hookdesk.model.Suggestion;
import io.hookdesk.save.CascadeResult;
import io.hookdesk.save.SaveRequest;
import io.hookdesk.save.SaveResult;
import io.hookdesk.ui.connect.Session;
import io.hookdesk.ui.dialogs.DialogService;
import io.hookdesk.ui.envpanel.EnvPanelViewModel;
import io.hookdesk.ui.history.HistoryViewModel;
import io.hookdesk.ui.search.SearchViewModel;
import io.hookdesk.ui.task.TaskExecutor;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.collections.ObservableList;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One record's form: fields built from the table's metadata and overlay (their state is {@link FormFields}), dirty
 * tracking, validation, the environment preview, and the save command. Saving runs in the background; while the hook
 * runs the form says so with the elapsed time and can cancel it. What the save returned decides what the CSR is told
 * ({@link SaveResults}).
 */
public final class RecordFormViewModel {

    /** Why a field is read-only that the column grants of the login keep it from changing. */
    static final String NOT_WRITABLE = "your login may not change this column";

    private final HookedTable table;
    private final Session session;
    private final TaskExecutor executor;
    private final DialogService dialogs;
    private final FormOverlays overlays;
    private final TableOverlay overlay;
    private final EnvPanelViewModel env;
    private final HistoryViewModel history;
    private final SaveResults results;
    private final RelatedRecords related;
    private final SaveCommand command;
    /** An account's or user's state change: cascade to everything under it, or only this record (issue 21). */
    private final CascadeFlow cascade;

    private final FormFields fields = new FormFields(this::edited, this::committed);
    private final ReadOnlyBooleanWrapper ready = new ReadOnlyBooleanWrapper(this, "ready");
    private final ReadOnlyBooleanWrapper dirty = new ReadOnlyBooleanWrapper(this, "dirty");
    private final ReadOnlyBooleanWrapper valid = new ReadOnlyBooleanWrapper(this, "valid", true);
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper(this, "title", "");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final ReadOnlyBooleanWrapper messageIsError = new ReadOnlyBooleanWrapper(this, "messageIsError");
    private final ReadOnlyObjectWrapper<Long> numberValue = new ReadOnlyObjectWrapper<>(this, "number");
    private final ReadOnlyIntegerWrapper commits = new ReadOnlyIntegerWrapper(this, "commits");
    private final BooleanProperty envPanelShown = new SimpleBooleanProperty(this, "envPanelShown", true);
    private final ReadOnlyBooleanWrapper runAgainAvailable = new ReadOnlyBooleanWrapper(this, "runAgainAvailable");

    private Operation operation = Operation.CREATE;
    private Long number;
    private Row base = Row.empty();
    private Long version;

    public RecordFormViewModel(HookedTable table, Session session, TaskExecutor executor, DialogService dialogs,
                               FormOverlays overlays, Clock clock) {
        this(table, session, executor, dialogs, overlays, clock, null);
    }

    /** @param opener opens a referenced record (the user of a service) in the main window; null: cannot */
    public RecordFormViewModel(HookedTable table, Session session, TaskExecutor executor, DialogService dialogs,
                               FormOverlays overlays, Clock clock, RecordOpener opener) {
        this.table = table;
        this.session = session;
        this.executor = executor;
        this.dialogs = dialogs;
        this.overlays = overlays;
        this.overlay = overlays.of(table);
        this.env = new EnvPanelViewModel(table, session.saves().identity(), session.clientEnv(), session.supervisor());
        env.setValueSettings(session.saves().valueSettings());
        this.history = new HistoryViewModel(session.records(), executor, dialogs);
        this.results = new SaveResults(this, dialogs);
        this.command = new SaveCommand(table, session, executor, clock);
        this.cascade = new CascadeFlow(table, session, executor, dialogs, command);
        this.related = new RelatedRecords(table, session, executor, overlays, env, fields, dialogs, opener,
                m -> showMessage(m, true));
        title.set(capitalized() + " …");
    }

    // ---- opening -------------------------------------------------------------------------------------------

    /** Loads record {@code n} in the background. */
    public void open(long n) {
        executor.execute("Opening " + table + " " + n, () -> FormData.existing(session, table, n, needsLookups()),
                data -> {
                    if (data.record() == null) {
                        title.set(capitalized() + " " + n + " (not found)");
                        showMessage(session.records().rowSecurityApplies(table)
                                ? capitalized() + " " + n + " is not found or not visible to your login (row-level security on "
                                + table + ")."
                                : "There is no " + table + " " + n + "; someone may have deleted it.", true);
                        return;
                    }
                    apply(data);
                },
                this::loadFailed);
    }

    /** A new record with the database defaults and {@code prefill} (column to text) filled in. */
    public void openNew(Map<String, String> parent) {
        Map<String, String> prefill = new LinkedHashMap<>(overlay.newRecordValues());
        prefill.putAll(parent);
        executor.execute("New " + table, () -> FormData.fresh(session, table, prefill, needsLookups()),
                data -> {
                    fields.setPrefill(prefill);
                    apply(data);
                },
                this::loadFailed);
    }

    /** Loads the record again from the database (after asking, if there are edits to lose). */
    public void reload() {
        if (number == null || command.running()) {
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
        executor.execute("Checking " + table.hookName(), () -> session.saves().hookStatus(table),
                env::setHookStatus, error -> showMessage("Could not check the hooks directory: "
                        + Failures.rootMessage(error), true));
    }

    private boolean needsLookups() {
        return overlay.fields(session.records().meta(table)).stream().anyMatch(s -> s.lookup() != null);
    }

    private void apply(FormData data) {
        fields.createOnce(overlay.fields(data.meta()));
        related.setLookups(data.lookups());
        env.setHookStatus(data.hookStatus());
        env.setNotShown(session.records().notShown(table));
        if (data.record() != null) {
            showRow(Operation.UPDATE, data.record().row(), data.record().version(), data.related(), false);
        } else {
            showRow(Operation.CREATE, data.base(), null, data.related(), false);
        }
        ready.set(true);
    }

    private void loadFailed(Throwable e) {
        showMessage("Could not open the " + table + ": " + Failures.rootMessage(e), true);
    }

    /** Shows {@code row} as the saved state; with {@code keepEdits}, fields the CSR changed keep their text. */
    void showRow(Operation op, Row row, Long rowVersion, Map<String, Row> relatedRows, boolean keepEdits) {
        operation = op;
        base = row;
        version = rowVersion;
        number = op == Operation.UPDATE ? row.integer("number") : null;
        numberValue.set(number);
        fields.lock(session.records().unwritableColumns(table, op == Operation.CREATE), NOT_WRITABLE);
        fields.load(op, row, keepEdits);
        env.setBase(op, op == Operation.UPDATE ? row : null, relatedRows);
        env.update(Row.of(fields.draft()), fields.unparsed());
        related.loaded(fields.draft());
        updateState();
        if (number != null) {
            history.loadFor(table, number);
        }
    }

    // ---- editing -------------------------------------------------------------------------------------------

    /** The CSR's edit is in the draft: preview it and update the form's state. */
    private void edited(FieldViewModel f) {
        env.update(Row.of(fields.draft()), fields.unparsed());
        if (f.name().equals("servdef")) {
            related.labelServiceFields(fields.draft());
        }
        updateState();
    }

    private void committed(FieldViewModel f) {
        related.committed(f, fields.draft());
    }

    void updateState() {
        boolean edits = hasEdits();
        dirty.set(operation == Operation.CREATE || edits);
        runAgainAvailable.set(mayRunHookAgain());
        valid.set(fields.valid());
        title.set(baseTitle() + (dirty.get() ? " *" : ""));
    }

    private String baseTitle() {
        if (operation == Operation.CREATE) {
            return "New " + overlays.singular(table);
        }
        String d = overlay.describe(base);
        return capitalized() + " " + number + (d.isEmpty() ? "" : " · " + d);
    }

    private String capitalized() {
        String s = overlays.singular(table);
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    /** True if any field differs from what was loaded. */
    public boolean hasEdits() {
        return fields.hasEdits();
    }

    /**
     * Esc and Revert: puts the fields back, but asks first when that would throw away more than one edit (one
     * stray Esc should not cost a CSR a form's worth of typing; a single field is quickly typed again).
     */
    public void revertAsking() {
        if (command.running()) {
            return;
        }
        List<FieldViewModel> lost = fields.toRevert();
        if (lost.size() > 1 && !dialogs.confirm("Discard " + lost.size() + " changes?",
                "Reverting puts back what was loaded, and the changes to "
                        + lost.stream().map(f -> f.labelProperty().get()).collect(Collectors.joining(", "))
                        + " are lost.", "Discard changes")) {
            return;
        }
        revert();
    }

    /** Puts every field back to what was loaded. */
    public void revert() {
        if (command.running()) {
            return;
        }
        showRow(operation, base, version, env.related(), false);
        showMessage("", false);
    }

    /** The search pop-up behind a reference field: the chosen record's number goes into the field. */
    public void pick(FieldViewModel f) {
        if (!command.running()) {
            related.pick(f);
        }
    }

    /** Whether the CSR is a supervisor, who may reveal stored secrets ({@link FieldViewModel#mayReveal}). */
    boolean supervisor() {
        return session.supervisor();
    }

    /** Opens the record a reference field points at, if it holds a number. */
    public void openReferenced(FieldViewModel f) {
        related.openReferenced(f);
    }

    // ---- saving --------------------------------------------------------------------------------------------

    /** The request a save sends now: only the changed columns, as typed, against the version loaded. */
    public SaveRequest buildRequest() {
        Map<String, String> changes = fields.changes();
        return operation == Operation.UPDATE
                ? SaveRequest.update(table, number, changes, version, Origin.DESKTOP, session.csr())
                : SaveRequest.create(table, changes, Origin.DESKTOP, session.csr());
    }

    /** Saves in the background; an invalid form is not sent, and the message says which fields to fix. */
    public void save() {
        if (command.running() || !ready.get() || !dirty.get()) {
            return;
        }
        String toFix = fields.needFixing();
        if (!toFix.isEmpty()) {
            fields.showProblems();
            showMessage("Not saved: " + toFix, true);
            return;
        }
        showMessage("", false);
        SaveRequest request = buildRequest();
        if (cascade.offered(request)) {
            cascade.ask(request, () -> command.run(request, env.willRun(), this::saved, results::crashed),
                    this::cascaded, results::crashed, m -> showMessage(m, true));
            return;
        }
        command.run(request, env.willRun(), this::saved, results::crashed);
    }

    /** A cascade ended: committed, the form shows the record as saved; otherwise the dialog says what was undone. */
    private void cascaded(CascadeResult result) {
        if (result.committed()) {
            applyCommitted(result.steps().get(0));
            dialogs.notify(result.message());
        } else if (!result.followUp().isEmpty()) {
            showMessage("Not saved: the cascade was rolled back, and a system may disagree with billing (see the message).", true);
            dialogs.showWarning("Cascade rolled back: follow up needed", result.message());
        } else {
            showMessage("Not saved: the cascade was rolled back; your changes are still in the form.", true);
            dialogs.showError("Cascade rolled back", result.message());
        }
        if (number != null) {
            history.loadFor(table, number);
        }
    }

    /**
     * The records of the table reference field {@code f} points at whose login, email or name matches what is typed
     * into it. Blocks on the database: the auto-completion calls it on a thread of its own.
     */
    public List<Suggestion> suggest(FieldViewModel f, String text) {
        return f.spec().reference() == null ? List.of()
                : session.records().suggest(f.spec().reference(), text, SearchViewModel.SUGGESTIONS);
    }

    /** Kills the running hook; the save path rolls the change back. */
    public void cancelHook() {
        command.cancel();
    }

    private void saved(SaveResult result) {
        results.handle(result);
        if (number != null) {
            history.loadFor(table, number);
        }
    }

    /** After a commit: show the committed row, then fetch its related records again (a key may have changed). */
    void applyCommitted(SaveResult result) {
        showRow(Operation.UPDATE, result.row(), result.version(), env.related(), false);
        commits.set(commits.get() + 1);
        // The saved row's keys may point elsewhere now (or, for a new record, point somewhere at last).
        related.fetch(fields.draft());
    }

    // ---- running the hook again ----------------------------------------------------------------------------

    /** Whether "Run hook again" is offered: to a supervisor, on a saved record. */
    boolean mayRunHookAgain() {
        return session.supervisor() && operation == Operation.UPDATE && number != null;
    }

    /**
     * "Run hook again" (supervisors): runs the table's hook for the record as it is saved ({@code NEW=0},
     * {@code OLD_*} equal to {@code NEW_*}, {@code HOOK_REPROVISION=1}) to bring what it provisions back in line with
     * the database. After asking; the form's edits stay, and are not part of it.
     */
    public void runHookAgain() {
        if (!mayRunHookAgain() || command.running()) {
            return;
        }
        long n = number;
        // Asked also when chosen in a failure dialog: a hook run provisions, and one key too many must not start it.
        if (!dialogs.confirm("Run " + table.hookName() + " again?", "Runs " + table.hookName() + " for " + table
                + " " + n + " as it is saved (NEW=0, OLD_ values equal to NEW_, HOOK_REPROVISION=1), to bring what it "
                + "provisions back in line with the database. The record itself is not changed"
                + (hasEdits() ? "; your unsaved edits are not part of it and stay in the form." : "."), "Run hook again")) {
            return;
        }
        showMessage("", false);
        command.runAgain(n, r -> {
            results.handleRunAgain(r);
            history.loadFor(table, n);
        }, results::crashed);
    }

    /** "Run hook again" is offered (a supervisor on a saved record); the view also disables it while a hook runs. */
    public ReadOnlyBooleanProperty runAgainAvailableProperty() {
        return runAgainAvailable.getReadOnlyProperty();
    }

    /** Asks before closing a form with edits or a running hook; true if it may close. */
    public boolean confirmClose() {
        if (command.running()) {
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
        if (fields.setServerError(column, problem)) {
            updateState();
        }
    }

    // ---- read access ---------------------------------------------------------------------------------------

    public HookedTable table() {
        return table;
    }

    public Long number() {
        return number;
    }

    /** The record's number: null while a new record is unsaved. */
    public ReadOnlyObjectProperty<Long> numberProperty() {
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
        return fields.all();
    }

    public FieldViewModel field(String column) {
        return fields.get(column);
    }

    /** The entries a {@link ControlKind#CHOICE} field offers. */
    public List<Choice> choices(Lookup lookup) {
        return related.choices(lookup);
    }

    public TableOverlay overlay() {
        return overlay;
    }

    public EnvPanelViewModel env() {
        return env;
    }

    public HistoryViewModel history() {
        return history;
    }

    /** Whether the environment panel is open beside the form (Ctrl+E). */
    public BooleanProperty envPanelShownProperty() {
        return envPanelShown;
    }

    public ReadOnlyBooleanProperty readyProperty() {
        return ready.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty savingProperty() {
        return command.savingProperty();
    }

    /** The save in flight: what runs and for how long, for the form's running bar. */
    SaveCommand command() {
        return command;
    }

    public boolean saving() {
        return command.running();
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
}
