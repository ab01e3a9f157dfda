package io.hookdesk.ui;

import io.hookdesk.ui.account.DetailView;
import io.hookdesk.ui.form.RecordFormView;
import io.hookdesk.ui.history.HistoryView;
import io.hookdesk.ui.search.SearchView;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.collections.ListChangeListener;
import javafx.css.PseudoClass;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.geometry.Rectangle2D;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.Separator;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.Screen;
import javafx.stage.Stage;
import javafx.stage.WindowEvent;
import org.controlsfx.control.StatusBar;
import org.controlsfx.control.decoration.Decoration;
import org.controlsfx.control.decoration.Decorator;
import org.controlsfx.control.decoration.GraphicDecoration;
import org.kordamp.ikonli.javafx.FontIcon;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The main window: menu, navigation on the left, a tab per search, record or hook-run list in the middle, the status
 * bar (database, hooks directory, who is signed in, background work) at the bottom.
 */
public final class MainWindow {

    /** A table the open database lacks, in the navigation: greyed. */
    private static final PseudoClass UNAVAILABLE = PseudoClass.getPseudoClass("unavailable");
    /** The status bar's hooks directory when it cannot be used: shown in red. */
    private static final PseudoClass UNUSABLE = PseudoClass.getPseudoClass("unusable");
    /** The status bar's database when it stopped answering: shown in red until it answers again. */
    private static final PseudoClass UNREACHABLE = PseudoClass.getPseudoClass("unreachable");

    /** The one application stylesheet, for the main window and every dialog. */
    static final String STYLESHEET = MainWindow.class.getResource("hookdesk.css").toExternalForm();

    private final MainViewModel vm;
    private final DesktopPrefs prefs;
    /** desktop.properties: whether forms open with the environment panel shown. */
    static final String ENV_PANEL_KEY = "envPanel";
    private final Stage stage;
    private final TabPane tabs = new TabPane();
    private final Map<Workspace, Tab> tabOf = new HashMap<>();
    private final Map<Workspace, SearchView> searchViews = new HashMap<>();
    private final ListView<Section> navigation = new ListView<>();
    private boolean syncing;
    private Menu fileMenu;

    public MainWindow(Stage stage, MainViewModel vm, DesktopPrefs prefs) {
        this.stage = stage;
        this.vm = vm;
        this.prefs = prefs;
        BorderPane main = new BorderPane();
        main.setTop(menu());
        main.setLeft(navigation());
        main.setCenter(center());
        main.setBottom(statusBar());
        StackPane root = new StackPane(main, connectingOverlay());
        root.setId("main-window");
        // On a laptop's 1366x768 the window fills the screen; on a larger one it opens at that size.
        Rectangle2D screen = Screen.getPrimary().getVisualBounds();
        boolean small = screen.getWidth() <= 1366 || screen.getHeight() <= 800;
        Scene scene = new Scene(root, Math.min(1366, screen.getWidth()), Math.min(768, screen.getHeight()));
        stage.setMaximized(small);
        // The environment panel as the CSR last left it; at first, shown only where the form keeps room beside it
        // (on a 1024x600 netbook the form gets the whole width, and Ctrl+E brings the panel back).
        vm.envPanelPreferredProperty().set(prefs.flag(ENV_PANEL_KEY, screen.getWidth() >= 1280));
        vm.envPanelPreferredProperty().addListener((obs, was, now) -> prefs.put(ENV_PANEL_KEY, String.valueOf(now)));
        scene.getStylesheets().add(STYLESHEET);
        // Alt+F opens File, as everywhere else. JavaFX's own menu mnemonic did not, with the cursor in a form (only
        // F10 reached the menu bar), so the window does it before any control sees the key.
        scene.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.F && e.isAltDown() && !e.isControlDown() && !e.isShiftDown() && !e.isMetaDown()
                    && !fileMenu.isShowing()) {
                fileMenu.show();
                e.consume();
            }
        });
        stage.setScene(scene);
        prepareDecorations(root);
        // Small enough for a 1024x600 netbook screen; the form scrolls and the environment panel folds away.
        stage.setMinWidth(800);
        stage.setMinHeight(560);
        stage.titleProperty().bind(Bindings.createStringBinding(() -> "HookDesk"
                + (vm.signedInProperty().get().isEmpty() ? "" : " — " + vm.signedInProperty().get()), vm.signedInProperty()));
        stage.setOnCloseRequest(e -> {
            if (!vm.confirmCloseAll("Quitting closes every open record.")) {
                e.consume();
            }
        });
        vm.workspaces().addListener((ListChangeListener<Workspace>) ch -> syncTabs());
        vm.selectedProperty().addListener((obs, was, now) -> selectTab(now));
        tabs.getSelectionModel().selectedItemProperty().addListener((obs, was, now) -> {
            if (!syncing && now != null) {
                vm.selectedProperty().set((Workspace) now.getUserData());
            }
        });
    }

    private MenuBar menu() {
        MenuItem connect = item("_Connect to a database…", "Shortcut+Shift+O", "fth-database", () -> vm.chooseConnection(null));
        MenuItem newRecord = item("_New record", "Shortcut+N", "fth-plus", vm::newRecord);
        MenuItem save = item("_Save", "Shortcut+S", "fth-save", vm::saveCurrent);
        MenuItem close = item("_Close tab", "Shortcut+W", "fth-x", () -> {
            if (vm.selectedProperty().get() != null) {
                vm.close(vm.selectedProperty().get());
            }
        });
        MenuItem quit = item("_Quit", "Shortcut+Q", null, () -> {
            if (vm.confirmCloseAll("Quitting closes every open record.")) {
                stage.hide();
            }
        });
        Menu file = new Menu("_File", null, connect, new SeparatorMenuItem(), newRecord, save, close, new SeparatorMenuItem(), quit);
        fileMenu = file;
        MenuItem find = item("_Find…", "Shortcut+F", "fth-search", this::focusSearch);
        MenuItem env = item("_Environment panel", "Shortcut+E", "fth-terminal", vm::toggleEnvironmentPanel);
        Menu go = new Menu("_Go", null, find, env, new SeparatorMenuItem());
        int i = 1;
        for (Section s : Section.values()) {
            go.getItems().add(item(s.label(), i <= 9 ? "Shortcut+" + i : null, s.icon(), () -> openSectionAndSearch(s)));
            i++;
        }
        MenuBar bar = new MenuBar(file, view(), go);
        bar.setId("menu");
        return bar;
    }

    /** View: the light or dark theme, remembered for the next start. */
    private Menu view() {
        ToggleGroup group = new ToggleGroup();
        Menu menu = new Menu("_View");
        DesktopUi.Theme current = DesktopUi.Theme.named(prefs.get("theme", "light"));
        for (DesktopUi.Theme theme : DesktopUi.Theme.values()) {
            RadioMenuItem item = new RadioMenuItem(
                    theme == DesktopUi.Theme.LIGHT ? "_Light theme (Primer Light)" : "_Dark theme (Primer Dark)");
            item.setId("theme-" + theme.name().toLowerCase(Locale.ROOT));
            item.setToggleGroup(group);
            item.setSelected(theme == current);
            item.setOnAction(e -> {
                theme.apply();
                prefs.put("theme", theme.name().toLowerCase(Locale.ROOT));
            });
            menu.getItems().add(item);
        }
        return menu;
    }

    private static MenuItem item(String text, String accelerator, String icon, Runnable action) {
        MenuItem m = new MenuItem(text, icon == null ? null : new FontIcon(icon));
        if (accelerator != null) {
            m.setAccelerator(KeyCombination.keyCombination(accelerator));
        }
        m.setOnAction(e -> action.run());
        return m;
    }

    private Node navigation() {
        navigation.setId("navigation");
        navigation.getItems().setAll(Section.values());
        navigation.setCellFactory(l -> new ListCell<>() {
            @Override
            protected void updateItem(Section s, boolean empty) {
                super.updateItem(s, empty);
                setText(empty ? null : s.label());
                setGraphic(empty ? null : new FontIcon(s.icon()));
                setId(empty ? null : "nav-" + s.name().toLowerCase(Locale.ROOT).replace('_', '-'));
                // A table this database lacks is greyed and says why when the CSR points at it (a disabled cell would
                // show no tooltip); choosing it anyway tells the reason in a dialog and opens nothing.
                Optional<String> why = empty ? Optional.empty() : vm.unavailable(s);
                pseudoClassStateChanged(UNAVAILABLE, why.isPresent());
                setTooltip(why.map(Tooltip::new).orElse(null));
            }

            {
                // The section is highlighted while one of its records is in front: a click on it still goes back to
                // its search (the selection does not change, so the listener below does not hear it).
                setOnMouseClicked(e -> {
                    Section s = getItem();
                    if (!isEmpty() && s != null && !(vm.selectedProperty().get() instanceof Workspace.Search shown
                            && shown.section() == s)) {
                        vm.openSection(s);
                    }
                });
            }
        });
        navigation.getSelectionModel().selectedItemProperty().addListener((obs, was, now) -> {
            if (!syncing && now != null && vm.openSection(now) == null) {
                // Refused (a table this database lacks): the navigation goes back to what the window shows.
                Platform.runLater(() -> {
                    syncing = true;
                    try {
                        if (vm.selectedProperty().get() instanceof Workspace.Search shown) {
                            navigation.getSelectionModel().select(shown.section());
                        } else {
                            navigation.getSelectionModel().clearSelection();
                        }
                    } finally {
                        syncing = false;
                    }
                });
            }
        });
        vm.sessionProperty().addListener((obs, was, now) -> navigation.refresh());
        navigation.setPrefWidth(190);
        navigation.getStyleClass().add("navigation");
        return navigation;
    }

    /**
     * ControlsFX draws a field's problem mark in a pane it puts around the scene's root the first time a form asks for
     * one. Done then, the move took the focus from the form's first field, just given the cursor, so what a CSR typed
     * next went nowhere (seen in a real window under openbox). Done here, before anything has the focus.
     */
    private static void prepareDecorations(Node root) {
        Decoration none =
                new GraphicDecoration(new Region());
        Decorator.addDecoration(root, none);
        Decorator.removeDecoration(root, none);
    }

    private Node center() {
        tabs.setId("workspaces");
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.ALL_TABS);
        Button connect = new Button("Connect to a database…", new FontIcon("fth-database"));
        connect.setOnAction(e -> vm.chooseConnection(null));
        Label none = new Label("Not connected.");
        VBox empty = new VBox(12, none, connect);
        empty.setAlignment(Pos.CENTER);
        empty.visibleProperty().bind(vm.sessionProperty().isNull().and(vm.connectingProperty().not()));
        return new StackPane(tabs, empty);
    }

    private Node connectingOverlay() {
        ProgressIndicator progress = new ProgressIndicator();
        progress.setMaxSize(56, 56);
        Label text = new Label();
        text.setId("connecting-text");
        text.textProperty().bind(vm.connectingTextProperty());
        text.setWrapText(true);
        VBox box = new VBox(14, progress, text);
        box.setAlignment(Pos.CENTER);
        box.getStyleClass().add("connecting-overlay");
        box.visibleProperty().bind(vm.connectingProperty());
        return box;
    }

    /**
     * ControlsFX's status bar: where the data is (red when the database stopped answering, with why as the tooltip),
     * the hooks directory (red when it cannot be used), who is signed in, and "Working…" with a running bar while
     * background work runs.
     */
    private Node statusBar() {
        DatabaseStatus dbStatus = vm.databaseStatus();
        Label db = status("status-database", "fth-database");
        StringBinding unverified = vm.connectionWarning();
        db.textProperty().bind(Bindings.createStringBinding(() -> dbStatus.problemProperty().get().isEmpty()
                ? vm.databaseProperty().get() + (unverified.get().isEmpty() ? "" : " — TLS not verified")
                        + (dbStatus.serverProperty().get().isEmpty() ? "" : " — back on " + dbStatus.serverProperty().get())
                : dbStatus.problemProperty().get(),
                vm.databaseProperty(), dbStatus.problemProperty(), unverified, dbStatus.serverProperty()));
        Tooltip why = new Tooltip();
        why.textProperty().bind(Bindings.when(dbStatus.problemProperty().isEmpty()).then(unverified)
                .otherwise(dbStatus.detailProperty()));
        why.setWrapText(true);
        why.setMaxWidth(560);
        Runnable decorate = () -> {
            String problem = dbStatus.problemProperty().get();
            db.pseudoClassStateChanged(UNREACHABLE, !problem.isEmpty());
            db.setTooltip(problem.isEmpty() && unverified.get().isEmpty() ? null : why);
        };
        dbStatus.problemProperty().addListener((o, was, problem) -> decorate.run());
        unverified.addListener((o, was, now) -> decorate.run());
        decorate.run();
        Label hooks = status("status-hooks", "fth-folder");
        hooks.textProperty().bind(Bindings.concat("Hooks: ", vm.hooksProperty()));
        vm.hooksProblemProperty().addListener((o, was, problem) -> {
            hooks.pseudoClassStateChanged(UNUSABLE, !problem.isEmpty());
            hooks.setTooltip(problem.isEmpty() ? null : new Tooltip(problem));
        });
        Label csr = status("status-csr", "fth-user");
        csr.textProperty().bind(Bindings.createStringBinding(() -> vm.signedInProperty().get().isEmpty() ? "Not signed in"
                : "Signed in as " + vm.signedInProperty().get() + (vm.supervisorProperty().get() ? " (supervisor)" : ""),
                vm.signedInProperty(), vm.supervisorProperty()));
        BooleanBinding busy = vm.executor().runningProperty().greaterThan(0);
        StatusBar bar = new StatusBar();
        bar.setId("status-bar");
        bar.getLeftItems().setAll(db, separator(), hooks, separator(), csr);
        // The bar's own text and progress: "Working…" beside a running bar while tasks run, nothing otherwise.
        bar.textProperty().bind(Bindings.when(busy).then("Working…").otherwise(""));
        bar.progressProperty().bind(Bindings.when(busy).then(ProgressIndicator.INDETERMINATE_PROGRESS).otherwise(0.0));
        // The window closing ends its sessions: no more checks of their database.
        stage.addEventHandler(WindowEvent.WINDOW_HIDDEN, e -> dbStatus.stop());
        return bar;
    }

    private static Node separator() {
        return new Separator(Orientation.VERTICAL);
    }

    private static Label status(String id, String icon) {
        Label l = new Label();
        l.setId(id);
        l.setGraphic(new FontIcon(icon));
        l.setMinWidth(0);
        return l;
    }

    private void syncTabs() {
        syncing = true;
        try {
            List<Workspace> now = vm.workspaces();
            tabOf.keySet().removeIf(w -> {
                if (!now.contains(w)) {
                    tabs.getTabs().remove(tabOf.get(w));
                    searchViews.remove(w);
                    return true;
                }
                return false;
            });
            for (int i = 0; i < now.size(); i++) {
                Workspace w = now.get(i);
                Tab tab = tabOf.computeIfAbsent(w, this::tabFor);
                if (!tabs.getTabs().contains(tab)) {
                    tabs.getTabs().add(Math.min(i, tabs.getTabs().size()), tab);
                }
            }
        } finally {
            syncing = false;
        }
        selectTab(vm.selectedProperty().get());
    }

    private void selectTab(Workspace w) {
        Tab tab = w == null ? null : tabOf.get(w);
        if (tab != null && tabs.getSelectionModel().getSelectedItem() != tab) {
            syncing = true;
            try {
                tabs.getSelectionModel().select(tab);
            } finally {
                syncing = false;
            }
        }
        // The navigation's highlight follows the tab in front: a record's form lights its table's section (a service
        // under Services), the hook runs theirs; it stayed on the section last chosen, which was not where one was.
        Section where = w instanceof Workspace.Search s ? s.section()
                : w instanceof Workspace.Form f ? Section.of(f.form().table())
                : w instanceof Workspace.Runs ? Section.HOOK_RUNS : null;
        if (where != null && navigation.getSelectionModel().getSelectedItem() != where) {
            syncing = true;
            try {
                navigation.getSelectionModel().select(where);
            } finally {
                syncing = false;
            }
        }
    }

    private Tab tabFor(Workspace w) {
        Tab tab = new Tab();
        tab.setUserData(w);
        if (w instanceof Workspace.Search s) {
            SearchView view = new SearchView(s.search(), row -> vm.open(s.table(), row.integer("number")),
                    () -> vm.openNew(s.table(), Map.of()));
            searchViews.put(w, view);
            tab.setText(s.section().label());
            tab.setGraphic(new FontIcon(s.section().icon()));
            tab.setContent(view);
            tab.setId("tab-search-" + s.table().sqlName());
        } else if (w instanceof Workspace.Form f) {
            List<Tab> details = f.details() == null ? List.of() : new DetailView(f.details()).tabs();
            tab.setContent(new RecordFormView(f.form(), details));
            tab.textProperty().bind(f.form().titleProperty());
            tab.setGraphic(new FontIcon(Section.of(f.table()).icon()));
            tab.setId("tab-form-" + f.table().sqlName());
        } else if (w instanceof Workspace.Runs r) {
            tab.setText(Section.HOOK_RUNS.label());
            tab.setGraphic(new FontIcon(Section.HOOK_RUNS.icon()));
            tab.setContent(new HistoryView(r.history(), true));
            tab.setId("tab-runs");
        }
        tab.setOnCloseRequest(e -> {
            e.consume();
            vm.close(w);
        });
        return tab;
    }

    private void focusSearch() {
        focusSearchOf(vm.showSearch());
    }

    /** Ctrl+1..9: the section's list, with the cursor in its search box, so what the CSR types next is a search. */
    private void openSectionAndSearch(Section section) {
        focusSearchOf(vm.openSection(section));
    }

    private void focusSearchOf(Workspace w) {
        SearchView view = w == null ? null : searchViews.get(w);
        if (view != null) {
            // A tab just selected gets its content into the scene on the next pulse.
            view.focusSearch();
            Platform.runLater(view::focusSearch);
        }
    }
}
