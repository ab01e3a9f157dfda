package io.hookdesk.model;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * BillMax's states of accounts, users and services (0 Open, 1 Closed, 2 Suspended, 3 Waiting for Payment,
 * 5 Prospective), and what stands for one of them in a column of this database: the code itself where the column is
 * a whole number, and where it is an enum the label the operator mapped to it ({@code state.labels}) or, unmapped, the
 * label that is BillMax's word in any case ({@code open} for Open). Anything else is refused with what to set.
 */
public final class ServiceStates {

    public static final int OPEN = 0;

    private static final Map<Integer, String> WORDS = new LinkedHashMap<>();

    static {
        WORDS.put(0, "Open");
        WORDS.put(1, "Closed");
        WORDS.put(2, "Suspended");
        WORDS.put(3, "Waiting for Payment");
        WORDS.put(5, "Prospective");
    }

    private ServiceStates() {
    }

    /** BillMax's code of {@code state}, given as the code ({@code 2}) or the word in any case ({@code suspended}). */
    public static Integer codeOf(String state) {
        String s = state.trim();
        for (Map.Entry<Integer, String> e : WORDS.entrySet()) {
            if (e.getKey().toString().equals(s) || e.getValue().equalsIgnoreCase(s)) {
                return e.getKey();
            }
        }
        return null;
    }

    /** {@code 0 Open, 1 Closed, ...} for messages. */
    public static String describe() {
        return WORDS.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "));
    }

    /**
     * The text that stands for BillMax's state {@code code} in {@code column} (a state column of this database), as
     * stored: {@code "0"} in a whole-number column, the mapped or matching label in an enum.
     *
     * @throws IllegalStateException naming the column, its labels and the setting to make, when no label stands for it
     */
    public static String stored(HookedTable table, ColumnMeta column, ValueSettings settings, int code) {
        if (column.kind() != ColumnKind.ENUM) {
            return Integer.toString(code);
        }
        String mapped = settings.stateLabels().get(code);
        if (mapped != null) {
            if (!column.labels().contains(mapped)) {
                throw new IllegalStateException("state.labels maps " + code + " " + WORDS.get(code) + " to '" + mapped
                        + "', which is not a label of " + table.sqlName() + "." + column.name() + " (" + column.sqlType()
                        + ": " + String.join(", ", column.labels()) + ")");
            }
            return mapped;
        }
        String word = WORDS.get(code);
        for (String label : column.labels()) {
            if (word != null && label.toLowerCase(Locale.ROOT).equals(word.toLowerCase(Locale.ROOT))) {
                return label;
            }
        }
        throw new IllegalStateException(table.sqlName() + "." + column.name() + " is the enum " + column.sqlType() + " ("
                + String.join(", ", column.labels()) + ") and none of its labels is BillMax's state " + code + " " + word
                + ": say which one is in the setting state.labels, e.g. state.labels=" + code + ":"
                + (column.labels().isEmpty() ? "label" : column.labels().get(0)));
    }

    /**
     * BillMax's state code of {@code value} as read from {@code column} (a number, or an enum's label as the operator
     * mapped it), or null when it stands for none of them.
     */
    public static Integer codeOfStored(HookedTable table, ColumnMeta column, ValueSettings settings, Object value) {
        if (value == null) {
            return null;
        }
        String text = value instanceof Number n ? Long.toString(n.longValue()) : value.toString();
        for (Integer code : WORDS.keySet()) {
            try {
                if (stored(table, column, settings, code).equals(text)) {
                    return code;
                }
            } catch (IllegalStateException unmapped) {
                // this state has no label in this enum: the value is not it
            }
        }
        return null;
    }

    /** BillMax's word for state {@code code} ({@code Suspended}), or the code itself for one it does not name. */
    public static String word(Integer code) {
        return code == null ? "unknown" : WORDS.getOrDefault(code, code.toString());
    }

    /** BillMax's states none of whose labels this enum column has (for {@code db check}); empty for other columns. */
    public static Map<Integer, String> unmapped(HookedTable table, ColumnMeta column, ValueSettings settings) {
        Map<Integer, String> out = new LinkedHashMap<>();
        if (column.kind() != ColumnKind.ENUM) {
            return out;
        }
        for (Map.Entry<Integer, String> e : WORDS.entrySet()) {
            try {
                stored(table, column, settings, e.getKey());
            } catch (IllegalStateException problem) {
                out.put(e.getKey(), e.getValue());
            }
        }
        return out;
    }
}
