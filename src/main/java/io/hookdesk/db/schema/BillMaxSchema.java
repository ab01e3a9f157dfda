package io.hookdesk.db.schema;

import io.hookdesk.model.HookedTable;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Which schema holds the BillMax tables, and why: the one the operator set ({@code db.schema}, {@code --db-schema},
 * {@code HOOKDESK_DB_SCHEMA}), else the one the catalogue shows holding the most of the ten hooked tables with BillMax's
 * key columns. Never the login's {@code search_path}: a web application's {@code public.account} (no BillMax columns)
 * does not count, and a CSR whose path lacks the billing schema works on the same tables as the administrator.
 *
 * @param name   the schema every statement on BillMax's tables is qualified with
 * @param reason why this one, for {@code db check}
 * @param others the other schemas holding BillMax tables, with how many, in order (for {@code db check}'s warning)
 */
public record BillMaxSchema(String name, String reason, Map<String, Integer> others) {

    /** Where HookDesk creates its demo tables, and what an empty database is worked on as. */
    public static final String DEFAULT = "public";

    /**
     * The columns besides {@code number} that make a table of that name one of BillMax's (its keys to its parents, or
     * the account's name): enough to tell it from a same-named table of another application.
     */
    static final Map<HookedTable, List<String>> KEY_COLUMNS = Map.of(
            HookedTable.ACCOUNT, List.of("number", "clname"),
            HookedTable.USER, List.of("number", "account"),
            HookedTable.SERVICE, List.of("number", "user"),
            HookedTable.EFPSTATE, List.of("number", "account"),
            HookedTable.EFPDATA, List.of("number", "efpstate"),
            HookedTable.PAYHIST, List.of("number", "account"),
            HookedTable.QUEUE, List.of("number", "name"),
            HookedTable.TICKET, List.of("number", "account"),
            HookedTable.MESSAGE, List.of("number", "ticket"),
            HookedTable.DATACALL, List.of("number", "service"));

    public BillMaxSchema {
        others = Map.copyOf(others);
    }

    /**
     * Chooses the schema. {@code counts}: for each schema that holds any, how many of the hooked tables with their key
     * columns it holds; {@code configured}: the operator's setting (null: none), {@code configuredExists} whether the
     * database has a schema of that name.
     *
     * @throws BillMaxSchemaException when the setting names no schema, or two schemas hold equally many tables
     */
    static BillMaxSchema choose(String configured, boolean configuredExists, Map<String, Integer> counts) {
        Map<String, Integer> ranked = counts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, LinkedHashMap::new));
        if (configured != null) {
            if (!configuredExists) {
                throw new BillMaxSchemaException("db.schema is " + configured + ", but this database has no schema "
                        + configured + (ranked.isEmpty() ? "" : " (BillMax tables are in " + describe(ranked) + ")")
                        + ". Nothing was changed.");
            }
            Map<String, Integer> others = new LinkedHashMap<>(ranked);
            int own = others.getOrDefault(configured, 0);
            others.remove(configured);
            return new BillMaxSchema(configured, "set by db.schema (--db-schema, HOOKDESK_DB_SCHEMA); it holds " + own
                    + " of the " + HookedTable.values().length + " hooked tables with BillMax's columns", others);
        }
        if (ranked.isEmpty()) {
            return new BillMaxSchema(DEFAULT, "no schema holds BillMax tables; " + DEFAULT + " is where HookDesk "
                    + "creates its demo tables", Map.of());
        }
        var entries = List.copyOf(ranked.entrySet());
        var best = entries.get(0);
        if (entries.size() > 1 && entries.get(1).getValue().equals(best.getValue())) {
            List<String> tied = entries.stream().filter(e -> e.getValue().equals(best.getValue())).map(Map.Entry::getKey).toList();
            throw new BillMaxSchemaException("more than one schema could hold the BillMax tables: " + String.join(" and ", tied)
                    + " each hold " + best.getValue() + " of the " + HookedTable.values().length + " hooked tables with "
                    + "BillMax's columns. Set db.schema (--db-schema, HOOKDESK_DB_SCHEMA) to the one HookDesk should use. "
                    + "Nothing was changed.");
        }
        Map<String, Integer> others = new LinkedHashMap<>(ranked);
        others.remove(best.getKey());
        return new BillMaxSchema(best.getKey(), "found in the catalogue: it holds " + best.getValue() + " of the "
                + HookedTable.values().length + " hooked tables with BillMax's columns"
                + (others.isEmpty() ? ", and no other schema holds any" : ", more than " + describe(others)), others);
    }

    private static String describe(Map<String, Integer> counts) {
        return counts.entrySet().stream().map(e -> e.getKey() + " (" + e.getValue() + ")").collect(Collectors.joining(", "));
    }

    /** The schema cannot be decided: the operator must set {@code db.schema}. Bad input, nothing changed. */
    public static final class BillMaxSchemaException extends IllegalArgumentException {
        BillMaxSchemaException(String message) {
            super(message);
        }
    }
}
