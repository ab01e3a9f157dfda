package io.hookdesk.ui.form;

import io.hookdesk.model.EnvValues;
import io.hookdesk.model.Operation;
import io.hookdesk.model.Row;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A form's editable field state: one {@link FieldViewModel} per column, and the draft row they make (each field's
 * parsed value, or its text while it does not parse, with those columns named). It answers what the fields say about
 * the form: whether anything was edited, which fields need fixing, which columns a save sends. Loading a row into the
 * fields is not an edit.
 */
final class FormFields {

    private final ObservableList<FieldViewModel> all = FXCollections.observableArrayList();
    private final Map<String, FieldViewModel> byName = new LinkedHashMap<>();
    private final Map<String, Object> draft = new LinkedHashMap<>();
    private final Set<String> unparsed = new HashSet<>();
    private final Consumer<FieldViewModel> onEdit;
    private final Consumer<FieldViewModel> onCommit;
    private Map<String, String> prefill = Map.of();
    private boolean applying;

    /**
     * @param onEdit   told once the CSR's edit of a field is in the draft
     * @param onCommit told when the CSR is done with a field (focus left it, Enter, a pick)
     */
    FormFields(Consumer<FieldViewModel> onEdit, Consumer<FieldViewModel> onCommit) {
        this.onEdit = onEdit;
        this.onCommit = onCommit;
    }

    /** Creates the fields on the first load; later loads reuse them. */
    void createOnce(List<FieldSpec> specs) {
        if (!all.isEmpty()) {
            return;
        }
        for (FieldSpec spec : specs) {
            FieldViewModel f = new FieldViewModel(spec, this::edited, onCommit);
            all.add(f);
            byName.put(spec.name(), f);
        }
    }

    /** What a new record's fields hold beyond the database defaults (column to text). */
    void setPrefill(Map<String, String> prefill) {
        this.prefill = Map.copyOf(prefill);
    }

    /**
     * Shows {@code row} as the saved state and makes it the draft; with {@code keepEdits}, fields the CSR changed keep
     * their text. A new record's prefill is typed in on top, unless edits are kept.
     */
    void load(Operation op, Row row, boolean keepEdits) {
        applying = true;
        try {
            for (FieldViewModel f : all) {
                String text = EnvValues.format(row.get(f.name()));
                if (keepEdits) {
                    f.rebase(text);
                } else {
                    f.load(text);
                }
            }
            if (op == Operation.CREATE && !keepEdits) {
                // A new record's parent (the user of a new service) counts as typed: it is sent with the save.
                prefill.forEach((column, text) -> {
                    FieldViewModel f = byName.get(column);
                    if (f != null && !f.readOnly()) {
                        f.load(f.originalText());
                        f.textProperty().set(text);
                    }
                });
            }
        } finally {
            applying = false;
        }
        draft.clear();
        draft.putAll(row.asMap());
        unparsed.clear();
        for (FieldViewModel f : all) {
            putDraft(f);
        }
    }

    private void edited(FieldViewModel f) {
        if (applying) {
            return;
        }
        putDraft(f);
        onEdit.accept(f);
    }

    private void putDraft(FieldViewModel f) {
        if (f.readOnly()) {
            return;
        }
        draft.put(f.name(), f.value());
        if (f.unparsed()) {
            unparsed.add(f.name());
        } else {
            unparsed.remove(f.name());
        }
    }

    /** Locks the fields of {@code columns} for {@code reason} and unlocks every other. */
    void lock(Collection<String> columns, String reason) {
        for (FieldViewModel f : all) {
            f.lock(columns.contains(f.name()) ? reason : "");
        }
    }

    ObservableList<FieldViewModel> all() {
        return all;
    }

    FieldViewModel get(String column) {
        return byName.get(column);
    }

    /** The record as the fields have it now, read-only. */
    Map<String, Object> draft() {
        return Collections.unmodifiableMap(draft);
    }

    /** The columns whose text does not parse; the draft holds their text. */
    Set<String> unparsed() {
        return Set.copyOf(unparsed);
    }

    /** The fields a revert would put back: edited since loaded (a new record's prefilled parent is no edit). */
    List<FieldViewModel> toRevert() {
        return all.stream().filter(FieldViewModel::dirty)
                .filter(f -> !Objects.equals(prefill.get(f.name()), f.text())).toList();
    }

    /** True if any field differs from what was loaded. */
    boolean hasEdits() {
        return all.stream().anyMatch(FieldViewModel::dirty);
    }

    boolean valid() {
        return all.stream().noneMatch(FieldViewModel::invalid);
    }

    /** A save was refused: every field with a problem shows it, touched or not. */
    void showProblems() {
        all.stream().filter(FieldViewModel::invalid).forEach(FieldViewModel::touch);
    }

    /** For a refused save: "2 fields need fixing: Price: is not a number; …", or empty if none does. */
    String needFixing() {
        List<FieldViewModel> bad = all.stream().filter(FieldViewModel::invalid).toList();
        if (bad.isEmpty()) {
            return "";
        }
        return (bad.size() == 1 ? "1 field needs" : bad.size() + " fields need") + " fixing: "
                + String.join("; ", bad.stream().limit(3).map(f -> f.labelProperty().get() + ": " + f.error()).toList())
                + (bad.size() > 3 ? " …" : "");
    }

    /** What a save sends: the changed columns, as typed (an amount typed as 49.95 goes as its cents, 4995). */
    Map<String, String> changes() {
        Map<String, String> changes = new LinkedHashMap<>();
        for (FieldViewModel f : all) {
            if (!f.readOnly() && f.dirty()) {
                changes.put(f.name(), f.saveText());
            }
        }
        return changes;
    }

    /** Marks {@code column} with a problem the save path found; false if the form has no such field. */
    boolean setServerError(String column, String problem) {
        FieldViewModel f = byName.get(column);
        if (f == null) {
            return false;
        }
        f.setServerError(problem);
        return true;
    }
}
