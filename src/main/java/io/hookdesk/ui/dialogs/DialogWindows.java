package io.hookdesk.ui.dialogs;

import javafx.application.Platform;
import javafx.event.EventHandler;
import javafx.geometry.Rectangle2D;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Dialog;
import javafx.scene.control.DialogEvent;
import javafx.scene.input.InputEvent;
import javafx.scene.input.MouseEvent;
import javafx.stage.Modality;
import javafx.stage.Screen;
import javafx.stage.Window;
import javafx.stage.WindowEvent;

import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.Optional;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.function.Supplier;

/**
 * Shows every dialog over the main window, sized by its content and centred on the window it belongs to, and keeps
 * the CSR in the topmost dialog until it closes, without touching the main window's size or maximised state.
 *
 * <p>Why not JavaFX's own modality: on Linux (JavaFX 21's GTK glass) a modal dialog "disables" its owner by pinning
 * its minimum and maximum size to the current size; openbox and KDE answer by un-maximising the main window, which
 * stays un-maximised after the dialog closes (JDK-8332222, fixed only in JavaFX releases that need Java 21). So the
 * dialogs are modeless windows owned by the main window (the window manager keeps them above it), and modality is
 * done here: while a dialog is open, every input event aimed at any other HookDesk window is swallowed (a click
 * brings the dialog back to the front), and closing the main window waits.
 *
 * <p>Why the second placement: the same glass shows the first dialog of a session at a guessed 200x200 in the top
 * left corner under openbox, before the window manager has told it its frame size. Once the dialog is on screen
 * (the next pulse), it is sized to its content again (never larger than the screen) and centred on its owner.
 */
final class DialogWindows {

    /** Room for a window manager's title bar and borders around a dialog that fills a small screen. */
    private static final double FRAME = 48;

    private final Supplier<Window> main;
    private final Deque<Window> open = new ArrayDeque<>();
    private final Set<Window> guarded = Collections.newSetFromMap(new WeakHashMap<>());

    DialogWindows(Supplier<Window> main) {
        this.main = main;
    }

    /** The window a new dialog belongs to: the topmost open dialog, or else the main window. */
    Window owner() {
        return open.isEmpty() ? main.get() : open.peek();
    }

    /** Whether a dialog is open (the rest of HookDesk takes no input meanwhile). */
    boolean anyOpen() {
        return !open.isEmpty();
    }

    /** Shows {@code dialog} (already owned by {@link #owner()}) and waits until it is closed. */
    <R> Optional<R> showAndWait(Dialog<R> dialog) {
        Window parent = dialog.getOwner() != null ? dialog.getOwner() : owner();
        dialog.initModality(Modality.NONE);
        Window window = dialog.getDialogPane().getScene().getWindow();
        dialog.setOnShown(chain(dialog.getOnShown(), () -> Platform.runLater(() -> place(window, parent))));
        guard(main.get());
        open.forEach(this::guard);
        guard(window);
        open.push(window);
        try {
            return dialog.showAndWait();
        } finally {
            open.remove(window);
        }
    }

    private static EventHandler<DialogEvent> chain(
            EventHandler<DialogEvent> first, Runnable then) {
        return e -> {
            if (first != null) {
                first.handle(e);
            }
            then.run();
        };
    }

    /** Sizes {@code window} to its scene, within the screen, and centres it on {@code parent}. */
    static void place(Window window, Window parent) {
        if (!window.isShowing()) {
            return;
        }
        Rectangle2D screen = screenOf(parent != null && parent.isShowing() ? parent : window);
        // The content gives way on a small screen (1024x600): its own scroll bars and split panes take the rest.
        // Inline, because the theme's stylesheets outrank a value set in code; room is left for the frame.
        Parent root = window.getScene().getRoot();
        root.setStyle("-fx-max-width: " + Math.floor(screen.getWidth() - FRAME) + "px; -fx-max-height: "
                + Math.floor(screen.getHeight() - FRAME) + "px;");
        root.applyCss();
        window.sizeToScene();
        // sizeToScene alone is not enough: a window the window manager has already given a size (openbox, the
        // first configure of a loaded desktop) keeps that size, and the failure dialog opened at its least height
        // with its closing hint below the fold. The content's preferred size, within the screen, is set outright.
        Scene scene = window.getScene();
        double frameWidth = clamp(window.getWidth() - scene.getWidth(), 0, FRAME);
        double frameHeight = clamp(window.getHeight() - scene.getHeight(), 0, FRAME);
        double contentWidth = Math.min(bounded(root.prefWidth(-1), root.minWidth(-1), root.maxWidth(-1)),
                screen.getWidth() - FRAME);
        double contentHeight = Math.min(bounded(root.prefHeight(contentWidth), root.minHeight(contentWidth),
                root.maxHeight(contentWidth)), screen.getHeight() - FRAME);
        double width = Math.min(contentWidth + frameWidth, screen.getWidth());
        double height = Math.min(contentHeight + frameHeight, screen.getHeight());
        window.setWidth(width);
        window.setHeight(height);
        double x;
        double y;
        if (parent != null && parent.isShowing() && parent.getWidth() > 0) {
            x = parent.getX() + (parent.getWidth() - width) / 2;
            y = parent.getY() + (parent.getHeight() - height) / 3;
        } else {
            x = screen.getMinX() + (screen.getWidth() - width) / 2;
            y = screen.getMinY() + (screen.getHeight() - height) / 3;
        }
        window.setX(clamp(x, screen.getMinX(), screen.getMaxX() - width));
        window.setY(clamp(y, screen.getMinY(), screen.getMaxY() - height));
    }

    /** A size as a layout gives it: the preferred, at least the least and at most the most. */
    private static double bounded(double pref, double min, double max) {
        return Math.max(min, Math.min(pref, max));
    }

    private static double clamp(double v, double min, double max) {
        return Math.max(min, Math.min(v, Math.max(min, max)));
    }

    private static Rectangle2D screenOf(Window w) {
        return Screen.getScreensForRectangle(w.getX(), w.getY(), Math.max(1, w.getWidth()), Math.max(1, w.getHeight()))
                .stream().findFirst().orElse(Screen.getPrimary()).getVisualBounds();
    }

    /** Lets {@code w} take input only while it is the topmost open dialog, or no dialog is open. */
    private void guard(Window w) {
        if (w == null || !guarded.add(w)) {
            return;
        }
        w.addEventFilter(InputEvent.ANY, e -> {
            Window top = open.peek();
            if (top != null && top != w) {
                e.consume();
                if (e.getEventType() == MouseEvent.MOUSE_PRESSED) {
                    top.requestFocus();
                }
            }
        });
        w.addEventFilter(WindowEvent.WINDOW_CLOSE_REQUEST, e -> {
            Window top = open.peek();
            if (top != null && top != w) {
                e.consume();
                top.requestFocus();
            }
        });
    }
}
