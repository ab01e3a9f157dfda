package io.hookdesk.cli;

import io.hookdesk.model.HookedTable;
import io.hookdesk.model.Origin;
import io.hookdesk.save.SaveRequest;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * One line of an {@code apply --file}: {@code {"table":"service","number":42,"set":{"state":"2"},"csr":"batch"}} or
 * {@code {"table":"service","new":true,"set":{...}}}, optionally {@code "expectedVersion"}. Set values are text as
 * typed in a form; a JSON number stands for its digits, {@code true}/{@code false} for 1/0, {@code null} for empty.
 *
 * <p>{@code "settle": N} marks a line an earlier run ended "commit failed after hook" (its hook provisioned, and the
 * database was lost before it said whether the change committed; {@code N} is the record the change was written to,
 * for a create the number it was given): the rerun first looks whether the change is in the database already
 * ({@link BatchApply}), and then neither applies it again nor runs its hook again.
 */
final class ChangeLine {

    private static final Set<String> KEYS = Set.of("table", "number", "new", "set", "csr", "expectedVersion", "settle");

    /** A line's request, and the record a change of unknown outcome was written to ({@code "settle"}), or null. */
    record Change(SaveRequest request, Long settles) {
    }

    private ChangeLine() {
    }

    /** The save request a line asks for; {@link JsonLine.Malformed} or {@link CliException} (bad input) if none. */
    static SaveRequest parse(String line, String defaultCsr) {
        return change(line, defaultCsr).request();
    }

    /** The same, with the line's {@code "settle"}. */
    static Change change(String line, String defaultCsr) {
        Map<String, Object> json = JsonLine.parse(line);
        for (String key : json.keySet()) {
            if (!KEYS.contains(key)) {
                throw CliException.badInput("unknown key \"" + key + "\"; the keys are table, number, new, set, csr, "
                        + "expectedVersion, settle");
            }
        }
        if (!(json.get("table") instanceof String name)) {
            throw CliException.badInput(json.containsKey("table") ? "\"table\" must be a string" : "missing \"table\"");
        }
        HookedTable table = HookedTable.bySqlName(name).orElseThrow(() -> CliException.badInput(TableNames.unknown(name)));
        if (!(json.getOrDefault("new", Boolean.FALSE) instanceof Boolean create)) {
            throw CliException.badInput("\"new\" must be true or false");
        }
        Long number = json.containsKey("number") ? integer(json, "number") : null;
        if (create == (number != null)) {
            throw CliException.badInput(create ? "give either \"number\" or \"new\": true, not both"
                    : "missing \"number\" (the record to update) or \"new\": true (create one)");
        }
        if (number != null && number < 1) {
            throw CliException.badInput("\"number\" " + number + " is not a record number");
        }
        Long expected = json.containsKey("expectedVersion") ? integer(json, "expectedVersion") : null;
        if (expected != null && create) {
            throw CliException.badInput("\"expectedVersion\" only applies to an update");
        }
        Object csr = json.getOrDefault("csr", defaultCsr);
        if (!(csr instanceof String who)) {
            throw CliException.badInput("\"csr\" must be a string");
        }
        Long settles = json.containsKey("settle") ? integer(json, "settle") : null;
        if (settles != null && number != null && !settles.equals(number)) {
            throw CliException.badInput("\"settle\" " + settles + " is not the line's \"number\" " + number
                    + ": an update settles the record it changes");
        }
        Map<String, String> set = set(json.get("set"));
        return new Change(create ? SaveRequest.create(table, set, Origin.COMMAND_LINE, who)
                : SaveRequest.update(table, number, set, expected, Origin.COMMAND_LINE, who), settles);
    }

    private static Long integer(Map<String, Object> json, String key) {
        if (json.get(key) instanceof JsonLine.Number n && n.text().matches("-?\\d{1,19}")) {
            try {
                return Long.parseLong(n.text());
            } catch (NumberFormatException tooLarge) {
                throw CliException.badInput("\"" + key + "\" is " + n.text() + ", beyond the largest record number, "
                        + Long.MAX_VALUE);
            }
        }
        throw CliException.badInput("\"" + key + "\" must be a whole number");
    }

    private static Map<String, String> set(Object value) {
        Map<String, String> set = new LinkedHashMap<>();
        if (value == null) {
            return set;
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw CliException.badInput("\"set\" must be an object of column: value");
        }
        map.forEach((column, v) -> set.put((String) column, text((String) column, v)));
        return set;
    }

    private static String text(String column, Object v) {
        if (v instanceof String s) {
            return s;
        } else if (v instanceof JsonLine.Number n) {
            return n.text();
        } else if (v instanceof Boolean b) {
            return b ? "1" : "0";
        } else if (v == JsonLine.NULL) {
            return "";
        }
        throw CliException.badInput("set." + column + ": must be a string, number, true, false or null");
    }
}
