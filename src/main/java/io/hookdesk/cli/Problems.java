package io.hookdesk.cli;

import io.hookdesk.model.TableMeta;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** Bad input as operators read it: each problem names its column, and a mistyped column gets a suggestion. */
final class Problems {

    private Problems() {
    }

    /** {@code "state: 'x' is not a whole number; stat: service has no column 'stat' (did you mean state?)"}. */
    static String describe(TableMeta meta, Map<String, String> errors) {
        return errors.entrySet().stream()
                .map(e -> e.getKey() + ": " + e.getValue() + suggestion(meta, e.getKey(), e.getValue()))
                .collect(Collectors.joining("; "));
    }

    private static String suggestion(TableMeta meta, String column, String problem) {
        if (meta == null || meta.column(column).isPresent() || !problem.contains("has no column")) {
            return "";
        }
        List<String> close = meta.columnNames().stream()
                .filter(c -> distance(c, column.toLowerCase(Locale.ROOT)) <= Math.max(1, column.length() / 4))
                .sorted(Comparator.comparingInt(c -> distance(c, column)))
                .limit(3)
                .toList();
        return close.isEmpty() ? "" : " (did you mean " + String.join(" or ", close) + "?)";
    }

    /** Levenshtein distance; column names are short. */
    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
