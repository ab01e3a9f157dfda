package io.hookdesk.ui.dialogs;

import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.TextInputControl;

/**
 * Puts the cursor back in a field after something took it away for a while (a save's cover, a dialog): the field gets
 * the focus again with its caret where it was and nothing selected. JavaFX selects a text field's whole text when it
 * gets the focus other than by a click, so the CSR's next letter replaced what the field held.
 */
public final class CursorReturn {

    private CursorReturn() {
    }

    /** Where the caret is in {@code node} now (to give {@link #to} later), or -1 for anything but a text field. */
    public static int caretOf(Node node) {
        return node instanceof TextInputControl t ? t.getCaretPosition() : -1;
    }

    /**
     * Gives {@code node} the focus back; a text field gets its caret at {@code caret} (as {@link #caretOf} read it
     * before the cursor went away: the saved values put back in the meantime moved it to the start) and selects
     * nothing.
     */
    public static void to(Node node, int caret) {
        if (node == null || node.getScene() == null) {
            return;
        }
        node.requestFocus();
        if (node instanceof TextInputControl t) {
            keepCaret(t, caret);
            // The skin may select on the next pulse rather than at once.
            Platform.runLater(() -> {
                if (t.isFocused()) {
                    keepCaret(t, caret);
                }
            });
        }
    }

    private static void keepCaret(TextInputControl t, int caret) {
        t.deselect();
        t.positionCaret(caret < 0 ? t.getLength() : Math.min(caret, t.getLength()));
    }
}
