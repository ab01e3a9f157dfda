package io.hookdesk.hook;

import io.hookdesk.model.FireDecision;
import io.hookdesk.model.HookedTable;
import io.hookdesk.model.Operation;
import io.hookdesk.model.Origin;
import io.hookdesk.model.Row;
import io.hookdesk.model.ValueSettings;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * When a save runs its hook, declared in one place. BillMax does not run a hook for every change: renewals and
 * usage counters have no provisioning consequence, a service marked Do Not Provision is being resynchronised by hand,
 * and automated processing never provisions.
 */
public final class FirePolicy {

    /** Columns that change without anything to provision, per table. Bookkeeping stamps count for every table. */
    private static final Set<String> ALWAYS_IGNORED = Set.of("generation", "lastmodempl");
    private static final Map<HookedTable, Set<String>> NON_PROVISIONING = new EnumMap<>(HookedTable.class);

    static {
        NON_PROVISIONING.put(HookedTable.SERVICE, Set.of(
                "invdate", "invday", "invcnt", "tot_seconds", "prime_seconds", "cleardate",
                "bwreportdate", "nextusagedate", "tiervalue", "icnt", "cnt", "lcnt", "changetocnt"));
        NON_PROVISIONING.put(HookedTable.ACCOUNT, Set.of("balance", "finactivity", "ccdeclines", "ccnexttry"));
        NON_PROVISIONING.put(HookedTable.DATACALL, Set.of(
                "pktin", "pktout", "bytesin", "bytesout", "gigabytesin", "gigabytesout"));
    }

    private FirePolicy() {
    }

    public static Set<String> nonProvisioningColumns(HookedTable table) {
        return NON_PROVISIONING.getOrDefault(table, Set.of());
    }

    public static FireDecision decide(HookedTable table, Operation operation, Row oldRow, Row newRow, Origin origin) {
        return decide(table, operation, oldRow, newRow, origin, null, ValueSettings.DEFAULT);
    }

    /**
     * The decision for a save in which the CSR changed {@code typed} (null: every changed column counts as theirs, as
     * in a preview), under the operator's {@code settings}. A column the CSR did not touch that differs after the
     * write was changed by the database itself (a trigger's stamp such as {@code updated_at}): not provisioning data,
     * and neither is a column listed in {@code hook.ignore-columns}. Each is named with why in the decision.
     */
    public static FireDecision decide(HookedTable table, Operation operation, Row oldRow, Row newRow, Origin origin,
                                      Set<String> typed, ValueSettings settings) {
        // generation and lastmodempl are stamped by the database on every save: they say nothing about the change,
        // and whether generation moved depends only on the clock's second.
        List<String> changed = operation == Operation.UPDATE
                ? changedColumns(oldRow, newRow).stream().filter(c -> !ALWAYS_IGNORED.contains(c)).toList()
                : List.of();
        Map<String, String> notProvisioning = new LinkedHashMap<>();
        for (String c : changed) {
            if (nonProvisioningColumns(table).contains(c)) {
                notProvisioning.put(c, FireDecision.NO_CONSEQUENCE);
            } else if (settings.ignores(table, c)) {
                notProvisioning.put(c, "listed in hook.ignore-columns");
            } else if (typed != null && !typed.contains(c)) {
                notProvisioning.put(c, "changed by the database, not by this save");
            }
        }
        FireDecision decided = decideOn(table, operation, newRow, origin, changed, notProvisioning);
        return new FireDecision(decided.fire(), decided.reason(), changed, notProvisioning);
    }

    private static FireDecision decideOn(HookedTable table, Operation operation, Row newRow, Origin origin,
                                         List<String> changed, Map<String, String> notProvisioning) {
        if (!origin.isPerson()) {
            return new FireDecision(false, FireDecision.Reason.AUTOMATED, changed);
        }
        if (table == HookedTable.SERVICE && flagSet(newRow.get("donotprovision"))) {
            return new FireDecision(false, FireDecision.Reason.DO_NOT_PROVISION, changed);
        }
        if (operation == Operation.CREATE) {
            return new FireDecision(true, FireDecision.Reason.CREATED, changed);
        }
        if (changed.isEmpty()) {
            return new FireDecision(false, FireDecision.Reason.NOTHING_CHANGED, changed);
        }
        return changed.stream().anyMatch(c -> !notProvisioning.containsKey(c))
                ? new FireDecision(true, FireDecision.Reason.PROVISIONING_CHANGE, changed)
                : new FireDecision(false, FireDecision.Reason.ONLY_NON_PROVISIONING, changed);
    }

    /**
     * Whether a flag column is set, by its value, whatever type the ISP keeps it in: {@code true}, any non-zero
     * number (BillMax's own databases keep such flags as integers), or the text {@code 1}, {@code t}, {@code y},
     * {@code true}, {@code yes} (any case). NULL, zero, false and any other text are not set.
     */
    public static boolean flagSet(Object value) {
        if (value == null) {
            return false;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        if (value instanceof BigDecimal d) {
            return d.signum() != 0;
        }
        if (value instanceof Number n) {
            return n.doubleValue() != 0;
        }
        return switch (value.toString().trim().toLowerCase(Locale.ROOT)) {
            case "1", "t", "y", "true", "yes" -> true;
            default -> false;
        };
    }

    /** Of {@code changed}, the columns whose change has provisioning consequences (what makes the hook fire). */
    public static List<String> provisioningColumns(HookedTable table, List<String> changed) {
        Set<String> ignored = nonProvisioningColumns(table);
        return changed.stream().filter(c -> !ignored.contains(c) && !ALWAYS_IGNORED.contains(c)).toList();
    }

    /** Columns whose values differ between the two rows, in the new row's column order. */
    public static List<String> changedColumns(Row oldRow, Row newRow) {
        List<String> changed = new ArrayList<>();
        for (String column : newRow.columns()) {
            if (!sameValue(oldRow == null ? null : oldRow.get(column), newRow.get(column))) {
                changed.add(column);
            }
        }
        return changed;
    }

    private static boolean sameValue(Object a, Object b) {
        if (a instanceof BigDecimal x && b instanceof BigDecimal y) {
            return x.compareTo(y) == 0;
        }
        return Objects.equals(a, b);
    }
}
