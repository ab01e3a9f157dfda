package io.hookdesk.cli;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The lines of a byte stream, each decoded on its own as strict UTF-8, so that a byte that is not UTF-8 spoils only
 * the line it is on (a {@link Line} with a {@code problem}) rather than the whole file, and is never turned into
 * {@code U+FFFD} behind the reader's back. Lines end at {@code \n}; a {@code \r} before it is dropped, and so is a
 * byte order mark at the start of the first line.
 */
final class Utf8Lines implements Closeable {

    /** Longer lines are reported, not read into memory: no change needs a tenth of this. */
    static final int MAX_LINE_BYTES = 8 << 20;

    /** Line {@code number} (1-based): its {@code text}, or why it has none. */
    record Line(int number, String text, String problem) {
    }

    private final InputStream in;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private final byte[] buffer = new byte[1 << 16];
    private int position;
    private int limit;
    private byte[] line = new byte[256];
    private int number;

    Utf8Lines(InputStream in) {
        this.in = in;
    }

    /** The next line, or null at the end of the stream. */
    Line next() throws IOException {
        int length = 0;
        boolean tooLong = false;
        boolean sawAny = false;
        while (true) {
            if (position == limit && !fill()) {
                if (!sawAny) {
                    return null;
                }
                break;
            }
            sawAny = true;
            int end = indexOfNewline();
            int take = (end < 0 ? limit : end) - position;
            if (length + take > MAX_LINE_BYTES) {
                tooLong = true;
            } else {
                append(length, take);
                length += take;
            }
            position += take;
            if (end >= 0) {
                position++;
                break;
            }
        }
        number++;
        if (tooLong) {
            return new Line(number, null, "the line is longer than " + (MAX_LINE_BYTES >> 20) + " MiB; nothing in it was read");
        }
        if (length > 0 && line[length - 1] == '\r') {
            length--;
        }
        int start = number == 1 && length >= 3 && (line[0] & 0xFF) == 0xEF && (line[1] & 0xFF) == 0xBB
                && (line[2] & 0xFF) == 0xBF ? 3 : 0;
        return decode(start, length);
    }

    private Line decode(int start, int end) {
        ByteBuffer bytes = ByteBuffer.wrap(line, start, end - start);
        CharBuffer chars = CharBuffer.allocate(end - start);
        decoder.reset();
        CoderResult result = decoder.decode(bytes, chars, true);
        if (!result.isError()) {
            result = decoder.flush(chars);
        }
        if (result.isError()) {
            StringBuilder bad = new StringBuilder();
            for (int i = 0; i < result.length(); i++) {
                bad.append(i == 0 ? "" : " ").append(String.format("0x%02X", line[bytes.position() + i] & 0xFF));
            }
            return new Line(number, null, "not UTF-8: " + bad + " at byte " + (bytes.position() - start + 1)
                    + " of the line; save the file as UTF-8");
        }
        return new Line(number, chars.flip().toString(), null);
    }

    private int indexOfNewline() {
        for (int i = position; i < limit; i++) {
            if (buffer[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private void append(int length, int take) {
        if (length + take > line.length) {
            line = Arrays.copyOf(line, Math.max(line.length * 2, length + take));
        }
        System.arraycopy(buffer, position, line, length, take);
    }

    private boolean fill() throws IOException {
        int n = in.read(buffer);
        position = 0;
        limit = Math.max(n, 0);
        return n > 0;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
