package io.hookdesk.ui.envpanel;

import io.hookdesk.model.Secrets;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.value.ObservableStringValue;

/**
 * One variable of the previewed environment. Entries live as long as their key does, and their values are updated in
 * place as the CSR types, so the table redraws a cell, not itself.
 */
public final class EnvEntry {

    private final String key;
    private final boolean secret;
    private final ReadOnlyStringWrapper value = new ReadOnlyStringWrapper(this, "value", "");
    private final ReadOnlyBooleanWrapper changed = new ReadOnlyBooleanWrapper(this, "changed");
    private final ReadOnlyBooleanWrapper unparsed = new ReadOnlyBooleanWrapper(this, "unparsed");
    private final StringBinding shown;

    EnvEntry(String key, boolean secret, BooleanProperty reveal) {
        this.key = key;
        this.secret = secret;
        this.shown = secret
                ? Bindings.createStringBinding(() -> reveal.get() || value.get().isEmpty() ? value.get() : Secrets.MASK,
                value, reveal)
                : null;
    }

    public String key() {
        return key;
    }

    /** The real value, unmasked. */
    public String value() {
        return value.get();
    }

    public ReadOnlyStringProperty valueProperty() {
        return value.getReadOnlyProperty();
    }

    /** What the panel shows: the value, or the mask for a secret while secrets are hidden. */
    public ObservableStringValue shownProperty() {
        return secret ? shown : value.getReadOnlyProperty();
    }

    public String shown() {
        return shownProperty().get();
    }

    public boolean secret() {
        return secret;
    }

    /** A NEW_ or OLD_ variable whose new value differs from the old one. */
    public ReadOnlyBooleanProperty changedProperty() {
        return changed.getReadOnlyProperty();
    }

    public boolean changed() {
        return changed.get();
    }

    /** A NEW_ variable showing typed text the column will not accept; the save will refuse it. */
    public ReadOnlyBooleanProperty unparsedProperty() {
        return unparsed.getReadOnlyProperty();
    }

    public boolean unparsed() {
        return unparsed.get();
    }

    void set(String newValue, boolean isChanged, boolean isUnparsed) {
        if (!value.get().equals(newValue)) {
            value.set(newValue);
        }
        if (changed.get() != isChanged) {
            changed.set(isChanged);
        }
        if (unparsed.get() != isUnparsed) {
            unparsed.set(isUnparsed);
        }
    }

    @Override
    public String toString() {
        return key + "=" + shown();
    }
}
