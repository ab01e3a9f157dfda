package io.hookdesk.cli;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class Utf8LinesTest {

    private static List<Utf8Lines.Line> lines(byte[] bytes) throws IOException {
        List<Utf8Lines.Line> lines = new ArrayList<>();
        try (Utf8Lines reader = new Utf8Lines(new ByteArrayInputStream(bytes))) {
            for (Utf8Lines.Line l = reader.next(); l != null; l = reader.next()) {
                lines.add(l);
            }
        }
        return lines;
    }

    private static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    @Test
    void aByteThatIsNotUtf8SpoilsOnlyItsOwnLine() throws IOException {
        // "é" then a lone continuation byte, a truncated sequence, an encoded surrogate (CESU-8), an overlong '/'.
        byte[] file = bytes('a', 0xC3, 0xA9, '\n', 'b', 0x80, 'c', '\n', 'x', 0xE2, 0x82, '\n', 0xED, 0xA0, 0x80, '\n',
                0xC0, 0xAF, '\n', 'z');
        assertThat(lines(file)).containsExactly(
                new Utf8Lines.Line(1, "aé", null),
                new Utf8Lines.Line(2, null, "not UTF-8: 0x80 at byte 2 of the line; save the file as UTF-8"),
                new Utf8Lines.Line(3, null, "not UTF-8: 0xE2 0x82 at byte 2 of the line; save the file as UTF-8"),
                new Utf8Lines.Line(4, null, "not UTF-8: 0xED 0xA0 0x80 at byte 1 of the line; save the file as UTF-8"),
                new Utf8Lines.Line(5, null, "not UTF-8: 0xC0 at byte 1 of the line; save the file as UTF-8"),
                new Utf8Lines.Line(6, "z", null));
    }

    @Test
    void linesEndAtNewlineWithOrWithoutCarriageReturnAndABomIsDropped() throws IOException {
        assertThat(lines(bytes(0xEF, 0xBB, 0xBF, 'a', '\r', '\n', '\n', 'b', '\n')).stream().map(Utf8Lines.Line::text))
                .containsExactly("a", "", "b");
        assertThat(lines(new byte[0])).isEmpty();
        assertThat(lines(bytes('\n')).stream().map(Utf8Lines.Line::text)).containsExactly("");
        assertThat(lines(bytes('a', 0xEF, 0xBB, 0xBF, '\n', 0xEF, 0xBB, 0xBF)).stream().map(Utf8Lines.Line::text))
                .containsExactly("a\uFEFF", "\uFEFF");
    }

    @Test
    void linesLongerThanTheBufferAreWholeAndOverTheLimitAreReportedNotRead() throws IOException {
        String longLine = "é".repeat(100_000);
        byte[] file = (longLine + "\n" + "x".repeat(Utf8Lines.MAX_LINE_BYTES + 1) + "\nend").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(lines(file)).containsExactly(
                new Utf8Lines.Line(1, longLine, null),
                new Utf8Lines.Line(2, null, "the line is longer than 8 MiB; nothing in it was read"),
                new Utf8Lines.Line(3, "end", null));
    }
}
