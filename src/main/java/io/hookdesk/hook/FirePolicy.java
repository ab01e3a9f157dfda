package io.hookdesk.hook;

import io.hookdesk.model.HookedTable;
import io.hookdesk.model.Operation;
import io.hookdesk.model.Origin;
import io.hookdesk.model.Row;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
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
        // generation and lastmodempl are stamped by the database on every save: they say nothing about the change,
        // and whether generation moved depends only on the clock's second.
        List<String> changed = operation == Operation.UPDATE
                ? changedColumns(oldRow, newRow).stream().filter(c -> !ALWAYS_IGNORED.contains(c)).toList()
                : List.of();
        if (!origin.isPerson()) {
            return new FireDecision(false, FireDecision.Reason.AUTOMATED, changed);
        }
        if (table == HookedTable.SERVICE && Boolean.TRUE.equals(newRow.get("donotprovision"))) {
            return new FireDecision(false, FireDecision.Reason.DO_NOT_PROVISION, changed);
        }
        if (operation == Operation.CREATE) {
            return new FireDecision(true, FireDecision.Reason.CREATED, changed);
        }
        if (changed.isEmpty()) {
            return new FireDecision(false, FireDecision.Reason.NOTHING_CHANGED, changed);
        }
        return !provisioningColumns(table, changed).isEmpty()
                ? new FireDecision(true, FireDecision.Reason.PROVISIONING_CHANGE, changed)
                : new FireDecision(false, FireDecision.Reason.ONLY_NON_PROVISIONING, changed);
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
        if (a instanceof java.math.BigDecimal x && b instanceof java.math.BigDecimal y) {
            return x.compareTo(y) == 0;
        }
        return Objects.equals(a, b);
    }
}
