package io.hookdesk.save;

import io.hookdesk.db.schema.Catalog;
import io.hookdesk.db.store.RecordStore;
import io.hookdesk.hook.HookEnvironment;
import io.hookdesk.model.ColumnMeta;
import io.hookdesk.model.HookedTable;
import io.hookdesk.model.InvalidValueException;
import io.hookdesk.model.Operation;
import io.hookdesk.model.TableMeta;
import io.hookdesk.model.TableUnavailableException;
import io.hookdesk.model.ValueParser;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A save request's values, parsed once at the edge and judged before anything is written: by HookDesk (the columns,
 * their grants, their types, what a hook can be given) and by the server's own casts (an address, an enum label, a
 * domain's CHECK), so that one refusal names every wrong field.
 */
final class RequestValues {

    private static final Logger LOG = LoggerFactory.getLogger(RequestValues.class);

    private final DSLContext dsl;
    private final RecordStore store;

    RequestValues(DSLContext dsl, RecordStore store) {
        this.dsl = dsl;
        this.store = store;
    }

    Map<String, String> check(SaveRequest request) {
        try {
            parse(request);
            return Map.of();
        } catch (InvalidInput e) {
            return Collections.unmodifiableMap(e.errors);
        } catch (TableUnavailableException e) {
            return Map.of("table", e.getMessage());
        }
    }

    /**
     * The request's values as the columns take them, or {@link InvalidInput} naming every wrong field; a table that is
     * not there throws {@link TableUnavailableException}.
     */
    Map<String, Object> parse(SaveRequest request) {
        return parse(store.tables().meta(request.table()), request);
    }

    /**
     * The request's values as the columns take them, or {@link InvalidInput} naming every field that is wrong: what
     * HookDesk parses itself, then what the server must judge ({@link #serverRefusals}) for the values that parsed.
     */
    private Map<String, Object> parse(TableMeta meta, SaveRequest request) {
        if (request.number() != null) {
            keyInRange(meta, request.number());
        }
        Map<String, Object> values;
        try {
            values = parseHere(meta, store.tables().columnGrants(request.table()), request);
        } catch (InvalidInput e) {
            Map<String, Object> parsed = new LinkedHashMap<>(e.parsed);
            Map<String, String> errors = new LinkedHashMap<>(e.errors);
            parsed.keySet().removeAll(errors.keySet());
            serverRefusals(request.table(), parsed).forEach(errors::putIfAbsent);
            throw new InvalidInput(errors);
        }
        Map<String, String> refused = serverRefusals(request.table(), values);
        if (!refused.isEmpty()) {
            throw new InvalidInput(refused);
        }
        return values;
    }

    /**
     * Refuses a record number its table's key column cannot hold (4294967338 for an {@code integer} number), naming the
     * column, before any statement: PostgreSQL would compare it and answer "not found", which is not the CSR's mistake.
     */
    static void keyInRange(TableMeta meta, long number) {
        Optional<ColumnMeta> key = meta.column("number");
        if (key.isEmpty()) {
            return;
        }
        try {
            ValueParser.parse(key.get(), Long.toString(number));
        } catch (InvalidValueException e) {
            String problem = e.problem();
            throw new InvalidInput(Map.of("number", number + " is outside the range of " + meta.table() + ".number ("
                    + key.get().sqlType() + "): it " + problem));
        }
    }

    private static Map<String, Object> parseHere(TableMeta meta, Catalog.ColumnGrants grants, SaveRequest request) {
        Map<String, Object> values = new LinkedHashMap<>();
        Map<String, String> errors = new LinkedHashMap<>();
        request.changes().forEach((column, text) -> {
            Optional<ColumnMeta> c = meta.column(column);
            // Refused before any statement, by the column's grants as the catalogue read them at connect.
            if (grants.unreadable().contains(column)) {
                errors.put(column, "your login may not read or change " + meta.table() + "." + column + " (its column grants leave it out)");
            } else if (c.isPresent() && (request.operation() == Operation.CREATE ? grants.notInsertable() : grants.notUpdatable())
                    .contains(column)) {
                errors.put(column, "your login may not " + (request.operation() == Operation.CREATE ? "set " : "change ")
                        + meta.table() + "." + column + " (its column grants do not allow it)");
            } else if (c.isEmpty()) {
                errors.put(column, meta.table() + " has no column '" + column + "'");
            } else if (!c.get().writable()) {
                errors.put(column, c.get().notWritableReason());
            } else {
                int bytes = HookEnvironment.variableBytes("NEW_" + column, text == null ? "" : text);
                if (bytes > HookEnvironment.MAX_VARIABLE_BYTES) {
                    errors.put(column, tooLongForAHook(bytes));
                    return;
                }
                try {
                    values.put(column, ValueParser.parse(c.get(), text));
                } catch (InvalidValueException e) {
                    errors.put(column, e.problem());
                }
            }
        });
        if (request.operation() == Operation.CREATE) {
            meta.columns().stream().filter(ColumnMeta::required)
                    .filter(c -> !values.containsKey(c.name()) && !errors.containsKey(c.name()))
                    .forEach(c -> errors.put(c.name(), "a value is required"));
        }
        CsrLabel.problem(request.csr()).ifPresent(problem -> errors.put("csr", "the CSR label " + problem));
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors, values);
        }
        return values;
    }

    /**
     * The values the server refuses ({@code CAST(? AS type)}: an address, an enum label, a date, a domain's CHECK),
     * asked before the transaction, so the refusal names its field and nothing is written.
     */
    private Map<String, String> serverRefusals(HookedTable table, Map<String, Object> values) {
        Map<String, String> refused = new LinkedHashMap<>();
        try {
            store.serverCheck(dsl, table, values).forEach((column, v) -> {
                if (v.refusal() != null) {
                    refused.put(column, v.refusal());
                }
            });
        } catch (RuntimeException e) {
            // The server could not be asked at all: the save itself will meet the same problem and say so.
            LOG.debug("could not check values of {} with the server", table, e);
        }
        return refused;
    }

    static String tooLongForAHook(int bytes) {
        return String.format(Locale.ROOT, "is %,d bytes as a hook environment variable; the kernel passes at most "
                + "%,d bytes (128 KiB) in one", bytes, HookEnvironment.MAX_VARIABLE_BYTES);
    }


    static final class InvalidInput extends RuntimeException {
        final Map<String, String> errors;
        /** The values that did parse, for the server to judge too, so one answer names every wrong field. */
        final Map<String, Object> parsed;

        InvalidInput(Map<String, String> errors) {
            this(errors, Map.of());
        }

        InvalidInput(Map<String, String> errors, Map<String, Object> parsed) {
            super(errors.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue())
                    .reduce((x, y) -> x + "; " + y).orElse("invalid input"));
            this.errors = errors;
            this.parsed = parsed;
        }
    }
}
