package io.hookdesk.ui.form;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.regex.Pattern;

/**
 * Amounts stored in cents (BillMax's payments, balances, deposits) as a CSR reads and types them: {@code 4995} is
 * shown as {@code 49.95}, and {@code 49.95}, {@code 49.9} or {@code 49} are stored as cents. The database and the
 * hooks keep the cents; only the form and the lists show the decimal point.
 */
public final class Money {

    private static final Pattern AMOUNT = Pattern.compile("[-+]?\\$?\\d{1,3}(,\\d{3})+(\\.\\d{1,2})?|[-+]?\\$?\\d+(\\.\\d{1,2})?|[-+]?\\$?\\.\\d{1,2}");

    private Money() {
    }

    /** The cents as an amount: {@code "4995"} is {@code "49.95"}, {@code "-5"} is {@code "-0.05"}; other text as is. */
    public static String format(String cents) {
        if (cents == null || cents.isBlank()) {
            return "";
        }
        try {
            return new BigDecimal(cents.trim()).movePointLeft(2).setScale(2, RoundingMode.UNNECESSARY).toPlainString();
        } catch (NumberFormatException | ArithmeticException e) {
            return cents;
        }
    }

    /**
     * The cents of a typed amount ({@code "49.95"}, {@code "$1,234.50"}, {@code "-3"}), as text; an empty text stays
     * empty.
     *
     * @throws IllegalArgumentException saying what an amount looks like
     */
    public static String toCents(String typed) {
        String t = typed == null ? "" : typed.trim();
        if (t.isEmpty()) {
            return "";
        }
        if (!AMOUNT.matcher(t).matches()) {
            throw new IllegalArgumentException("is not an amount like 49.95");
        }
        String plain = t.replace("$", "").replace(",", "").replace("+", "");
        return new BigDecimal(plain).movePointRight(2).setScale(0, RoundingMode.UNNECESSARY).toPlainString();
    }
}
