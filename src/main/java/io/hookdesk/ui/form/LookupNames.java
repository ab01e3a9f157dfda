package io.hookdesk.ui.form;

import io.hookdesk.model.HookedTable;
import io.hookdesk.model.Row;
import io.hookdesk.records.RecordService;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

/**
 * The names of the few product definitions and queues, so result lists say "Fiber 500" and "Support" where the
 * record holds 2 and 1. Read once when a database is opened (blocking: call it in the background).
 */
public final class LookupNames {

    private final Map<Lookup, Map<Long, String>> names;

    private LookupNames(Map<Lookup, Map<Long, String>> names) {
        this.names = names;
    }

    public static LookupNames none() {
        return new LookupNames(Map.of());
    }

    public static LookupNames load(RecordService records) {
        Map<Lookup, Map<Long, String>> names = new EnumMap<>(Lookup.class);
        names.put(Lookup.SERVDEF, index(records.serviceDefinitions(), "descr"));
        // A database without queues (or whose servdef has no descr) simply has no names to show.
        names.put(Lookup.QUEUE, records.unavailable(HookedTable.QUEUE).isPresent() ? Map.of()
                : index(records.search(HookedTable.QUEUE, "", "name", true, 0, 500).rows(), "name"));
        return new LookupNames(names);
    }

    private static Map<Long, String> index(Iterable<Row> rows, String column) {
        Map<Long, String> out = new HashMap<>();
        for (Row r : rows) {
            if (r.get(column) != null && r.integer("number") != null) {
                out.put(r.integer("number"), String.valueOf(r.get(column)));
            }
        }
        return out;
    }

    /** The name of {@code number} in {@code lookup}, or null if unknown. */
    public String name(Lookup lookup, Object number) {
        if (!(number instanceof Number n)) {
            return null;
        }
        return names.getOrDefault(lookup, Map.of()).get(n.longValue());
    }
}
