package io.hookdesk.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One line of {@code apply --file} read as a strict JSON object (RFC 8259) with jackson-core's streaming parser:
 * objects, strings, numbers, {@code true}, {@code false}, {@code null}; no arrays. A number is kept as its literal
 * text ({@link Number}), so {@code 19.90} reaches the value parser exactly as written. Duplicate keys, a lone UTF-16
 * surrogate written as an escape, and lines nested or sized beyond what a change can need are errors; every error is a
 * {@link Malformed} naming the 1-based column where the text stops making sense.
 */
final class JsonLine {

    /** A line is an object holding the {@code set} object: 2 levels. The rest of the margin costs nothing. */
    static final int MAX_DEPTH = 8;
    /** Longer than any column's value; jackson's default (1000 digits) would let a line cost quadratic parsing. */
    static final int MAX_NUMBER_LENGTH = 100;
    /** One value, in characters: far above any column a CSR fills in, far below what would strain memory. */
    static final int MAX_STRING_LENGTH = 1_000_000;

    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_DEPTH)
                    .maxNumberLength(MAX_NUMBER_LENGTH)
                    .maxStringLength(MAX_STRING_LENGTH)
                    .build())
            .build();

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
        Malformed(int column, String what) {
            super("malformed JSON at column " + column + ": " + what, null, false, false);
        }
    }

    private final JsonParser parser;

    private JsonLine(JsonParser parser) {
        this.parser = parser;
    }

    /** The object on this line, keys in the order written. */
    static Map<String, Object> parse(String line) {
        try (JsonParser parser = JSON.createParser(line)) {
            JsonLine reader = new JsonLine(parser);
            try {
                return reader.line();
            } catch (JsonProcessingException e) {
                JsonLocation at = e.getLocation() != null ? e.getLocation() : parser.currentLocation();
                throw new Malformed(at.getColumnNr(), plain(e.getOriginalMessage()));
            }
        } catch (IOException e) {
            // Only a reader of a file or socket can fail this way; this one reads a String.
            throw new UncheckedIOException(e);
        }
    }

    private Map<String, Object> line() throws IOException {
        if (parser.nextToken() != JsonToken.START_OBJECT) {
            throw malformedAtToken("expected a JSON object starting with '{'");
        }
        Map<String, Object> object = object();
        if (parser.nextToken() != null) {
            throw malformedAtToken("unexpected text after the object");
        }
        return object;
    }

    /** The object whose START_OBJECT the parser is on. */
    private Map<String, Object> object() throws IOException {
        Map<String, Object> map = new LinkedHashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String key = wellFormed(parser.currentName());
            map.put(key, value(parser.nextToken()));
        }
        return map;
    }

    private Object value(JsonToken token) throws IOException {
        return switch (token) {
            case START_OBJECT -> object();
            case START_ARRAY -> throw malformedAtToken("arrays are not supported here");
            case VALUE_STRING -> wellFormed(parser.getText());
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> new Number(parser.getText());
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NULL -> NULL;
            default -> throw malformedAtToken("expected a value");
        };
    }

    /**
     * The text, if every UTF-16 surrogate in it is half of a pair. jackson decodes {@code "\ud800"} as the lone
     * surrogate it spells, which no UTF-8 column can store (it would arrive as {@code ?}).
     */
    private String wellFormed(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw malformedAtToken(String.format("\\u%04x is half of a UTF-16 surrogate pair without its other half;"
                        + " write the character itself or both halves", (int) c));
            }
        }
        return text;
    }

    private Malformed malformedAtToken(String what) {
        return new Malformed(parser.currentTokenLocation().getColumnNr(), what);
    }

    /** jackson's message without what only a programmer can act on (source locations, feature and setting names). */
    private static String plain(String message) {
        return message.replaceAll(" \\(start marker at \\[.*\\]\\)", "")
                .replaceAll(", from `[^`]*`\\)", ")")
                .replaceAll(": enable `[^`]*` to allow", "");
    }
}
