package io.hookdesk.model;

/** A value a person typed that cannot be stored in its column. The message names the column. */
public class InvalidValueException extends RuntimeException {

    private final String column;
    private final String problem;

    public InvalidValueException(String column, String problem) {
        super(column + ": " + problem);
        this.column = column;
        this.problem = problem;
    }

    /** What is wrong with the value, without the column's name ("is not a whole number"). */
    public String problem() {
        return problem;
    }

    public String column() {
        return column;
    }
}
