package io.hookdesk.app;

import io.hookdesk.ui.MainViewModel;
import javafx.stage.Stage;

import java.util.ServiceLoader;

/**
 * The seam through which something outside the application watches the main window once it is shown: found with
 * {@link ServiceLoader} on the class path. The shipped application has none; the desktop benchmark puts its start-up
 * probe there (test code, {@code io.hookdesk.bench.StartupProbe}).
 */
public interface WindowObserver {

    /** Called on the FX thread right after the main window is shown. */
    void shown(MainViewModel vm, Stage stage);
}
