package io.hookdesk.ui.dialogs;

import io.hookdesk.model.HookRun;
import io.hookdesk.model.Row;
import io.hookdesk.ui.connect.ConnectDialog;
import io.hookdesk.ui.connect.ConnectViewModel;
import io.hookdesk.ui.connect.ConnectionRequest;
import io.hookdesk.ui.search.SearchViewModel;
import javafx.event.Event;
import javafx.event.EventDispatchChain;
import javafx.event.EventDispatcher;
import javafx.event.EventTarget;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.stage.PopupWindow;
import javafx.stage.Window;
import javafx.util.Duration;
import org.controlsfx.control.Notifications;
import org.controlsfx.control.action.Action;
import org.kordamp.ikonli.javafx.FontIcon;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * The dialogs as JavaFX windows over the main window, placed and kept in front by {@link DialogWindows};
 * notifications are ControlsFX {@link Notifications} in the main window's bottom-right corner.
 */
public final class JavaFxDialogService implements DialogService {

    private static final Logger LOG = LoggerFactory.getLogger(JavaFxDialogService.class);
    /** Long enough to read a line; a notification offering "Show output" stays longer, to leave time to click it. */
    private static final Duration NOTICE = Duration.seconds(6);
    private static final Duration NOTICE_WITH_OUTPUT = Duration.seconds(12);

    private final Supplier<Window> main;
    private final DialogWindows windows;
    private final String stylesheet;

    /**
     * @param main       the main window, which owns the dialogs and the notifications
     * @param stylesheet the application stylesheet, which dialogs (scenes of their own) need too
     */
    public JavaFxDialogService(Supplier<Window> main, String stylesheet) {
        this.main = main;
        this.windows = new DialogWindows(main);
        this.stylesheet = stylesheet;
    }

    private <D extends Dialog<?>> D styled(D dialog, boolean wide) {
        dialog.getDialogPane().getStylesheets().add(stylesheet);
        if (wide) {
            dialog.getDialogPane().getStyleClass().add("wide-dialog");
        }
        return dialog;
    }

    @Override
    public void showError(String title, String message) {
        windows.showAndWait(alert(Alert.AlertType.ERROR, "error-dialog", title, message, "fth-x-octagon"));
    }

    @Override
    public void showWarning(String title, String message) {
        windows.showAndWait(alert(Alert.AlertType.WARNING, "warning-dialog", title, message, "fth-alert-triangle"));
    }

    @Override
    public boolean confirm(String title, String message, String confirmLabel) {
        Alert a = alert(Alert.AlertType.CONFIRMATION, "confirm-dialog", title, message, "fth-help-circle");
        ButtonType yes = new ButtonType(confirmLabel, ButtonBar.ButtonData.OK_DONE);
        a.getButtonTypes().setAll(yes, ButtonType.CANCEL);
        // Losing work should take a deliberate choice: Cancel is the default button.
        ((Button) a.getDialogPane().lookupButton(yes)).setDefaultButton(false);
        ((Button) a.getDialogPane().lookupButton(ButtonType.CANCEL)).setDefaultButton(true);
        return windows.showAndWait(a).filter(b -> b == yes).isPresent();
    }

    /**
     * A popup over the main window's bottom-right corner that fades by itself. A popup takes no focus, so the CSR's
     * cursor stays where it was and what they type next still goes to the form.
     */
    @Override
    public void notify(String message, HookOutput output) {
        Window owner = main.get();
        if (owner == null || !owner.isShowing()) {
            LOG.info("{}", message);
            return;
        }
        FontIcon icon = new FontIcon("fth-check-circle");
        icon.setIconSize(24);
        icon.getStyleClass().add("success-icon");
        Notifications notice = Notifications.create().owner(owner).position(Pos.BOTTOM_RIGHT).text(message)
                .graphic(icon).hideAfter(output == null ? NOTICE : NOTICE_WITH_OUTPUT).styleClass("hookdesk-notice");
        if (output != null) {
            Action show = new Action("Show output", e -> showHookOutput(output));
            show.getStyleClass().add("show-output");
            notice.action(show);
        }
        notice.show();
        leaveTheKeysToTheForm(owner);
    }

    /**
     * A JavaFX popup gets the key events of the window it belongs to before that window does (that is how a menu
     * takes Up and Down): ControlsFX's notification took Enter (its "Show output" had the focus), Esc (which hid it)
     * and Ctrl+S for as long as it showed, and the form got none of them. Its scene is made deaf to keys and Esc no
     * longer hides it, so every key goes on to the form; where the system gives the popup itself the keyboard (it
     * was clicked, or a toolkit focuses every new window), its keys are handed to the main window's focused field.
     * The mouse still reaches its buttons.
     */
    private static void leaveTheKeysToTheForm(Window owner) {
        for (Window w : Window.getWindows()) {
            if (w instanceof PopupWindow popup && popup.getOwnerWindow() == owner && popup.getScene() != null
                    && !popup.getScene().getRoot().lookupAll(".hookdesk-notice").isEmpty()
                    && !(popup.getScene().getEventDispatcher() instanceof KeysPassBy)) {
                popup.setHideOnEscape(false);
                popup.getScene().setEventDispatcher(new KeysPassBy(popup.getScene().getEventDispatcher()));
                EventDispatcher window = popup.getEventDispatcher();
                popup.setEventDispatcher((event, tail) -> event instanceof KeyEvent key
                        ? handToTheForm(owner, key) : window.dispatchEvent(event, tail));
            }
        }
    }

    /** A key the notification's own window got: to the main window's focused field, as if typed there. */
    private static Event handToTheForm(Window owner, KeyEvent key) {
        if (owner.getScene() == null) {
            return null;
        }
        EventTarget target = owner.getScene().getFocusOwner() != null
                ? owner.getScene().getFocusOwner() : owner.getScene();
        Event.fireEvent(target, key.copyFor(owner, target));
        return null;
    }

    /** A scene's dispatcher that lets key events pass by unhandled (and so unconsumed) and the rest through. */
    private record KeysPassBy(EventDispatcher scene) implements EventDispatcher {
        @Override
        public Event dispatchEvent(Event event, EventDispatchChain tail) {
            return event instanceof KeyEvent ? event : scene.dispatchEvent(event, tail);
        }
    }

    /**
     * What a hook printed for a saved change, in a dialog like the others. When it closes, the cursor goes back to
     * the field it was in: "Show output" is clicked in a popup, and without this the keys went nowhere until a click.
     */
    private void showHookOutput(HookOutput output) {
        Window owner = main.get();
        Node before = owner == null || owner.getScene() == null ? null : owner.getScene().getFocusOwner();
        int caret = CursorReturn.caretOf(before);
        windows.showAndWait(styled(new HookOutputDialog(windows.owner(), output), true));
        if (owner != null && owner.isShowing() && !windows.anyOpen()) {
            owner.requestFocus();
            if (before != null && before.getScene() == owner.getScene()) {
                CursorReturn.to(before, caret);
            }
        }
    }

    @Override
    public boolean showHookFailure(HookFailureReport report, boolean offerRunAgain) {
        return windows.showAndWait(styled(new HookFailureDialog(windows.owner(), report, offerRunAgain), true)).orElse(false);
    }

    @Override
    public ConflictChoice showConflict(ConflictReport report) {
        return windows.showAndWait(styled(new ConflictDialog(windows.owner(), report), true)).orElse(ConflictChoice.KEEP_EDITING);
    }

    @Override
    public boolean showCommitFailedAfterHook(String hookName, String message, boolean offerRunAgain) {
        Alert a = alert(Alert.AlertType.WARNING, "commit-failed-dialog",
                hookName + " succeeded, but the database did not save the change",
                message + "\n\nThe system the hook provisions (RADIUS, mail …) may now be ahead of billing. "
                        + (offerRunAgain ? "\"Run hook again\" runs " + hookName + " for the record as the database holds it, "
                        + "to bring that system back in line." : "Check it, and tell whoever looks after provisioning, "
                        + "before you try again."), "fth-alert-octagon");
        a.setTitle("Provisioning may be ahead of the database");
        if (offerRunAgain) {
            a.getButtonTypes().add(0, HookFailureDialog.RUN_AGAIN);
            a.getDialogPane().lookupButton(HookFailureDialog.RUN_AGAIN).setId("run-hook-again");
        }
        HookFailureDialog.closeIsTheDefault(a, ButtonType.OK);
        return windows.showAndWait(a).filter(b -> b == HookFailureDialog.RUN_AGAIN).isPresent();
    }

    @Override
    public void showHookRun(HookRun run) {
        windows.showAndWait(styled(new HookRunDialog(windows.owner(), run), true));
    }

    @Override
    public CascadeChoice askCascade(CascadeReport report) {
        return windows.showAndWait(styled(new CascadeDialog(windows.owner(), report), true)).orElse(CascadeChoice.CANCEL);
    }

    @Override
    public Optional<Row> pickRecord(String title, SearchViewModel search) {
        return windows.showAndWait(styled(new PickRecordDialog(windows.owner(), title, search), true));
    }

    @Override
    public Optional<ConnectionRequest> showConnect(ConnectViewModel model) {
        return windows.showAndWait(styled(new ConnectDialog(windows.owner(), model), true));
    }

    private Alert alert(Alert.AlertType type, String id, String title, String message, String icon) {
        Alert a = new Alert(type);
        a.initOwner(windows.owner());
        a.setTitle(title);
        a.setHeaderText(title);
        Label text = new Label(message);
        text.setWrapText(true);
        text.setId(id + "-message");
        text.setMaxWidth(560);
        if (message.length() > 70) {
            // A long message wraps at a readable width, and the dialog is as tall as the wrapped text, never cut short.
            text.setPrefWidth(560);
            text.setMinHeight(Region.USE_PREF_SIZE);
        }
        StackPane content = new StackPane(text);
        content.getStyleClass().add("dialog-content");
        a.getDialogPane().setContent(content);
        a.getDialogPane().setId(id);
        a.setResizable(true);
        FontIcon graphic = new FontIcon(icon);
        graphic.setIconSize(32);
        graphic.getStyleClass().add(type == Alert.AlertType.CONFIRMATION ? "accent-icon" : "danger-icon");
        a.setGraphic(graphic);
        return styled(a, false);
    }
}
