package io.hookdesk.model;

/** The kinds of value a column holds, as far as forms, parsing and the hook environment care. */
public enum ColumnKind {
    TEXT, SMALLINT, INTEGER, BIGINT, DECIMAL, REAL, DOUBLE, BOOLEAN, DATE, TIME, TIMESTAMP, TIMESTAMPTZ,
    /**
     * Any other PostgreSQL type (arrays, json, bytea, enums, domains, ...): shown and passed to hooks in PostgreSQL's
     * text form, never written by HookDesk.
     */
    OTHER;

    public boolean isNumeric() {
        return switch (this) {
            case SMALLINT, INTEGER, BIGINT, DECIMAL, REAL, DOUBLE -> true;
            default -> false;
        };
    }
}
