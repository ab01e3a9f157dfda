package io.hookdesk.hook;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;

/** How a column value is written into a hook's environment. */
public final class EnvValues {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private EnvValues() {
    }

    /**
     * NULL as the empty string; dates {@code YYYY-MM-DD}; times {@code HH:MM:SS}; timestamps
     * {@code YYYY-MM-DD HH:MM:SS}; booleans {@code 1}/{@code 0}; numbers in plain notation; text verbatim.
     */
    public static String format(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof String s) {
            return s;
        }
        if (value instanceof Boolean b) {
            return b ? "1" : "0";
        }
        if (value instanceof BigDecimal d) {
            return plain(d);
        }
        if (value instanceof Double d) {
            return plain(new BigDecimal(Double.toString(d)));
        }
        if (value instanceof Float f) {
            return plain(new BigDecimal(Float.toString(f)));
        }
        if (value instanceof Number n) {
            return n.toString();
        }
        if (value instanceof LocalDate d) {
            return d.toString();
        }
        if (value instanceof LocalTime t) {
            return TIME.format(t);
        }
        if (value instanceof LocalDateTime t) {
            return TIMESTAMP.format(t);
        }
        if (value instanceof OffsetDateTime t) {
            return TIMESTAMP.format(t.toLocalDateTime());
        }
        return value.toString();
    }

    /** Plain notation without trailing zeros: 19.9500000000 becomes 19.95, 1E+3 becomes 1000. */
    private static String plain(BigDecimal d) {
        if (d.signum() == 0) {
            return "0";
        }
        return d.stripTrailingZeros().toPlainString();
    }
}
