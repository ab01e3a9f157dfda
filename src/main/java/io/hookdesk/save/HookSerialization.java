package io.hookdesk.save;

import java.util.Locale;

/**
 * How runs of one hook are kept from overlapping ({@code hook.serialize}). BillMax's runhook runs one hook at a time
 * across the whole system; with many workstations on one server only the database can see them all.
 */
public enum HookSerialization {
    /**
     * One run of each hook at a time across every workstation on the server: a transaction-scoped PostgreSQL advisory
     * lock per hook, held until the save commits or rolls back. The default on an external server.
     */
    DATABASE,
    /** One run of each hook at a time within this HookDesk process only. The default on the embedded database. */
    PROCESS,
    /** Runs of one hook may overlap (hooks that serialise themselves). */
    NONE;

    /** The setting's value, e.g. {@code database}; refuses anything else, naming the choices. */
    public static HookSerialization parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("hook.serialize '" + text + "' is not one of database, process, none", e);
        }
    }
}
