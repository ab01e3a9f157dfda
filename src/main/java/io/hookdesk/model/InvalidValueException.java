package io.hookdesk.model;

/** A value a person typed that cannot be stored in its column. The message names the column. */
public class InvalidValueException extends RuntimeException {

    private final String column;

    public InvalidValueException(String column, String problem) {
        super(column + ": " + problem);
        this.column = column;
    }

    public String column() {
        return column;
    }
}
