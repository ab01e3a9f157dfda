package io.hookdesk.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;
import static org.quicktheories.generators.SourceDSL.strings;

/**
 * {@link JsonLine} for any change line: what a JSON writer writes reads back as the same keys in the same order with
 * the same values (numbers as written), and any line that is not blank is either read or refused as malformed with a
 * column on the line; nothing else escapes.
 */
class JsonLinePropertiesTest {

    private static final JsonFactory WRITER = new JsonFactory();

    /** Text as a value holds it: any code point (surrogate pairs whole), quotes, backslashes and controls included. */
    private static Gen<String> text() {
        Gen<Integer> cp = integers().between(0, 0x10FFFF).assuming(c -> c < 0xD800 || c > 0xDFFF)
                .mix(Generate.pick(List.of((int) '"', (int) '\\', (int) '\n', 0x00, 0x1F, (int) '/', 0x1F600, 0x2028)), 40);
        return lists().of(cp).ofSizeBetween(0, 15).map(cps -> {
            StringBuilder b = new StringBuilder();
            cps.forEach(b::appendCodePoint);
            return b.toString();
        });
    }

    /** A JSON number as someone writes it: integers, decimals with trailing zeros, exponents. */
    private static Gen<String> number() {
        return longs().all().map(n -> Long.toString(n))
                .mix(longs().between(-99_999, 99_999).zip(integers().between(0, 99), (a, b) -> a + "." + String.format("%02d", b)), 40)
                .mix(integers().between(1, 9).zip(integers().between(-400, 400), (m, e) -> m + "e" + e), 20);
    }

    private static Gen<Object> scalar() {
        return Generate.<Object>constant(JsonLine.NULL)
                .mix(Generate.pick(List.<Object>of(Boolean.TRUE, Boolean.FALSE)), 20)
                .mix(text().map(s -> (Object) s), 50)
                .mix(number().map(n -> (Object) new JsonLine.Number(n)), 40);
    }

    /** An object of distinct keys in a given order, one level holding a nested object as a change line's "set" does. */
    private static Gen<Map<String, Object>> line() {
        Gen<Map<String, Object>> flat = lists().of(text().zip(scalar(), Map::entry)).ofSizeBetween(0, 6).map(entries -> {
            Map<String, Object> m = new LinkedHashMap<>();
            entries.forEach(e -> m.putIfAbsent(e.getKey(), e.getValue()));
            return m;
        });
        return flat.zip(flat, (outer, set) -> {
            Map<String, Object> m = new LinkedHashMap<>(outer);
            m.remove("set");
            m.put("set", set);
            return m;
        });
    }

    private static String write(Map<String, Object> object) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = WRITER.createGenerator(out)) {
            write(g, object);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    @SuppressWarnings("unchecked")
    private static void write(JsonGenerator g, Map<String, Object> object) throws IOException {
        g.writeStartObject();
        for (Map.Entry<String, Object> e : object.entrySet()) {
            g.writeFieldName(e.getKey());
            Object v = e.getValue();
            if (v == JsonLine.NULL) {
                g.writeNull();
            } else if (v instanceof Boolean b) {
                g.writeBoolean(b);
            } else if (v instanceof String s) {
                g.writeString(s);
            } else if (v instanceof JsonLine.Number n) {
                g.writeNumber(n.text());
            } else {
                write(g, (Map<String, Object>) v);
            }
        }
        g.writeEndObject();
    }

    @Test
    void whatAJsonWriterWritesReadsBackTheSame() {
        qt().withExamples(500).forAll(line()).checkAssert(object -> {
            Map<String, Object> read = JsonLine.parse(write(object));
            assertThat(read).isEqualTo(object);
            assertThat(read.keySet()).containsExactlyElementsOf(object.keySet());
        });
    }

    @Test
    void anyTextIsReadOrRefusedWithAColumnOnTheLine() {
        Gen<String> lines = strings().betweenCodePoints(' ', '~').ofLengthBetween(0, 40)
                .mix(line().map(m -> write(m)).zip(integers().between(0, 60), integers().between(0, 127),
                        (json, at, c) -> {
                            int i = Math.min(at, json.length());
                            return json.substring(0, i) + (char) c.intValue() + json.substring(i);
                        }), 60)
                .mix(line().map(m -> write(m)).zip(integers().between(0, 60),
                        (json, at) -> json.substring(0, Math.min(at, json.length()))), 30);
        // apply --file skips blank lines before they get here (BatchApply).
        qt().withExamples(1000).forAll(lines.map(l -> l.isBlank() ? l + "{" : l)).checkAssert(text -> {
            Throwable thrown = catchThrowable(() -> JsonLine.parse(text));
            if (thrown != null) {
                assertThat(thrown).as(text).isInstanceOf(JsonLine.Malformed.class).hasMessageStartingWith("malformed JSON at column ");
                Matcher m = Pattern.compile("^malformed JSON at column (-?\\d+): ").matcher(thrown.getMessage());
                assertThat(m.find()).as(thrown.getMessage()).isTrue();
                int column = Integer.parseInt(m.group(1));
                assertThat(column).as("the column of %s in %s", thrown.getMessage(), text).isBetween(1, text.length() + 1);
            }
        });
    }
}
