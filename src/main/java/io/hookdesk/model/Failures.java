package io.hookdesk.model;

import java.net.ConnectException;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;

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

    /**
     * Whether {@code e} says the database could not be reached (no connection to be had, or the connection was lost
     * mid-statement), as opposed to a database that answered a statement and refused it: the pool could not
     * connect, a refused or reset socket, SQLState class 08 (connection exception) or 57P01-57P03 (the server shut
     * down or is starting).
     */
    public static boolean unreachable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            // The pool's timeout counts when its attempts to connect failed (their failure is its cause: refused,
            // not accepting connections, login refused); without a cause it is a pool whose connections are all busy.
            if (t instanceof SQLTransientConnectionException && t.getCause() != null
                    || t instanceof SQLNonTransientConnectionException
                    || t instanceof ConnectException || t instanceof SocketException
                    || t instanceof UnknownHostException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().matches("57P0[123]"))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether {@code e} is this process's own pool having no free connection in time (all held by its other work: a
     * save whose hook runs, a search), not the database failing to answer: the pool's timeout without a cause.
     */
    public static boolean poolBusy(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLTransientConnectionException && t.getCause() == null) {
                return true;
            }
        }
        return false;
    }

    /**
     * For a person: "the database cannot be reached (Connection refused)" when it could not be reached, else the root
     * message. Never the pool's own wording ("Error getting connection from data source HikariDataSource…").
     */
    public static String forPerson(Throwable e) {
        return unreachable(e) ? "the database cannot be reached (" + rootMessage(e) + ")" : rootMessage(e);
    }

    private static String describe(Throwable t) {
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage().replaceAll("\\s+", " ").trim();
    }
}
