package io.hookdesk.model;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The ten BillMax tables whose creates and updates run a {@code <table>_hook}. */
public enum HookedTable {
    ACCOUNT("account"),
    USER("user"),
    SERVICE("service"),
    EFPSTATE("efpstate"),
    EFPDATA("efpdata"),
    PAYHIST("payhist"),
    QUEUE("queue"),
    TICKET("ticket"),
    MESSAGE("message"),
    DATACALL("datacall");

    private final String sqlName;

    HookedTable(String sqlName) {
        this.sqlName = sqlName;
    }

    /** The table's name in the database and in the hook's file name, e.g. {@code service}. */
    public String sqlName() {
        return sqlName;
    }

    /** The hook's file name, e.g. {@code service_hook}. */
    public String hookName() {
        return sqlName + "_hook";
    }

    /** The prefix this table's columns get when it appears as a related record, e.g. {@code ACCOUNT}. */
    public String envPrefix() {
        return sqlName.toUpperCase(Locale.ROOT);
    }

    public static Optional<HookedTable> bySqlName(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String wanted = name.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(t -> t.sqlName.equals(wanted)).findFirst();
    }

    @Override
    public String toString() {
        return sqlName;
    }
}
