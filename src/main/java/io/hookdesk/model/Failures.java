package io.hookdesk.model;

/** What to tell a person about an exception: the innermost cause's message, which is where the real reason is. */
public final class Failures {

    private Failures() {
    }

    /** The deepest cause's message, or its class name when it has none. */
    public static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
