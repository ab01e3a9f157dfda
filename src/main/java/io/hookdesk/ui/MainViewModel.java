package io.hookdesk.ui;

import io.hookdesk.model.Failures;
import io.hookdesk.model.HookedTable;
import io.hookdesk.model.JdbcUrls;
import io.hookdesk.ui.account.DetailViewModel;
import io.hookdesk.ui.connect.ConnectViewModel;
import io.hookdesk.ui.connect.ConnectionRequest;
import io.hookdesk.ui.connect.Connector;
import io.hookdesk.ui.connect.ProfileStore;
import io.hookdesk.ui.connect.Session;
import io.hookdesk.ui.dialogs.DialogService;
import io.hookdesk.ui.form.FormOverlays;
import io.hookdesk.ui.form.ListColumns;
import io.hookdesk.ui.form.LookupNames;
import io.hookdesk.ui.form.RecordFormViewModel;
import io.hookdesk.ui.form.RecordOpener;
import io.hookdesk.ui.history.HistoryViewModel;
import io.hookdesk.ui.search.SearchViewModel;
import io.hookdesk.ui.task.TaskExecutor;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.time.Clock;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * The main window's state: the open session (database and CSR), the open tabs, and the commands of the menu and
 * the keyboard (new, save, find, connect). Opening a database happens in the background with a progress message.
 */
public final class MainViewModel implements RecordOpener {

    private final Connector connector;
    private final ProfileStore profiles;
    private final TaskExecutor executor;
    private final DialogService dialogs;
    private final FormOverlays overlays;
    private final Clock clock;
    /** Whether the open database still answers (the status bar's database item). */
    private final DatabaseStatus databaseStatus;
    private final ReadOnlyObjectWrapper<Session> session = new ReadOnlyObjectWrapper<>(this, "session");
    private final ReadOnlyBooleanWrapper connecting = new ReadOnlyBooleanWrapper(this, "connecting");
    private final ReadOnlyStringWrapper connectingText = new ReadOnlyStringWrapper(this, "connectingText", "");
    private final ReadOnlyStringWrapper database = new ReadOnlyStringWrapper(this, "database", "Not connected");
    private final ReadOnlyStringWrapper hooks = new ReadOnlyStringWrapper(this, "hooks", "");
    /** Why the hooks directory cannot be used (every save is refused), or empty: the status bar shows it in red. */
    private final ReadOnlyStringWrapper hooksProblem = new ReadOnlyStringWrapper(this, "hooksProblem", "");
    private final ReadOnlyStringWrapper signedIn = new ReadOnlyStringWrapper(this, "signedIn", "");
    private final ReadOnlyBooleanWrapper supervisor = new ReadOnlyBooleanWrapper(this, "supervisor");
    private final ObservableList<Workspace> workspaces = FXCollections.observableArrayList();
    private final ObjectProperty<Workspace> selected = new SimpleObjectProperty<>(this, "selected");
    /** Whether the embedded database has yet to be created (nothing under the home's pgdata). */
    private BooleanSupplier firstStart = () -> false;
    /** Whether a form opens with its environment panel beside it: the last choice made on any form. */
    private final BooleanProperty envPanelPreferred = new SimpleBooleanProperty(this, "envPanelPreferred", true);
    private String csr;
    /** What the session in use was opened with. */
    private ConnectionRequest current;
    private LookupNames names = LookupNames.none();

    public MainViewModel(Connector connector, ProfileStore profiles, TaskExecutor executor, DialogService dialogs,
                         FormOverlays overlays, Clock clock, String defaultCsr) {
        this.connector = connector;
        this.profiles = profiles;
        this.databaseStatus = new DatabaseStatus(clock, ZoneId.systemDefault());
        // Every task of the window, so that a failure is the prompt to check whether the database went away.
        this.executor = databaseStatus.noticingFailuresOf(executor);
        this.dialogs = dialogs;
        this.overlays = overlays;
        this.clock = clock;
        this.csr = defaultCsr;
        // The hooks directory is looked at again with every database check: one that goes away mid-session shows.
        databaseStatus.hooksProblemProperty().addListener((o, was, problem) -> showHooks());
    }

    /** The status bar's hooks item: the session's hooks directory, and why it cannot be used if it cannot. */
    private void showHooks() {
        Session opened = session.get();
        if (opened == null) {
            return;
        }
        String problem = databaseStatus.hooksProblemProperty().get();
        hooks.set(opened.hooksDirectory() + (problem.isEmpty() ? "" : " (unusable: every save is refused)"));
        hooksProblem.set(problem);
    }

    // ---- connecting ----------------------------------------------------------------------------------------

    /**
     * Opens the database in the background. The database in use stays open (with its tabs) until the new one is,
     * so a failed connect leaves the CSR where they were, with the connection dialog saying why and holding what
     * they typed. Only going from the embedded database to the embedded database closes it first: it cannot be
     * opened twice at once.
     */
    public void connect(ConnectionRequest request) {
        if (connecting.get()) {
            return;
        }
        if (!confirmCloseAll("Connecting to another database closes every open record.")) {
            return;
        }
        Session old = session.get();
        boolean closeFirst = old != null && request.embedded() && (current == null || current.embedded());
        if (closeFirst) {
            workspaces.clear();
            session.set(null);
            databaseStatus.watch(null);
            database.set("Not connected");
            hooks.set("");
            hooksProblem.set("");
            signedIn.set("");
            supervisor.set(false);
        }
        connecting.set(true);
        // Says what takes the time, truthfully: only a first start creates (and seeds) the demo database.
        connectingText.set(!request.embedded() ? "Connecting to " + request.url() + "…"
                : firstStart.getAsBoolean() ? "Creating the demo database (first start)…" : "Opening the database…");
        executor.execute("Opening the database", () -> {
            if (closeFirst) {
                old.close();
            }
            Session opened = connector.open(request);
            return new Opened(opened, LookupNames.load(opened.records()));
        }, opened -> {
            Session previous = session.get();
            if (previous != null) {
                workspaces.clear();
                executor.execute("Closing " + database.get(), () -> {
                    previous.close();
                    return null;
                }, done -> { }, error -> { });
            }
            current = request;
            connected(opened);
        }, error -> {
            connecting.set(false);
            chooseConnection("Could not open the database: " + Failures.firstMessage(error), request);
        });
    }

    private record Opened(Session session, LookupNames names) {
    }

    private void connected(Opened result) {
        Session opened = result.session();
        names = result.names();
        session.set(opened);
        databaseStatus.watch(opened);
        csr = opened.csr();
        database.set(opened.databaseDescription());
        showHooks();
        signedIn.set(opened.csr());
        supervisor.set(opened.supervisor());
        connecting.set(false);
        // Accounts first, as a CSR starts there; on a database without them, the first table it has.
        Arrays.stream(Section.values()).filter(sec -> unavailable(sec).isEmpty()).findFirst()
                .ifPresent(this::openSection);
    }

    /** The connection dialog; {@code problem} (or null) says why it is shown. */
    public void chooseConnection(String problem) {
        chooseConnection(problem, null);
    }

    /** The connection dialog again, holding what the CSR typed for the connect that failed. */
    private void chooseConnection(String problem, ConnectionRequest tried) {
        ConnectViewModel model = new ConnectViewModel(profiles, csr, problem);
        if (tried != null) {
            model.retry(tried);
        }
        dialogs.showConnect(model).ifPresent(this::connect);
    }

    // ---- tabs ----------------------------------------------------------------------------------------------

    /**
     * Why the section cannot be used on the open database ("this database has no table efpdata"), or empty. Known
     * since connect: asks nothing of the database.
     */
    public Optional<String> unavailable(Section section) {
        Session s = session.get();
        return s == null || section.table() == null ? Optional.empty() : s.records().unavailable(section.table());
    }

    /** Tells the CSR why a table cannot be used here, if it cannot; true when it can. */
    private boolean usable(HookedTable table) {
        Optional<String> why = unavailable(Section.of(table));
        why.ifPresent(reason -> dialogs.showWarning(Section.of(table).label() + " are not available",
                Character.toUpperCase(reason.charAt(0)) + reason.substring(1) + ". HookDesk works on the tables this database has; ask your administrator (hookdesk db check) if "
                + "you expected it."));
        return why.isEmpty();
    }

    /** Shows the section's tab (a table's search, or the hook runs), opening it the first time. */
    public Workspace openSection(Section section) {
        Session s = session.get();
        if (s == null || (section.table() != null && !usable(section.table()))) {
            return null;
        }
        for (Workspace w : workspaces) {
            if ((w instanceof Workspace.Search search && search.section() == section) || (w instanceof Workspace.Runs
                    && section == Section.HOOK_RUNS)) {
                selected.set(w);
                return w;
            }
        }
        Workspace w;
        if (section == Section.HOOK_RUNS) {
            HistoryViewModel runs = new HistoryViewModel(s.records(), executor, dialogs);
            runs.loadRecent();
            w = new Workspace.Runs(runs);
        } else {
            SearchViewModel search = new SearchViewModel(section.table(), section.label(),
                    ListColumns.of(overlays, section.table(), names), s.records(), executor, SearchViewModel.DEFAULT_PAGE_SIZE);
            search.search();
            w = new Workspace.Search(section, search);
        }
        workspaces.add(Math.min(searchTabCount(), workspaces.size()), w);
        selected.set(w);
        return w;
    }

    private int searchTabCount() {
        return (int) workspaces.stream().filter(w -> !(w instanceof Workspace.Form)).count();
    }

    @Override
    public void open(HookedTable table, long number) {
        Session s = session.get();
        if (s == null || !usable(table)) {
            return;
        }
        for (Workspace w : workspaces) {
            if (w instanceof Workspace.Form f && f.form().table() == table && Objects.equals(f.form().number(), number)) {
                selected.set(w);
                return;
            }
        }
        Workspace.Form w = newForm(s, table);
        w.form().open(number);
        workspaces.add(w);
        selected.set(w);
    }

    @Override
    public void openNew(HookedTable table, Map<String, String> prefill) {
        Session s = session.get();
        if (s == null || !usable(table)) {
            return;
        }
        Workspace.Form w = newForm(s, table);
        w.form().openNew(prefill);
        workspaces.add(w);
        selected.set(w);
    }

    private Workspace.Form newForm(Session s, HookedTable table) {
        RecordFormViewModel form = new RecordFormViewModel(table, s, executor, dialogs, overlays, clock, this);
        form.envPanelShownProperty().set(envPanelPreferred.get());
        form.envPanelShownProperty().addListener((obs, was, now) -> envPanelPreferred.set(now));
        DetailViewModel details = new DetailViewModel(table, s.records(), executor, this, overlays, names);
        boolean hasDetails = !details.tabs().isEmpty();
        // The children are listed once the record has a number: at load, or when a new record is first saved.
        form.numberProperty().addListener((obs, was, now) -> {
            if (hasDetails && now != null && !now.equals(was)) {
                details.load(now);
            }
        });
        // A save changes what other tabs list: the table's search, and the children lists of open records.
        form.commitsProperty().addListener((obs, was, now) -> afterCommit(table, form));
        return new Workspace.Form(form, hasDetails ? details : null);
    }

    private void afterCommit(HookedTable table, RecordFormViewModel saved) {
        refreshSearches(table);
        for (Workspace w : workspaces) {
            if (w instanceof Workspace.Form f && f.form() != saved && f.details() != null) {
                f.details().refresh();
            }
            if (w instanceof Workspace.Runs r) {
                r.history().refresh();
            }
        }
    }

    /** Ctrl+N: a new record of the current tab's table. */
    public void newRecord() {
        Workspace w = selected.get();
        if (w != null && w.table() != null) {
            openNew(w.table(), Map.of());
        }
    }

    /** Ctrl+S: saves the current form. */
    public void saveCurrent() {
        if (selected.get() instanceof Workspace.Form f) {
            f.form().save();
        }
    }

    /**
     * Tells the window how to know whether opening the embedded database creates it (a first start), so the
     * progress line says "creating the demo database" only then; by default it never does.
     */
    public void firstStartCheck(BooleanSupplier check) {
        this.firstStart = check;
    }

    /**
     * Whether forms open with the environment panel shown; follows the CSR's last Ctrl+E or toggle on any form, so
     * on a narrow screen one click gives every later form the full width. The window remembers it between sessions.
     */
    public BooleanProperty envPanelPreferredProperty() {
        return envPanelPreferred;
    }

    /** Ctrl+E: opens or closes the current form's environment panel. */
    public void toggleEnvironmentPanel() {
        if (selected.get() instanceof Workspace.Form f) {
            f.form().envPanelShownProperty().set(!f.form().envPanelShownProperty().get());
        }
    }

    /** Ctrl+F: the search of the current tab's table (accounts when there is none). */
    public Workspace.Search showSearch() {
        Workspace w = selected.get();
        Section section = w == null || w.table() == null ? Section.ACCOUNTS : Section.of(w.table());
        return openSection(section) instanceof Workspace.Search s ? s : null;
    }

    /** Closes a tab, asking first if it holds unsaved edits or a running hook. */
    public boolean close(Workspace w) {
        if (w instanceof Workspace.Form f && !f.form().confirmClose()) {
            return false;
        }
        workspaces.remove(w);
        if (w instanceof Workspace.Form f && f.form().number() != null) {
            refreshSearches(f.form().table());
        }
        return true;
    }

    private void refreshSearches(HookedTable table) {
        workspaces.stream().filter(x -> x instanceof Workspace.Search s && s.table() == table)
                .forEach(x -> ((Workspace.Search) x).search().refresh());
    }

    /** Before quitting or switching databases: every form with edits or a running hook asks. */
    public boolean confirmCloseAll(String why) {
        List<Workspace.Form> busy = workspaces.stream().filter(w -> w instanceof Workspace.Form).map(w -> (Workspace.Form) w)
                .filter(f -> f.form().saving() || f.form().hasEdits()).toList();
        if (busy.isEmpty()) {
            return true;
        }
        boolean running = busy.stream().anyMatch(f -> f.form().saving());
        if (!dialogs.confirm(running ? "A hook is still running" : "Discard unsaved changes?",
                why + " " + busy.size() + " open record" + (busy.size() == 1 ? " has" : "s have")
                        + (running ? " a running hook (it will be cancelled and rolled back) or" : "")
                        + " changes that are not saved.", running ? "Cancel hooks and continue" : "Discard changes")) {
            return false;
        }
        busy.forEach(f -> f.form().cancelHook());
        return true;
    }

    // ---- read access ---------------------------------------------------------------------------------------

    public ReadOnlyObjectProperty<Session> sessionProperty() {
        return session.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty connectingProperty() {
        return connecting.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty connectingTextProperty() {
        return connectingText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty databaseProperty() {
        return database.getReadOnlyProperty();
    }

    /**
     * What the status bar warns of the connection itself: a server reached over the network without TLS that checks
     * its certificate (empty when the connection is verified, local, or there is none).
     */
    public StringBinding connectionWarning() {
        return Bindings.createStringBinding(() -> JdbcUrls.unverifiedTls(database.get()).orElse(""), database);
    }

    /** Whether the open database still answers; the status bar shows it. */
    public DatabaseStatus databaseStatus() {
        return databaseStatus;
    }

    public ReadOnlyStringProperty hooksProblemProperty() {
        return hooksProblem.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty hooksProperty() {
        return hooks.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty signedInProperty() {
        return signedIn.getReadOnlyProperty();
    }

    /** Whether the database says the signed-in CSR is a supervisor, who may reveal secrets. */
    public ReadOnlyBooleanProperty supervisorProperty() {
        return supervisor.getReadOnlyProperty();
    }

    public ObservableList<Workspace> workspaces() {
        return workspaces;
    }

    public ObjectProperty<Workspace> selectedProperty() {
        return selected;
    }

    public TaskExecutor executor() {
        return executor;
    }
}
