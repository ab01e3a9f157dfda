package io.hookdesk.hook;

import io.hookdesk.model.EnvValues;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

/**
 * {@link EnvValues#oneLine} for any text: what it writes is one line a terminal or log reader cannot be fooled by, and
 * reads back (as {@code printf '%b'} reads it) as exactly the text.
 */
class EnvValuesPropertiesTest {

    @Test
    void anyTextBecomesOneLineWithoutControlCharactersButTabs() {
        qt().withExamples(1000).forAll(anyText()).checkAssert(text -> {
            String line = EnvValues.oneLine(text);
            line.codePoints().forEach(cp -> {
                int type = Character.getType(cp);
                assertThat(cp == '\t' || (type != Character.CONTROL && type != Character.LINE_SEPARATOR
                        && type != Character.PARAGRAPH_SEPARATOR))
                        .as("U+%04X in %s", cp, line).isTrue();
            });
        });
    }

    @Test
    void anyTextReadsBackExactlyAsPrintfBWouldReadIt() {
        qt().withExamples(1000).forAll(anyText()).checkAssert(text ->
                assertThat(printfB(EnvValues.oneLine(text))).isEqualTo(text));
    }

    @Test
    void bidirectionalMarksAreEscapedSoTheyCannotReorderWhatFollows() {
        for (int mark : BIDI_CONTROLS) {
            assertThat(EnvValues.oneLine("a" + Character.toString(mark) + "b"))
                    .isEqualTo(String.format("a\\u%04x", mark) + "b");
        }
    }

    @Test
    void textWithoutBackslashesOrControlCharactersIsLeftAsItIs() {
        qt().withExamples(2000).forAll(plainText()).checkAssert(text ->
                assertThat(EnvValues.oneLine(text)).isEqualTo(text));
    }

    @Test
    void nullIsEmpty() {
        assertThat(EnvValues.oneLine(null)).isEmpty();
    }

    /** The escapes {@code printf '%b'} turns back, as far as oneLine writes them: \\, \n, \r and \\uXXXX. */
    private static String printfB(String line) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c != '\\') {
                b.append(c);
                continue;
            }
            char next = line.charAt(++i);
            switch (next) {
                case '\\' -> b.append('\\');
                case 'n' -> b.append('\n');
                case 'r' -> b.append('\r');
                case 'u' -> {
                    b.appendCodePoint(Integer.parseInt(line.substring(i + 1, i + 5), 16));
                    i += 4;
                }
                default -> throw new AssertionError("an escape printf '%b' would read otherwise: \\" + next + " in " + line);
            }
        }
        return b.toString();
    }

    /**
     * Text as values arrive: letters and digits, backslashes (also before n, r and u), newlines, carriage returns,
     * tabs, ESC and other C0 and C1 controls, DEL, U+2028 and U+2029, non-ASCII letters and emoji.
     */
    static Gen<String> anyText() {
        Gen<Integer> cp = Generate.pick(List.of((int) 'a', (int) 'Z', (int) '0', (int) ' ', (int) '\\', (int) 'n',
                        (int) 'r', (int) 'u', (int) '\n', (int) '\r', (int) '\t', 0x1b, 0x00, 0x07, 0x7f, 0x85, 0x9b, 0x2028,
                        0x2029, (int) 'é', 0x1F600, (int) '"', (int) '\''))
                .mix(integers().between(0, 0x10FFFF).assuming(c -> c < 0xD800 || c > 0xDFFF), 30);
        return lists().of(cp).ofSizeBetween(0, 40).map(cps -> {
            StringBuilder b = new StringBuilder();
            cps.forEach(b::appendCodePoint);
            return b.toString();
        });
    }

    /** The marks, embeddings, overrides and isolates that reorder text: oneLine escapes them (Trojan Source). */
    private static final List<Integer> BIDI_CONTROLS = List.of(0x061C, 0x200E, 0x200F, 0x202A, 0x202B, 0x202C, 0x202D,
            0x202E, 0x2066, 0x2067, 0x2068, 0x2069);

    /** Printable text: neither backslashes, controls, line separators nor bidirectional controls (all escaped). */
    private static Gen<String> plainText() {
        Gen<Integer> cp = integers().between(0x20, 0x7e).assuming(c -> c != '\\')
                .mix(integers().between(0xa0, 0x2100).assuming(c -> !BIDI_CONTROLS.contains(c)
                        && Character.getType(c) != Character.LINE_SEPARATOR
                        && Character.getType(c) != Character.PARAGRAPH_SEPARATOR), 20);
        return lists().of(cp).ofSizeBetween(0, 40).map(cps -> {
            StringBuilder b = new StringBuilder();
            cps.forEach(b::appendCodePoint);
            return b.toString();
        });
    }
}
