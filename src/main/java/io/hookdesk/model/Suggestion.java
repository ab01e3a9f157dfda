package io.hookdesk.model;

/**
 * One entry of a field's suggestion list: the record's number, the text that matched what the CSR typed (a login,
 * an email, a name) and a few words that tell it from the others (the customer's name, the account's company).
 */
public record Suggestion(long number, String match, String detail) {

    public Suggestion {
        match = match == null ? "" : match.strip();
        detail = detail == null ? "" : detail.strip();
    }

    /** As the list shows it: "1042 · jdoe · Jane Doe". */
    public String display() {
        return number + " · " + match + (detail.isEmpty() || detail.equalsIgnoreCase(match) ? "" : " · " + detail);
    }
}
