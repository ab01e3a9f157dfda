package io.hookdesk.ui.form;

import java.util.List;

/** One coded value of a column (service state 0 = Open ...): the text stored and what a CSR reads. */
public record Code(String value, String label) {

    /** {@code "0 Open"}: the number stays visible so CSRs who know BillMax's codes find them. */
    public String display() {
        // An enum's label is its own name: shown once.
        return label.isEmpty() ? value : value + " " + label;
    }

    /** Codes from alternating value, label pairs: {@code list("0", "Open", "1", "Closed")}. */
    public static List<Code> list(String... pairs) {
        if (pairs.length % 2 != 0) {
            throw new IllegalArgumentException("codes come in value, label pairs");
        }
        Code[] codes = new Code[pairs.length / 2];
        for (int i = 0; i < codes.length; i++) {
            codes[i] = new Code(pairs[2 * i], pairs[2 * i + 1]);
        }
        return List.of(codes);
    }

    /** The label of {@code value} in {@code codes}, or the value itself when it has none. */
    public static String labelOf(List<Code> codes, String value) {
        for (Code c : codes) {
            if (c.value().equals(value)) {
                return c.label();
            }
        }
        return value;
    }
}
