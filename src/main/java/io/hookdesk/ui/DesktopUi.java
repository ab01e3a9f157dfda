package io.hookdesk.ui;

import io.hookdesk.ui.connect.ConnectionRequest;
import io.hookdesk.ui.connect.Connector;
import io.hookdesk.ui.connect.ProfileStore;
import io.hookdesk.ui.dialogs.JavaFxDialogService;
import io.hookdesk.ui.form.FormOverlays;
import io.hookdesk.ui.task.TaskExecutor;
import javafx.application.Application;
import javafx.stage.Stage;

import java.time.Clock;

/**
 * Puts the desktop together on a stage: theme, dialogs, the main view model and window; then opens the first
 * database in the background. Everything it builds is handed down by constructor; nothing is kept in statics.
 */
public final class DesktopUi {

    /** The resource {@code new PrimerLight().getUserAgentStylesheet()} names. */
    private static final String PRIMER_LIGHT = "atlantafx/base/theme/primer-light.css";

    private DesktopUi() {
    }

    /**
     * AtlantaFX Primer Light, found as a resource: AtlantaFX 2.1.0's classes are compiled for Java 21 and cannot be
     * loaded on HookDesk's Java 17, but its stylesheets can. {@code mvn javafx:run} leaves that jar off the class path
     * (see the pom) and names it in {@code hookdesk.themeJar} instead.
     */
    static String primerLight() {
        java.net.URL url = DesktopUi.class.getClassLoader().getResource(PRIMER_LIGHT);
        if (url != null) {
            return url.toExternalForm();
        }
        String jar = System.getProperty("hookdesk.themeJar");
        if (jar != null && java.nio.file.Files.isRegularFile(java.nio.file.Path.of(jar))) {
            return "jar:" + java.nio.file.Path.of(jar).toUri() + "!/" + PRIMER_LIGHT;
        }
        return "/" + PRIMER_LIGHT;
    }

    /** Call on the FX thread. Returns the main view model (whose session the caller closes at exit). */
    public static MainViewModel show(Stage stage, Connector connector, ProfileStore profiles, ConnectionRequest initial,
                                     TaskExecutor executor, Clock clock) {
        Application.setUserAgentStylesheet(primerLight());
        Toasts toasts = new Toasts();
        JavaFxDialogService dialogs = new JavaFxDialogService(() -> stage, toasts::show, MainWindow.STYLESHEET);
        MainViewModel vm = new MainViewModel(connector, profiles, executor, dialogs, new FormOverlays(), clock, initial.csr());
        new MainWindow(stage, vm, toasts);
        stage.show();
        vm.connect(initial);
        return vm;
    }
}
