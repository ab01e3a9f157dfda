package io.hookdesk.cli;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A strict reader of one JSON object per line (RFC 8259) for {@code apply --file}, enough for its flat shape:
 * objects, strings, numbers, {@code true}, {@code false}, {@code null}; no arrays. A number is kept as its literal
 * text ({@link Number}), so {@code 19.90} reaches the value parser exactly as written. Duplicate keys are an error.
 * Errors give the 1-based column where the text stops making sense.
 */
final class JsonObjects {

    /** A JSON number, as written. */
    record Number(String text) {
    }

    /** JSON {@code null}. */
    static final Object NULL = new Object() {
        @Override
        public String toString() {
            return "null";
        }
    };

    static final class Malformed extends RuntimeException {
        Malformed(String message) {
            super(message, null, false, false);
        }
    }

    private final String s;
    private int i;

    private JsonObjects(String s) {
        this.s = s;
    }

    /** The object on this line, keys in the order written. */
    static Map<String, Object> parse(String line) {
        JsonObjects p = new JsonObjects(line);
        p.skipSpace();
        if (p.i >= p.s.length() || p.s.charAt(p.i) != '{') {
            throw p.error("expected a JSON object starting with '{'");
        }
        Map<String, Object> object = p.object();
        p.skipSpace();
        if (p.i < p.s.length()) {
            throw p.error("unexpected text after the object");
        }
        return object;
    }

    private Map<String, Object> object() {
        expect('{');
        Map<String, Object> map = new LinkedHashMap<>();
        skipSpace();
        if (peek() == '}') {
            i++;
            return map;
        }
        while (true) {
            skipSpace();
            if (peek() != '"') {
                throw error("expected a key in double quotes");
            }
            int keyAt = i;
            String key = string();
            if (map.containsKey(key)) {
                i = keyAt;
                throw error("key \"" + key + "\" appears twice");
            }
            skipSpace();
            expect(':');
            skipSpace();
            map.put(key, value());
            skipSpace();
            char c = peek();
            if (c == ',') {
                i++;
            } else if (c == '}') {
                i++;
                return map;
            } else {
                throw error("expected ',' or '}'");
            }
        }
    }

    private Object value() {
        char c = peek();
        return switch (c) {
            case '"' -> string();
            case '{' -> object();
            case '[' -> throw error("arrays are not supported here");
            case 't' -> literal("true", Boolean.TRUE);
            case 'f' -> literal("false", Boolean.FALSE);
            case 'n' -> literal("null", NULL);
            default -> {
                if (c == '-' || (c >= '0' && c <= '9')) {
                    yield number();
                }
                throw error(i >= s.length() ? "the line ends where a value is expected" : "expected a value");
            }
        };
    }

    private Object literal(String word, Object value) {
        if (!s.startsWith(word, i)) {
            throw error("expected a value");
        }
        i += word.length();
        return value;
    }

    private Number number() {
        int start = i;
        if (peek() == '-') {
            i++;
        }
        if (peek() == '0') {
            i++;
        } else if (isDigit(peek())) {
            digits();
        } else {
            throw error("malformed number");
        }
        if (peek() == '.') {
            i++;
            if (!isDigit(peek())) {
                throw error("malformed number: a digit must follow '.'");
            }
            digits();
        }
        if (peek() == 'e' || peek() == 'E') {
            i++;
            if (peek() == '+' || peek() == '-') {
                i++;
            }
            if (!isDigit(peek())) {
                throw error("malformed number: a digit must follow the exponent");
            }
            digits();
        }
        return new Number(s.substring(start, i));
    }

    private void digits() {
        while (isDigit(peek())) {
            i++;
        }
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private String string() {
        expect('"');
        StringBuilder b = new StringBuilder();
        while (true) {
            if (i >= s.length()) {
                throw error("unterminated string");
            }
            char c = s.charAt(i++);
            if (c == '"') {
                return b.toString();
            }
            if (c < 0x20) {
                i--;
                throw error("control character in a string: write it as \\n, \\t or \\u00XX");
            }
            if (c != '\\') {
                b.append(c);
                continue;
            }
            if (i >= s.length()) {
                throw error("unterminated string");
            }
            char e = s.charAt(i++);
            switch (e) {
                case '"' -> b.append('"');
                case '\\' -> b.append('\\');
                case '/' -> b.append('/');
                case 'b' -> b.append('\b');
                case 'f' -> b.append('\f');
                case 'n' -> b.append('\n');
                case 'r' -> b.append('\r');
                case 't' -> b.append('\t');
                case 'u' -> {
                    if (i + 4 > s.length()) {
                        throw error("\\u needs four hex digits");
                    }
                    try {
                        b.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                    } catch (NumberFormatException ex) {
                        throw error("\\u needs four hex digits");
                    }
                    i += 4;
                }
                default -> {
                    i -= 2;
                    throw error("unknown escape \\" + e);
                }
            }
        }
    }

    private void expect(char c) {
        if (peek() != c) {
            throw error("expected '" + c + "'");
        }
        i++;
    }

    private char peek() {
        return i < s.length() ? s.charAt(i) : '\0';
    }

    private void skipSpace() {
        while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t' || s.charAt(i) == '\r' || s.charAt(i) == '\n')) {
            i++;
        }
    }

    private Malformed error(String what) {
        return new Malformed("malformed JSON at column " + (i + 1) + ": " + what);
    }
}
