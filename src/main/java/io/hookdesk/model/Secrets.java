package io.hookdesk.model;

import java.util.Locale;
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
     * A documented secret column, or any column whose name says it holds a password, a secret, a PIN, a token or a
     * key ({@code x_wifi_password}, {@code radius_secret}, {@code portal_pin}, {@code api_key}): a column BillMax does not document but an ISP added is masked
     * by its name, since HookDesk cannot know more of it.
     */
    public static boolean isSecret(HookedTable table, String column) {
        if (COLUMNS.getOrDefault(table, Set.of()).contains(column)) {
            return true;
        }
        String name = column.toLowerCase(Locale.ROOT);
        if (name.contains("pass") || name.contains("secret")) {
            return true;
        }
        // pin, token, key and apikey only as a whole part of the name (parts split at '_', '-', '.', digits and
        // camelCase humps): x_wifi_pin, auth_token, apiKey, ssh_key2 are masked; keyword, monkey, pinned, tokenizer
        // and turnkey are not, since a part must be the word itself (or its plural).
        for (String part : column.split("[_\\-.\\s0-9]+|(?<=[a-z])(?=[A-Z])")) {
            if (SECRET_WORDS.contains(part.toLowerCase(Locale.ROOT))) {
                return true;
            }
        }
        return false;
    }

    /** Name parts that mark a secret wherever they stand in a column's name. */
    private static final Set<String> SECRET_WORDS = Set.of("pin", "pins", "token", "tokens", "key", "keys", "apikey",
            "apikeys");
}
