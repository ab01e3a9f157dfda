package io.hookdesk.ui.form;

import io.hookdesk.model.ColumnMeta;
import io.hookdesk.model.HookStatus;
import io.hookdesk.model.HookedTable;
import io.hookdesk.model.InvalidValueException;
import io.hookdesk.model.Row;
import io.hookdesk.model.TableMeta;
import io.hookdesk.model.ValueParser;
import io.hookdesk.records.LoadedRecord;
import io.hookdesk.ui.connect.Session;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything a form reads before it can show a record, fetched together in the background: metadata, the record
 * (or a new record's defaults), its related records, the pick lists, and what the hooks directory holds.
 *
 * @param record  the loaded record, or null for a new one (or one that no longer exists)
 * @param base    the row the form starts from: the record's, or a new record's defaults (the prefill is typed on top)
 */
record FormData(TableMeta meta, LoadedRecord record, Row base, Map<String, Row> related,
                Map<Lookup, List<Row>> lookups, HookStatus hookStatus) {

    static FormData existing(Session session, HookedTable table, long number, boolean withLookups) {
        TableMeta meta = session.records().meta(table);
        Optional<LoadedRecord> rec = session.records().load(table, number);
        return new FormData(meta, rec.orElse(null), rec.map(LoadedRecord::row).orElse(null),
                rec.map(LoadedRecord::related).orElse(Map.of()),
                withLookups ? lookups(session) : Map.of(), session.saves().hookStatus(table));
    }

    static FormData fresh(Session session, HookedTable table, Map<String, String> prefill, boolean withLookups) {
        TableMeta meta = session.records().meta(table);
        Row defaults = session.records().defaults(table);
        Map<String, Object> values = new LinkedHashMap<>();
        for (ColumnMeta c : meta.columns()) {
            values.put(c.name(), defaults.get(c.name()));
        }
        Row base = Row.of(values);
        prefill.forEach((column, text) -> meta.column(column).ifPresent(c -> {
            try {
                values.put(column, ValueParser.parse(c, text));
            } catch (InvalidValueException e) {
                // the form shows the problem on the field; the related lookup just goes without it
            }
        }));
        return new FormData(meta, null, base, session.records().related(table, Row.of(values)),
                withLookups ? lookups(session) : Map.of(), session.saves().hookStatus(table));
    }

    private static Map<Lookup, List<Row>> lookups(Session session) {
        Map<Lookup, List<Row>> out = new EnumMap<>(Lookup.class);
        out.put(Lookup.SERVDEF, session.records().serviceDefinitions());
        out.put(Lookup.QUEUE, session.records().unavailable(HookedTable.QUEUE).isPresent() ? List.of()
                : session.records().search(HookedTable.QUEUE, "", "name", true, 0, 500).rows());
        return out;
    }
}
