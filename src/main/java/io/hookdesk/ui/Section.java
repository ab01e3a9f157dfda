package io.hookdesk.ui;

import io.hookdesk.model.HookedTable;

/** The entries of the navigation on the left: one per hooked table CSRs look things up in, and the hook runs. */
public enum Section {
    ACCOUNTS(HookedTable.ACCOUNT, "Accounts", "fth-briefcase"),
    USERS(HookedTable.USER, "Users", "fth-user"),
    SERVICES(HookedTable.SERVICE, "Services", "fth-wifi"),
    TICKETS(HookedTable.TICKET, "Tickets", "fth-tag"),
    QUEUES(HookedTable.QUEUE, "Queues", "fth-layers"),
    MESSAGES(HookedTable.MESSAGE, "Messages", "fth-mail"),
    PAYMENTS(HookedTable.PAYHIST, "Payments", "fth-dollar-sign"),
    ELECTRONIC_PAYMENTS(HookedTable.EFPSTATE, "Electronic payments", "fth-credit-card"),
    PROCESSOR_DATA(HookedTable.EFPDATA, "Processor data", "fth-file-text"),
    DATA_CALLS(HookedTable.DATACALL, "Data calls", "fth-activity"),
    HOOK_RUNS(null, "Hook runs", "fth-terminal");

    private final HookedTable table;
    private final String label;
    private final String icon;

    Section(HookedTable table, String label, String icon) {
        this.table = table;
        this.label = label;
        this.icon = icon;
    }

    /** The table searched here, or null for the hook runs. */
    public HookedTable table() {
        return table;
    }

    public String label() {
        return label;
    }

    public String icon() {
        return icon;
    }

    public static Section of(HookedTable table) {
        for (Section s : values()) {
            if (s.table == table) {
                return s;
            }
        }
        throw new IllegalArgumentException("no section for " + table);
    }
}
