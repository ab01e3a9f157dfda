package io.hookdesk.model;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Turns the text a CSR typed (form field, {@code --set col=value}) into the column's value, or says why not.
 * One function for the desktop form's validation and the command line, so both accept the same input.
 * An empty text is NULL for a nullable column, the empty string for a text column, and an error otherwise.
 */
public final class ValueParser {

    /** A date as PostgreSQL writes it (ISO, years past 9999 too, BC), or infinity. */
    private static final Pattern DATE = Pattern.compile("(?i)\\d{4,}-\\d{2}-\\d{2}( BC)?|-?infinity");
    private static final Pattern TIME = Pattern.compile("([01]\\d|2[0-3]):[0-5]\\d(:[0-5]\\d(\\.\\d{1,6})?)?|24:00(:00)?");
    /** A timestamp as PostgreSQL writes it, with an optional offset (timestamptz), or infinity. */
    private static final Pattern TIMESTAMP = Pattern.compile("(?i)\\d{4,}-\\d{2}-\\d{2}([ T]([01]\\d|2[0-3]):[0-5]\\d"
            + "(:[0-5]\\d(\\.\\d{1,6})?)?( ?(Z|[+-]\\d{2}(:?\\d{2}(:?\\d{2})?)?))?)?( BC)?|-?infinity");

    private ValueParser() {
    }

    /** Whether the date part of an ISO text is a day of the calendar (no 2023-02-29); infinity passes. */
    private static boolean calendarDate(String t) {
        if (t.toLowerCase(Locale.ROOT).endsWith("infinity")) {
            return true;
        }
        try {
            String[] ymd = t.substring(0, t.indexOf('-', 4) + 6).split("-");
            LocalDate.of(Integer.parseInt(ymd[0]), Integer.parseInt(ymd[1]), Integer.parseInt(ymd[2].substring(0, 2)));
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    public static Object parse(ColumnMeta column, String text) {
        String name = column.name();
        if (column.kind() == ColumnKind.OTHER) {
            throw new InvalidValueException(name, column.notWritableReason());
        }
        if (text == null || (text.isEmpty() && column.kind() != ColumnKind.TEXT) || (text.isEmpty() && column.nullable())) {
            if (column.nullable()) {
                return null;
            }
            if (column.kind() == ColumnKind.TEXT) {
                return "";
            }
            throw new InvalidValueException(name, "a value is required");
        }
        String t = column.kind() == ColumnKind.TEXT ? text : text.trim();
        if (column.kind() == ColumnKind.ENUM) {
            if (!column.labels().isEmpty() && !column.labels().contains(t)) {
                throw new InvalidValueException(name, "'" + t + "' is not one of " + String.join(", ", column.labels()));
            }
            return t;
        }
        if (column.kind().textForm()) {
            // The server parses these (its own calendar, addresses, JSON): checked by CAST(? AS type) before the write.
            // Dates and times are first held to the form PostgreSQL writes them in, so a form can say so as one types.
            if (t.indexOf('\0') >= 0) {
                throw new InvalidValueException(name, "must not contain a NUL character");
            }
            String format = switch (column.kind()) {
                case DATE -> DATE.matcher(t).matches() && calendarDate(t) ? null : "YYYY-MM-DD";
                case TIME -> TIME.matcher(t).matches() ? null : "HH:MM:SS";
                case TIMESTAMP, TIMESTAMPTZ -> TIMESTAMP.matcher(t).matches() && calendarDate(t) ? null : "YYYY-MM-DD HH:MM:SS";
                default -> null;
            };
            if (format != null) {
                throw new InvalidValueException(name, "'" + t + "' is not a valid " + format);
            }
            return t;
        }
        try {
            return switch (column.kind()) {
                case TEXT -> {
                    if (column.length() > 0 && t.codePointCount(0, t.length()) > column.length()) {
                        throw new InvalidValueException(name, "at most " + column.length()
                                + " characters (" + t.codePointCount(0, t.length()) + " given)");
                    }
                    if (t.indexOf('\0') >= 0) {
                        throw new InvalidValueException(name, "must not contain a NUL character");
                    }
                    yield t;
                }
                case SMALLINT -> {
                    long v = Long.parseLong(t);
                    if (v < Short.MIN_VALUE || v > Short.MAX_VALUE) {
                        throw new InvalidValueException(name, "must be between " + Short.MIN_VALUE + " and " + Short.MAX_VALUE);
                    }
                    yield (short) v;
                }
                case INTEGER -> {
                    long v = Long.parseLong(t);
                    if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
                        throw new InvalidValueException(name, "must be between " + Integer.MIN_VALUE + " and " + Integer.MAX_VALUE);
                    }
                    yield (int) v;
                }
                case BIGINT -> Long.parseLong(t);
                case DECIMAL -> {
                    BigDecimal v = new BigDecimal(t);
                    if (column.precision() > 0) {
                        // As PostgreSQL stores it in numeric(p,s): rounded half away from zero to s places, so
                        // 20 is 20.00 in a numeric(12,2), in the preview and the environment alike.
                        v = v.setScale(column.scale(), RoundingMode.HALF_UP);
                    }
                    if (column.precision() > 0 && v.precision() - v.scale() > column.precision() - column.scale()) {
                        throw new InvalidValueException(name, "too large for this column");
                    }
                    yield v;
                }
                case REAL -> finite(name, Float.parseFloat(t));
                case DOUBLE -> finite(name, Double.parseDouble(t));
                case BOOLEAN -> parseBoolean(name, t);
                case DATE, TIME, TIMESTAMP, TIMESTAMPTZ, ENUM, SERVER_TEXT, OTHER ->
                        throw new IllegalStateException("unreachable: " + name);
            };
        } catch (NumberFormatException e) {
            throw new InvalidValueException(name, "'" + t + "' is not " + (column.kind() == ColumnKind.DECIMAL
                    || column.kind() == ColumnKind.REAL || column.kind() == ColumnKind.DOUBLE ? "a number" : "a whole number"));
        }
    }

    private static <N extends Number> N finite(String name, N value) {
        if (Double.isNaN(value.doubleValue()) || Double.isInfinite(value.doubleValue())) {
            throw new InvalidValueException(name, "must be a finite number");
        }
        return value;
    }

    private static Boolean parseBoolean(String name, String t) {
        return switch (t.toLowerCase(Locale.ROOT)) {
            case "1", "true", "t", "yes", "y", "on" -> true;
            case "0", "false", "f", "no", "n", "off" -> false;
            default -> throw new InvalidValueException(name, "'" + t + "' is not 1 or 0 (yes or no)");
        };
    }
}
