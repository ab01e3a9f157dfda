package io.hookdesk.model;

import java.util.Map;
import java.util.Set;

/**
 * Columns whose values are secrets: service passwords, card and bank data, portal passwords and identity checks.
 * They are masked wherever a person or a file could read them (logs, previews, audit rows), and are passed to a hook
 * only as the saved record's own columns, never as a related record's.
 */
public final class Secrets {

    /** What a masked value looks like. */
    public static final String MASK = "********";

    private static final Map<HookedTable, Set<String>> COLUMNS = Map.of(
            HookedTable.SERVICE, Set.of("d02", "plaintextpass"),
            HookedTable.ACCOUNT, Set.of(
                    "bacct", "bname", "brout", "bstate", "bcity",
                    "ccaddr", "cccity", "cccountry", "ccexp", "ccfname", "cclname", "ccname", "ccnum", "ccnumenc",
                    "ccpass", "ccphone", "ccpin", "ccstatename", "cctype", "cczip"),
            HookedTable.USER, Set.of("password", "custsecret", "dlnumber"));

    private Secrets() {
    }

    /**
     * A documented secret column, or any column whose name says it holds a password or a secret
     * ({@code x_wifi_password}, {@code radius_secret}): a column BillMax does not document but an ISP added is masked
     * by its name, since HookDesk cannot know more of it.
     */
    public static boolean isSecret(HookedTable table, String column) {
        if (COLUMNS.getOrDefault(table, Set.of()).contains(column)) {
            return true;
        }
        String name = column.toLowerCase(java.util.Locale.ROOT);
        return name.contains("pass") || name.contains("secret");
    }
}
