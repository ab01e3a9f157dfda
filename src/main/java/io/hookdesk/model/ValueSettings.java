package io.hookdesk.model;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What the operator says about the meaning of values, from {@code hookdesk.properties} or the environment:
 * <ul>
 *   <li>{@code db.time-zone} ({@code HOOKDESK_DB_TIME_ZONE}): the zone {@code timestamptz} values are written in, on
 *       every desk alike; null: the database's own setting (ALTER DATABASE/ROLE ... SET TimeZone), else the server's.</li>
 *   <li>{@code hook.ignore-columns} ({@code HOOKDESK_HOOK_IGNORE_COLUMNS}): columns that are not provisioning data,
 *       {@code column} for every table or {@code table.column}, comma-separated; a change of only these never runs
 *       a hook.</li>
 *   <li>{@code state.labels} ({@code HOOKDESK_STATE_LABELS}): where {@code service.state} is an enum, which label
 *       stands for which of BillMax's states, by code or word: {@code 0:open,2:suspended} or
 *       {@code Open:active,Suspended:on_hold}.</li>
 * </ul>
 */
public record ValueSettings(String timeZone, Set<String> ignoredColumns, Map<Integer, String> stateLabels) {

    public static final ValueSettings DEFAULT = new ValueSettings(null, Set.of(), Map.of());

    public ValueSettings {
        ignoredColumns = Set.copyOf(ignoredColumns);
        stateLabels = Map.copyOf(stateLabels);
    }

    /**
     * The settings from their texts (each may be null or blank: not set). A text that cannot mean anything is refused
     * naming the setting, so a typo never silently changes what a hook is given.
     */
    public static ValueSettings parse(String timeZone, String ignoreColumns, String stateLabels) {
        String zone = blank(timeZone) ? null : timeZone.trim();
        if (zone != null) {
            try {
                ZoneId.of(zone);
            } catch (DateTimeException e) {
                throw new IllegalArgumentException("db.time-zone: '" + zone + "' is not a time zone (give one such as "
                        + "UTC or Europe/Berlin)");
            }
        }
        Set<String> ignored = new LinkedHashSet<>();
        if (!blank(ignoreColumns)) {
            for (String part : ignoreColumns.split(",")) {
                String c = part.trim().toLowerCase(Locale.ROOT);
                if (c.isEmpty() || !c.matches("[a-z_][a-z0-9_$]*(\\.[a-z_][a-z0-9_$]*)?")) {
                    throw new IllegalArgumentException("hook.ignore-columns: '" + part.trim()
                            + "' is not a column or table.column");
                }
                ignored.add(c);
            }
        }
        Map<Integer, String> labels = new LinkedHashMap<>();
        if (!blank(stateLabels)) {
            for (String part : stateLabels.split(",")) {
                int colon = part.indexOf(':');
                if (colon <= 0 || colon == part.length() - 1) {
                    throw new IllegalArgumentException("state.labels: '" + part.trim() + "' is not STATE:label");
                }
                String state = part.substring(0, colon).trim();
                Integer code = ServiceStates.codeOf(state);
                if (code == null) {
                    throw new IllegalArgumentException("state.labels: '" + state + "' is not one of BillMax's states ("
                            + ServiceStates.describe() + ")");
                }
                labels.put(code, part.substring(colon + 1).trim());
            }
        }
        return new ValueSettings(zone, ignored, labels);
    }

    /** Whether the operator said a change of {@code column} of {@code table} is not provisioning data. */
    public boolean ignores(HookedTable table, String column) {
        String c = column.toLowerCase(Locale.ROOT);
        return ignoredColumns.contains(c) || ignoredColumns.contains(table.sqlName() + "." + c);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
