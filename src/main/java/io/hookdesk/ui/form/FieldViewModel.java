package io.hookdesk.ui.form;

import io.hookdesk.model.EnvValues;
import io.hookdesk.model.InvalidValueException;
import io.hookdesk.model.ValueParser;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableBooleanValue;

import java.util.function.Consumer;

/**
 * One field of a form: the text the CSR sees and types, the text it was loaded with, and whether that text is a value
 * the column accepts. Validation is {@link ValueParser#parse}, the same function the save path uses, plus the
 * overlay's coded values; so the form refuses exactly what a save would refuse.
 */
public final class FieldViewModel {

    private final FieldSpec spec;
    private final StringProperty label;
    private final StringProperty text = new SimpleStringProperty(this, "text", "");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error");
    private final ReadOnlyBooleanWrapper dirty = new ReadOnlyBooleanWrapper(this, "dirty");
    private final ReadOnlyBooleanWrapper touched = new ReadOnlyBooleanWrapper(this, "touched");
    private final ReadOnlyStringWrapper shownError = new ReadOnlyStringWrapper(this, "shownError");
    private final ReadOnlyStringWrapper description = new ReadOnlyStringWrapper(this, "description", "");
    private final ReadOnlyStringWrapper locked = new ReadOnlyStringWrapper(this, "locked", "");
    private final Consumer<FieldViewModel> onEdit;
    private final Consumer<FieldViewModel> onCommit;
    private String original = "";
    private String serverError;
    private Object value;
    private boolean unparsed;
    private boolean loading;

    FieldViewModel(FieldSpec spec, Consumer<FieldViewModel> onEdit, Consumer<FieldViewModel> onCommit) {
        this.spec = spec;
        this.label = new SimpleStringProperty(this, "label", spec.label());
        this.onEdit = onEdit;
        this.onCommit = onCommit;
        text.addListener((obs, was, now) -> {
            serverError = null;
            revalidate();
            if (!loading) {
                // Letters typed into a record number look for a record (suggestions): only leaving it counts there.
                if (spec.kind() != ControlKind.REFERENCE) {
                    touched.set(true);
                }
                onEdit.accept(this);
            }
        });
        error.addListener((obs, was, now) -> updateShownError());
        touched.addListener((obs, was, now) -> updateShownError());
        revalidate();
    }

    public FieldSpec spec() {
        return spec;
    }

    public String name() {
        return spec.name();
    }

    /**
     * Why the CSR may not change this field although the column is writable ("your login may not change this column":
     * its column grants), or empty. A locked field shows its text and is never sent by a save.
     */
    public ReadOnlyStringProperty lockedProperty() {
        return locked.getReadOnlyProperty();
    }

    /** Whether the field cannot be edited: the column is never written, or the login may not change it. */
    public boolean readOnly() {
        return spec.readOnly() || !locked.get().isEmpty();
    }

    /** Locks the field for {@code reason} (empty: unlocks it); the form locks before it loads a row. */
    void lock(String reason) {
        locked.set(reason == null ? "" : reason);
        revalidate();
    }

    public StringProperty labelProperty() {
        return label;
    }

    /** What the CSR typed: for codes and check boxes the stored value ("2", "1"), as the save path takes it. */
    public StringProperty textProperty() {
        return text;
    }

    public String text() {
        return text.get();
    }

    /** Why the text cannot be saved, or null. */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    public String error() {
        return error.get();
    }

    public boolean invalid() {
        return error.get() != null;
    }

    /**
     * Whether the CSR has been at this field since it was loaded: typed in it, left it, or tried to save the form.
     * A freshly opened record has no touched field, so it shows no problem the CSR did not make or look at.
     */
    public ReadOnlyBooleanProperty touchedProperty() {
        return touched.getReadOnlyProperty();
    }

    /** The CSR was at this field (focus left it, or a save was refused): its problem, if any, is shown now. */
    public void touch() {
        touched.set(true);
    }

    /** The problem to show on the field: {@link #error()} once the field was touched, else null. */
    public ReadOnlyStringProperty shownErrorProperty() {
        return shownError.getReadOnlyProperty();
    }

    public String shownError() {
        return shownError.get();
    }

    private void updateShownError() {
        shownError.set(touched.get() ? error.get() : null);
    }

    public ReadOnlyBooleanProperty dirtyProperty() {
        return dirty.getReadOnlyProperty();
    }

    public boolean dirty() {
        return dirty.get();
    }

    /** For a reference: who or what the number names ("Ada Lovelace (alovelace1)"), when known. */
    public ReadOnlyStringProperty descriptionProperty() {
        return description.getReadOnlyProperty();
    }

    /** The parsed value, or the typed text itself while it does not parse (the preview shows it, flagged). */
    public Object value() {
        return value;
    }

    public String originalText() {
        return original;
    }

    /**
     * Whether the CSR may see this secret field's text: a supervisor always; anyone else only while the field was
     * empty when loaded, so what they see is what they typed themselves, never a stored password or card number.
     */
    public ObservableBooleanValue mayReveal(boolean supervisor) {
        return Bindings.createBooleanBinding(() -> supervisor || original.isEmpty(), text, dirty);
    }

    /** The CSR is done with this field (focus left it, Enter, a pick): the form may look up related records now. */
    public void commit() {
        onCommit.accept(this);
    }

    /** Sets the text the field is measured against (dirty = differs from it) and shows it. */
    void load(String originalText) {
        loading = true;
        try {
            original = originalText == null ? "" : shown(originalText);
            serverError = null;
            text.set(original);
            revalidate();
            touched.set(false);
        } finally {
            loading = false;
        }
    }

    /** Moves the baseline to {@code originalText} but keeps what the CSR typed if they changed this field. */
    void rebase(String originalText) {
        boolean keep = dirty();
        boolean wasTouched = touched.get();
        String mine = text.get();
        load(originalText);
        if (keep) {
            loading = true;
            try {
                text.set(mine);
                revalidate();
                touched.set(wasTouched);
            } finally {
                loading = false;
            }
        }
    }

    /** A problem the save path found (a constraint, say); shown until the CSR edits the field. */
    void setServerError(String problem) {
        serverError = problem;
        revalidate();
        touched.set(true);
    }

    void setDescription(String text) {
        description.set(text == null ? "" : text);
    }

    /** An amount's cents as the CSR reads them (49.95); any other column's text as it is. */
    private String shown(String stored) {
        return spec.kind() == ControlKind.MONEY ? Money.format(stored) : stored;
    }

    /**
     * What a save sends for this field: the text, except that an amount goes as its cents (49.95 as 4995), as the
     * column stores it and the hook receives it.
     */
    public String saveText() {
        String t = text.get() == null ? "" : text.get();
        if (spec.kind() == ControlKind.MONEY) {
            try {
                return Money.toCents(t);
            } catch (IllegalArgumentException e) {
                return t;
            }
        }
        return t;
    }

    private void revalidate() {
        String t = text.get() == null ? "" : text.get();
        dirty.set(!readOnly() && !t.equals(original));
        if (readOnly()) {
            value = original;
            unparsed = false;
            error.set(null);
            return;
        }
        String problem = null;
        Object v;
        try {
            v = ValueParser.parse(spec.column(), spec.kind() == ControlKind.MONEY ? Money.toCents(t) : t);
            String asText = EnvValues.format(v);
            // A code the record already holds is not the CSR's mistake (a kind HookDesk has no name for): kept.
            if (v != null && !spec.codes().isEmpty() && !asText.equals(original)
                    && spec.codes().stream().noneMatch(c -> c.value().equals(asText))) {
                problem = "must be one of " + String.join(", ", spec.codes().stream().map(Code::display).toList());
            }
        } catch (InvalidValueException | IllegalArgumentException e) {
            // InvalidValueException from the parser (the save path's words, without the column: the field is named
            // beside it), or Money's "not an amount"
            problem = e instanceof InvalidValueException invalid ? invalid.problem() : e.getMessage();
            v = t;
        }
        value = problem == null ? v : t;
        unparsed = problem != null;
        error.set(problem != null ? problem : serverError);
    }

    /** True while the text is not a value of the column (the preview shows the text, flagged). */
    public boolean unparsed() {
        return unparsed;
    }
}
