package io.hookdesk.ui.form;

/** One entry of a {@link Lookup}: the record number stored and the name shown. */
public record Choice(long number, String label) {

    public String display() {
        return number + " " + label;
    }
}
