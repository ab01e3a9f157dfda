package io.hookdesk.model;

/**
 * A hooked table HookDesk cannot work on in the connected database: it is missing, or has no single-column primary
 * key {@code number}. The message says which and why, in words a CSR or an operator can act on.
 */
public final class TableUnavailableException extends RuntimeException {

    private final HookedTable table;

    public TableUnavailableException(HookedTable table, String reason) {
        super(reason);
        this.table = table;
    }

    public HookedTable table() {
        return table;
    }
}
