package io.hookdesk.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code --set COLUMN=VALUE} options as the column-to-text map a save takes. The value is everything after the first
 * {@code =}, so it may itself contain {@code =}; {@code COLUMN=} sets the empty value (NULL for a nullable column).
 */
final class Changes {

    private Changes() {
    }

    static Map<String, String> parse(List<String> sets) {
        Map<String, String> changes = new LinkedHashMap<>();
        if (sets == null) {
            return changes;
        }
        for (String set : sets) {
            int eq = set.indexOf('=');
            if (eq <= 0) {
                throw CliException.badInput("--set '" + set + "': expected COLUMN=VALUE (COLUMN= for empty), nothing changed");
            }
            String column = set.substring(0, eq).trim();
            if (changes.containsKey(column)) {
                throw CliException.badInput("--set " + column + " is given twice; nothing changed");
            }
            changes.put(column, set.substring(eq + 1));
        }
        return changes;
    }
}
