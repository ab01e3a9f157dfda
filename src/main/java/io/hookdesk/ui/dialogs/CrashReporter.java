package io.hookdesk.ui.dialogs;

import io.hookdesk.model.Failures;
import javafx.application.Platform;
import javafx.stage.Window;
import org.controlsfx.dialog.ExceptionDialog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.function.Supplier;

/**
 * What becomes of an exception nothing caught on the FX thread (a bug in a handler): it is logged, and the CSR sees
 * ControlsFX's {@link ExceptionDialog} saying so, with the details to pass on, instead of a window that silently
 * stopped doing something. One dialog at a time; shown without waiting, since the exception may come from inside a
 * layout pass or an animation, where a modal dialog may not be opened.
 */
public final class CrashReporter implements Thread.UncaughtExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(CrashReporter.class);

    private final Supplier<Window> owner;
    private final String stylesheet;
    private boolean showing;

    public CrashReporter(Supplier<Window> owner, String stylesheet) {
        this.owner = owner;
        this.stylesheet = stylesheet;
    }

    @Override
    public void uncaughtException(Thread thread, Throwable error) {
        LOG.error("unexpected error in the window", error);
        if (showing) {
            return;
        }
        showing = true;
        Platform.runLater(() -> {
            try {
                ExceptionDialog d = new ExceptionDialog(error);
                Window w = owner.get();
                if (w != null && w.isShowing()) {
                    d.initOwner(w);
                }
                d.setTitle("HookDesk: unexpected error");
                d.setHeaderText("Something went wrong inside HookDesk: " + Failures.rootMessage(error) + "\n"
                        + "Your open records are still there: check and save them. The details below are also in the log; "
                        + "please pass them on to whoever looks after HookDesk.");
                d.getDialogPane().setId("crash-dialog");
                d.getDialogPane().getStylesheets().add(stylesheet);
                d.setResizable(true);
                d.setOnHidden(e -> showing = false);
                d.show();
            } catch (RuntimeException again) {
                showing = false;
                LOG.error("the error could not be shown either", again);
            }
        });
    }
}
