package io.hookdesk.save;

import io.hookdesk.model.HookedTable;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a constraint violation into the column it concerns and a sentence a CSR can act on.
 * Constraint names follow PostgreSQL's defaults: {@code <table>_<column>_check}, {@code _fkey}, {@code _key}.
 */
final class ConstraintMessages {

    private ConstraintMessages() {
    }

    /** The column and problem if {@code e} is a constraint violation, else empty. */
    static Optional<Map.Entry<String, String>> describe(HookedTable table, Throwable e) {
        PSQLException pg = find(e);
        if (pg == null || pg.getSQLState() == null || !pg.getSQLState().startsWith("23")) {
            return Optional.empty();
        }
        ServerErrorMessage m = pg.getServerErrorMessage();
        String constraint = m == null ? null : m.getConstraint();
        String column = m != null && m.getColumn() != null ? m.getColumn() : columnOf(table, constraint);
        String problem = switch (pg.getSQLState()) {
            case "23503" -> "refers to a record that does not exist" + detail(m);
            case "23505" -> "must be unique" + detail(m);
            case "23502" -> "a value is required";
            case "23514" -> "is not one of the allowed values (" + constraint + ")";
            default -> m == null ? pg.getMessage() : m.getMessage();
        };
        return Optional.of(Map.entry(column == null ? "record" : column, problem));
    }

    private static String detail(ServerErrorMessage m) {
        return m == null || m.getDetail() == null ? "" : ": " + m.getDetail();
    }

    private static String columnOf(HookedTable table, String constraint) {
        if (constraint == null) {
            return null;
        }
        String prefix = table.sqlName() + "_";
        String rest = constraint.startsWith(prefix) ? constraint.substring(prefix.length()) : constraint;
        return rest.replaceFirst("_(check|fkey|key|pkey)$", "");
    }

    private static PSQLException find(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof PSQLException p) {
                return p;
            }
            if (t instanceof SQLException s && s.getNextException() instanceof PSQLException p) {
                return p;
            }
        }
        return null;
    }
}
