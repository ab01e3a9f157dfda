package io.hookdesk.model;

/** The kinds of value a column holds, as far as forms, parsing and the hook environment care. */
public enum ColumnKind {
    TEXT, SMALLINT, INTEGER, BIGINT, DECIMAL, REAL, DOUBLE, BOOLEAN,
    /**
     * Dates, times and timestamps are carried as the text PostgreSQL writes for them ({@code infinity},
     * {@code 2021-03-28 02:30:00}, {@code 0001-01-01 00:00:00}), read through the column's output and written back
     * through the server's cast, so no workstation's time zone or calendar ever rewrites one.
     */
    DATE, TIME, TIMESTAMP, TIMESTAMPTZ,
    /** A label of the column's enum type: offered from the catalogue's labels, written by label through a cast. */
    ENUM,
    /**
     * A type PostgreSQL parses itself ({@code inet}, {@code cidr}, {@code macaddr}, {@code uuid}, {@code json},
     * {@code jsonb}, arrays of text or numbers): carried in the type's output form, written through the server's cast,
     * and an invalid text is refused by the server naming the field and the type.
     */
    SERVER_TEXT,
    /**
     * Any other PostgreSQL type (bytea, composite types, ranges, ...): shown and passed to hooks in PostgreSQL's
     * text form, never written by HookDesk.
     */
    OTHER;

    public boolean isNumeric() {
        return switch (this) {
            case SMALLINT, INTEGER, BIGINT, DECIMAL, REAL, DOUBLE -> true;
            default -> false;
        };
    }

    /** Whole numbers: the kinds BillMax keeps amounts in as cents. */
    public boolean isWholeNumber() {
        return this == SMALLINT || this == INTEGER || this == BIGINT;
    }

    /**
     * Values of this kind are the database's own text, read through the type's output function and written through
     * {@code CAST(? AS type)}; HookDesk never turns them into Java objects of its own.
     */
    public boolean textForm() {
        return switch (this) {
            case DATE, TIME, TIMESTAMP, TIMESTAMPTZ, ENUM, SERVER_TEXT -> true;
            default -> false;
        };
    }
}
