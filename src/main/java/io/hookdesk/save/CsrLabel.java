package io.hookdesk.save;

import java.util.Optional;

/**
 * The name a person types as who they are (the connect dialog, {@code --csr}, a batch line's {@code "csr"}): a label
 * stored with each audit row beside the database login that actually saved ({@code db_user}), never a proof of
 * identity. Refused before anything is written when it could forge a line in a log or not fit its column.
 */
public final class CsrLabel {

    /** The width of {@code hookdesk.hook_run.csr}. */
    public static final int MAX_LENGTH = 100;

    private CsrLabel() {
    }

    /** Why {@code label} cannot be used, or empty if it can. */
    public static Optional<String> problem(String label) {
        if (label == null) {
            return Optional.empty();
        }
        if (label.codePoints().anyMatch(CsrLabel::forbidden)) {
            return Optional.of("must not contain control or formatting characters (line breaks, tabs, escapes)");
        }
        if (label.codePointCount(0, label.length()) > MAX_LENGTH) {
            return Optional.of("is " + label.codePointCount(0, label.length()) + " characters long; at most " + MAX_LENGTH);
        }
        return Optional.empty();
    }

    private static boolean forbidden(int cp) {
        int type = Character.getType(cp);
        return type == Character.CONTROL || type == Character.FORMAT || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR || type == Character.SURROGATE || type == Character.UNASSIGNED;
    }
}
