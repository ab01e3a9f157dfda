package io.hookdesk.save;

import io.hookdesk.model.HookedTable;
import io.hookdesk.model.Operation;
import io.hookdesk.model.Origin;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One change a person (or automated processing) asks for. Values are text as typed, parsed by the save path
 * with {@link io.hookdesk.model.ValueParser} so the desktop and the command line accept exactly the same input.
 *
 * @param number          the record to update, or null to create one
 * @param changes         column to typed text; only these columns are written
 * @param expectedVersion the version the person loaded (null: do not check, e.g. a scripted {@code apply})
 */
public record SaveRequest(HookedTable table, Long number, Map<String, String> changes, Long expectedVersion,
                          Origin origin, String csr) {

    public SaveRequest {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(origin, "origin");
        changes = Collections.unmodifiableMap(new LinkedHashMap<>(changes));
        csr = csr == null ? "" : csr;
    }

    public static SaveRequest create(HookedTable table, Map<String, String> values, Origin origin, String csr) {
        return new SaveRequest(table, null, values, null, origin, csr);
    }

    public static SaveRequest update(HookedTable table, long number, Map<String, String> changes, Long expectedVersion,
                                     Origin origin, String csr) {
        return new SaveRequest(table, number, changes, expectedVersion, origin, csr);
    }

    public Operation operation() {
        return number == null ? Operation.CREATE : Operation.UPDATE;
    }

    /** A person is at the screen to read a failure (the desktop); otherwise failures go to the log file. */
    public boolean interactive() {
        return origin == Origin.DESKTOP;
    }
}
