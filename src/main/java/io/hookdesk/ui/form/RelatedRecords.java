package io.hookdesk.ui.form;

import io.hookdesk.model.Failures;
import io.hookdesk.model.HookedTable;
import io.hookdesk.model.Relation;
import io.hookdesk.model.Relations;
import io.hookdesk.model.Row;
import io.hookdesk.ui.connect.Session;
import io.hookdesk.ui.dialogs.DialogService;
import io.hookdesk.ui.envpanel.EnvPanelViewModel;
import io.hookdesk.ui.search.SearchViewModel;
import io.hookdesk.ui.task.TaskExecutor;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A form's view of other records: the related records its hook receives (fetched again only when a key column such
 * as a service's user settles on a new value, never per keystroke), the names shown beside reference fields, the pick
 * lists, and the labels a product definition gives a service's d01..d10.
 */
final class RelatedRecords {

    private final HookedTable table;
    private final Session session;
    private final TaskExecutor executor;
    private final FormOverlays overlays;
    private final EnvPanelViewModel env;
    private final FormFields fields;
    private final DialogService dialogs;
    private final RecordOpener opener;
    private final Consumer<String> onError;
    private final Set<String> keyColumns = new HashSet<>();
    private final Map<String, Object> fetchedFor = new HashMap<>();
    private Map<Lookup, List<Row>> lookups = Map.of();
    private long generation;

    RelatedRecords(HookedTable table, Session session, TaskExecutor executor, FormOverlays overlays,
                   EnvPanelViewModel env, FormFields fields, DialogService dialogs,
                   RecordOpener opener, Consumer<String> onError) {
        this.dialogs = dialogs;
        this.opener = opener;
        this.table = table;
        this.session = session;
        this.executor = executor;
        this.overlays = overlays;
        this.env = env;
        this.fields = fields;
        this.onError = onError;
        for (Relation r : Relations.of(table)) {
            if (r.fromSavedRecord()) {
                keyColumns.add(r.column());
            }
        }
    }

    void setLookups(Map<Lookup, List<Row>> lists) {
        lookups = lists;
    }

    List<Choice> choices(Lookup lookup) {
        String labelColumn = lookup == Lookup.SERVDEF ? "descr" : "name";
        return lookups.getOrDefault(lookup, List.of()).stream()
                .map(r -> new Choice(r.integer("number"), String.valueOf(r.get(labelColumn)))).toList();
    }

    /** The related records in the environment panel now belong to {@code draft}'s keys. */
    void loaded(Map<String, Object> draft) {
        generation++;
        fetchedFor.clear();
        fetchedFor.putAll(keys(draft));
        describe();
        labelServiceFields(draft);
    }

    /** A field settled (focus left it, Enter, a pick): if it is a key with a new value, fetch again. */
    void committed(FieldViewModel f, Map<String, Object> draft) {
        if (keyColumns.contains(f.name()) && !f.unparsed() && !Objects.equals(f.value(), fetchedFor.get(f.name()))) {
            fetch(draft);
        }
    }

    /** Fetches the related records for {@code draft} in the background; a newer fetch wins. */
    void fetch(Map<String, Object> draft) {
        if (keyColumns.isEmpty()) {
            return;
        }
        long mine = ++generation;
        Row snapshot = Row.of(draft);
        Map<String, Object> keys = keys(draft);
        executor.execute("Looking up related records", () -> session.records().related(table, snapshot),
                related -> {
                    if (mine == generation) {
                        fetchedFor.clear();
                        fetchedFor.putAll(keys);
                        env.setRelated(related);
                        describe();
                    }
                },
                error -> onError.accept("Could not look up the related records: " + Failures.rootMessage(error)));
    }

    private Map<String, Object> keys(Map<String, Object> draft) {
        Map<String, Object> keys = new HashMap<>();
        keyColumns.forEach(k -> keys.put(k, draft.get(k)));
        return keys;
    }

    /** Beside a service's user: "Ada Lovelace (alovelace1)", or that there is no such user. */
    void describe() {
        for (Relation r : Relations.of(table)) {
            FieldViewModel f = r.fromSavedRecord() ? fields.get(r.column()) : null;
            if (f == null) {
                continue;
            }
            Row related = env.related().get(r.prefix());
            if (related != null) {
                f.setDescription(overlays.of(r.target()).describe(related));
            } else if (f.value() != null && !f.unparsed() && Objects.equals(f.value(), fetchedFor.get(f.name()))) {
                f.setDescription("no " + r.target() + " " + f.value());
            } else {
                f.setDescription("");
            }
        }
    }

    /** The search pop-up behind a reference field: the chosen record's number goes into the field. */
    void pick(FieldViewModel f) {
        HookedTable target = f.spec().reference();
        if (target == null) {
            return;
        }
        SearchViewModel search = new SearchViewModel(target, overlays.plural(target), ListColumns.of(overlays, target),
                session.records(), executor, SearchViewModel.DEFAULT_PAGE_SIZE);
        dialogs.pickRecord("Choose " + f.labelProperty().get().toLowerCase(Locale.ROOT), search)
                .map(r -> r.integer("number"))
                .ifPresent(n -> {
                    f.textProperty().set(n.toString());
                    f.commit();
                });
    }

    /** Opens the record a reference field points at (null opener: the form stands alone). */
    void openReferenced(FieldViewModel f) {
        if (opener != null && f.spec().reference() != null && f.value() instanceof Integer n && !f.unparsed()) {
            opener.open(f.spec().reference(), n);
        }
    }

    /** A service's d01..d10 are named by its product definition ("Router MAC (d03)"). */
    void labelServiceFields(Map<String, Object> draft) {
        if (table != HookedTable.SERVICE) {
            return;
        }
        Row servdef = lookupRow(Lookup.SERVDEF, draft.get("servdef"));
        for (int i = 1; i <= 10; i++) {
            String column = String.format("d%02d", i);
            FieldViewModel f = fields.get(column);
            if (f == null) {
                continue;
            }
            Object label = servdef == null ? null : servdef.get(column);
            f.labelProperty().set(label != null && !label.toString().isBlank()
                    ? label + " (" + column + ")" : f.spec().label());
        }
    }

    private Row lookupRow(Lookup lookup, Object key) {
        if (!(key instanceof Number n)) {
            return null;
        }
        for (Row r : lookups.getOrDefault(lookup, List.of())) {
            if (Objects.equals(r.integer("number"), n.longValue())) {
                return r;
            }
        }
        return null;
    }
}
