package io.hookdesk.admin;

import io.hookdesk.db.schema.Tables;
import io.hookdesk.model.ColumnKind;
import io.hookdesk.model.ColumnMeta;
import io.hookdesk.model.DocumentedColumns;
import io.hookdesk.model.HookedTable;
import io.hookdesk.model.ServiceStates;
import io.hookdesk.model.ValueSettings;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What {@code db check} says about values: each known column whose type is not the one BillMax gives it, with what
 * HookDesk will do with it, and an enum state none of whose labels stands for one of BillMax's states.
 */
final class ValueChecks {

    /** Columns that name another record by its number, as BillMax documents them. */
    private static final Set<String> REFERENCES = Set.of("account", "user", "service", "servdef", "efpstate", "queue",
            "ticket", "payhist");
    /** BillMax's amounts: whole numbers (cents), or numeric in some installations. */
    private static final Set<String> AMOUNTS = Set.of("balance", "deposit", "amount", "ucash", "bankacct", "cdeposit",
            "price", "iprice", "lprice", "wdeposit", "wsetup");

    private ValueChecks() {
    }

    /** One line per finding, for the report and its list of limitations. */
    static List<String> findings(Tables tables, ValueSettings settings) {
        List<String> out = new ArrayList<>();
        for (HookedTable t : HookedTable.values()) {
            if (!tables.available(t)) {
                continue;
            }
            for (ColumnMeta c : tables.meta(t).columns()) {
                if (!DocumentedColumns.of(t).contains(c.name())) {
                    continue;
                }
                String finding = finding(t, c, settings);
                if (finding != null) {
                    out.add(t.sqlName() + "." + c.name() + " is " + c.sqlType() + ": " + finding);
                }
            }
        }
        return out;
    }

    private static String finding(HookedTable t, ColumnMeta c, ValueSettings settings) {
        String name = c.name();
        ColumnKind kind = c.kind();
        if ((name.equals("state") || name.equals("status")) && kind == ColumnKind.ENUM) {
            Map<Integer, String> unmapped = ServiceStates.unmapped(t, c, settings);
            if (name.equals("state") && unmapped.containsKey(ServiceStates.OPEN)) {
                return "an enum (" + String.join(", ", c.labels()) + ") without a label for BillMax's 0 Open: renew refuses "
                        + "until state.labels says which label it is (e.g. state.labels=Open:" + c.labels().get(0) + ")";
            }
            return "an enum: the form offers its labels, the hook gets the label"
                    + (unmapped.isEmpty() ? "" : "; no label stands for " + unmapped.entrySet().stream()
                    .map(e -> e.getKey() + " " + e.getValue()).toList() + " (state.labels)");
        }
        if (kind == ColumnKind.OTHER) {
            return "a type HookDesk shows and passes to hooks as PostgreSQL prints it, but never writes";
        }
        if ((name.equals("number") || REFERENCES.contains(name) || name.equals("state")) && !kind.isWholeNumber()) {
            return "BillMax keeps a whole number here; HookDesk reads and writes it as its type says";
        }
        if (AMOUNTS.contains(name) && kind == ColumnKind.DECIMAL) {
            return "an amount in currency (numeric), not BillMax's cents: shown, typed and passed as stored, rounded to its"
                    + " scale";
        }
        if (AMOUNTS.contains(name) && !kind.isNumeric()) {
            return "not a number: HookDesk shows and writes it as its type says, not as an amount";
        }
        if (name.equals("donotprovision") && kind != ColumnKind.BOOLEAN && !kind.isWholeNumber()) {
            return "Do Not Provision counts by value: true, a non-zero number, or 1/t/y/true/yes; anything else is not set";
        }
        return null;
    }
}
