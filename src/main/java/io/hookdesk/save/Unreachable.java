package io.hookdesk.save;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;

/**
 * Whether a failure means the database cannot be reached, told by the exception's class and SQLSTATE, not by its
 * words: the pool could not hand out a connection ({@link SQLTransientConnectionException}), a connection failed or
 * was lost (class {@code 08}), or the server is shutting down or not yet accepting connections ({@code 57P01} to
 * {@code 57P03}). A batch stops at the first such line rather than wait out every remaining one.
 */
public final class Unreachable {

    private Unreachable() {
    }

    public static boolean is(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException) {
                return true;
            }
            if (t instanceof SQLException s && unreachable(s.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    private static boolean unreachable(String state) {
        return state != null && (state.startsWith("08") || state.equals("57P01") || state.equals("57P02")
                || state.equals("57P03"));
    }
}
