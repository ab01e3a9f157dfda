package io.hookdesk.model;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.regex.Pattern;

/** How a column value is written into a hook's environment. */
public final class EnvValues {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private EnvValues() {
    }

    private static final Pattern VARIABLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    /**
     * Whether {@code name} can be an environment variable's name that every shell can set and read
     * ({@code [A-Za-z_][A-Za-z0-9_]*}). A column of the ISP's named {@code x$(reboot)} or {@code "d 01"} cannot: it is
     * left out of the hook's environment, the preview and Copy as shell, never quoted into one. The one test for it.
     */
    public static boolean isVariableName(String name) {
        return name != null && VARIABLE_NAME.matcher(name).matches();
    }

    /**
     * {@code text} on one line, as HookDesk writes environment values and messages for people and files ({@code
     * hookdesk env}, the audit trail's environment column, the hook log): a backslash as {@code \\}, a newline as
     * {@code \n}, a carriage return as {@code \r}, any other control or line-separating character but a tab, and any
     * bidirectional formatting character, as a backslash, {@code u} and four hex digits. {@code printf '%b'} turns it
     * back; null is empty.
     */
    public static String oneLine(String text) {
        return escape(text, false);
    }

    /**
     * {@code text} as a terminal or {@code tail -f} may show it, lines kept: everything {@link #oneLine} escapes but
     * the newline escaped the same way, backslashes left as they are (for people to read, not to turn back). What a hook
     * prints or a CSR types can then neither clear the screen, colour it, move the cursor, reorder text nor forge a line.
     */
    public static String forTerminal(String text) {
        return escape(text, true);
    }

    private static String escape(String text, boolean keepLines) {
        if (text == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> {
            switch (cp) {
                case '\\' -> b.append(keepLines ? "\\" : "\\\\");
                case '\n' -> b.append(keepLines ? "\n" : "\\n");
                case '\r' -> b.append("\\r");
                default -> {
                    if (cp != '\t' && drivesTheTerminal(cp)) {
                        b.append(String.format(Locale.ROOT, "\\u%04x", cp));
                    } else {
                        b.appendCodePoint(cp);
                    }
                }
            }
        });
        return b.toString();
    }

    /**
     * Characters that could end or forge a line, or drive a terminal or a log reader: C0 and C1 controls (ESC, NEL
     * U+0085 ...), the line and paragraph separators U+2028 and U+2029, and the bidirectional marks, embeddings,
     * overrides and isolates (U+061C, U+200E, U+200F, U+202A to U+202E, U+2066 to U+2069), which reorder what follows.
     */
    private static boolean drivesTheTerminal(int cp) {
        int type = Character.getType(cp);
        return type == Character.CONTROL || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR
                || cp == 0x061C || cp == 0x200E || cp == 0x200F || cp >= 0x202A && cp <= 0x202E || cp >= 0x2066 && cp <= 0x2069;
    }

    /**
     * NULL as the empty string; booleans {@code 1}/{@code 0}; numerics with their stored scale, as PostgreSQL prints
     * them; floating point in the fewest digits; text (and every value the database gave as text: dates, timestamps,
     * enum labels, addresses) verbatim. The date and time objects are formatted for values built without a database.
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
            // As PostgreSQL prints a numeric: with the scale it is stored with (numeric(12,2) 20 is 20.00).
            return d.scale() < 0 ? d.setScale(0).toPlainString() : d.toPlainString();
        }
        if (value instanceof Double d) {
            return shortest(d, false);
        }
        if (value instanceof Float f) {
            return shortest(f, true);
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

    /**
     * The fewest digits that read back as the same float or double, as PostgreSQL 12+ prints them. Not
     * {@code Double.toString}: before Java 19 it is not always shortest (3e12f gives 3.00000005E12), and it throws
     * nothing useful for NaN and infinities, which double precision and real columns can hold.
     */
    private static String shortest(double value, boolean isFloat) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "Infinity" : "-Infinity";
        }
        BigDecimal exact = new BigDecimal(value);
        for (int digits = 1; digits <= 17; digits++) {
            BigDecimal candidate = exact.round(new MathContext(digits, RoundingMode.HALF_EVEN));
            if (isFloat ? candidate.floatValue() == (float) value : candidate.doubleValue() == value) {
                return plain(candidate);
            }
        }
        return plain(exact);
    }

    /** Plain notation without trailing zeros: 19.9500000000 becomes 19.95, 1E+3 becomes 1000. */
    private static String plain(BigDecimal d) {
        if (d.signum() == 0) {
            return "0";
        }
        return d.stripTrailingZeros().toPlainString();
    }
}
