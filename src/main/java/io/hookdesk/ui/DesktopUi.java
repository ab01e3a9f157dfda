package io.hookdesk.ui;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import io.hookdesk.ui.connect.ConnectionRequest;
import io.hookdesk.ui.connect.Connector;
import io.hookdesk.ui.connect.ProfileStore;
import io.hookdesk.ui.dialogs.CrashReporter;
import io.hookdesk.ui.dialogs.JavaFxDialogService;
import io.hookdesk.ui.form.FormOverlays;
import io.hookdesk.ui.task.TaskExecutor;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;

import java.time.Clock;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Puts the desktop together on a stage: theme, dialogs, the main view model and window; then opens the first
 * database in the background. Everything it builds is handed down by constructor; nothing is kept in statics.
 */
public final class DesktopUi {

    /** How often the status bar's database item asks the database whether it still answers. */
    static final Duration DATABASE_CHECK = Duration.ofSeconds(15);

    /** The desktop's remembered choices, in the HookDesk home beside profiles.properties. */
    public static final String PREFS_FILE = "desktop.properties";

    private DesktopUi() {
    }

    /** AtlantaFX's Primer themes, set as the application's user-agent stylesheet (the supported way). */
    public enum Theme {
        LIGHT(new PrimerLight()), DARK(new PrimerDark());

        private final atlantafx.base.theme.Theme theme;

        Theme(atlantafx.base.theme.Theme theme) {
            this.theme = theme;
        }

        public void apply() {
            Application.setUserAgentStylesheet(theme.getUserAgentStylesheet());
        }

        static Theme named(String name) {
            return "dark".equalsIgnoreCase(name) ? DARK : LIGHT;
        }

        /** The theme the CSR chose last (View menu), light by default. */
        public static Theme of(DesktopPrefs prefs) {
            return named(prefs.get("theme", "light"));
        }
    }

    /** Call on the FX thread. Returns the main view model (whose session the caller closes at exit). */
    public static MainViewModel show(Stage stage, Connector connector, ProfileStore profiles, ConnectionRequest initial,
                                     TaskExecutor executor, Clock clock) {
        return show(stage, connector, profiles, initial, executor, clock, () -> false);
    }

    /** @param firstStart whether opening the embedded database now creates it (for a truthful progress line) */
    public static MainViewModel show(Stage stage, Connector connector, ProfileStore profiles, ConnectionRequest initial,
                                     TaskExecutor executor, Clock clock, BooleanSupplier firstStart) {
        DesktopPrefs prefs = new DesktopPrefs(profiles.file().resolveSibling(PREFS_FILE));
        Theme.of(prefs).apply();
        JavaFxDialogService dialogs = new JavaFxDialogService(() -> stage, MainWindow.STYLESHEET);
        // A bug in a handler is shown to the CSR (and logged), not swallowed.
        Thread.currentThread().setUncaughtExceptionHandler(new CrashReporter(() -> stage, MainWindow.STYLESHEET));
        MainViewModel vm = new MainViewModel(connector, profiles, executor, dialogs, new FormOverlays(), clock, initial.csr());
        vm.firstStartCheck(firstStart);
        // Asks the open database every 15 s whether it still answers, so a lost one shows in the status bar.
        vm.databaseStatus().checkEvery(DATABASE_CHECK, Platform::runLater);
        new MainWindow(stage, vm, prefs);
        stage.show();
        vm.connect(initial);
        return vm;
    }
}
