package io.hookdesk.model;

/** What to tell a person about an exception, on one line: PostgreSQL's errors span several. */
public final class Failures {

    private Failures() {
    }

    /** The deepest cause's message, which is where the real reason is, or its class name when it has none. */
    public static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return describe(t);
    }

    /**
     * The outermost message there is: for exceptions HookDesk throws with a sentence for people, which already names
     * the root cause and says what to check.
     */
    public static String firstMessage(Throwable e) {
        Throwable t = e;
        while (t.getMessage() == null && t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return describe(t);
    }

    private static String describe(Throwable t) {
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage().replaceAll("\\s+", " ").trim();
    }
}
