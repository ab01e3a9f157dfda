package io.hookdesk.hook;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One output stream of a hook, kept within a byte cap: the first half and the last half of the cap are kept,
 * and everything between is only counted. A hook that prints 50 MB costs the cap, not 50 MB, and the CSR still sees
 * how it started and how it ended, which is where the useful lines of a failing script usually are.
 * Thread-safe: a reader thread writes while the runner may take a snapshot.
 */
final class OutputCapture {

    private static final int CHUNK = 64 * 1024;

    private final byte[] head;
    private final byte[] tail;
    private int headLength;
    /** Where the oldest tail byte sits once the tail has wrapped around. */
    private int tailStart;
    private int tailLength;
    private long total;

    OutputCapture(int cap) {
        if (cap < 2) {
            throw new IllegalArgumentException("output cap must be at least 2 bytes, was " + cap);
        }
        head = new byte[cap / 2];
        tail = new byte[cap - cap / 2];
    }

    /** Starts a daemon thread copying {@code in} into this capture until end of stream. */
    Thread readFrom(InputStream in, String threadName) {
        Thread reader = new Thread(() -> {
            byte[] buffer = new byte[CHUNK];
            try (in) {
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    write(buffer, 0, n);
                }
            } catch (IOException e) {
                // The stream was closed under us (the process is gone): what arrived so far is all there is.
            }
        }, threadName);
        reader.setDaemon(true);
        reader.start();
        return reader;
    }

    synchronized void write(byte[] bytes, int offset, int length) {
        total += length;
        int toHead = Math.min(length, head.length - headLength);
        System.arraycopy(bytes, offset, head, headLength, toHead);
        headLength += toHead;
        offset += toHead;
        length -= toHead;
        if (length >= tail.length) {
            System.arraycopy(bytes, offset + length - tail.length, tail, 0, tail.length);
            tailStart = 0;
            tailLength = tail.length;
            return;
        }
        int writeAt = (tailStart + tailLength) % tail.length;
        int first = Math.min(length, tail.length - writeAt);
        System.arraycopy(bytes, offset, tail, writeAt, first);
        System.arraycopy(bytes, offset + first, tail, 0, length - first);
        int overwritten = tailLength + length - tail.length;
        if (overwritten > 0) {
            tailStart = (tailStart + overwritten) % tail.length;
            tailLength = tail.length;
        } else {
            tailLength += length;
        }
    }

    synchronized long total() {
        return total;
    }

    /** The kept output as UTF-8 (malformed input replaced), with a marker line where bytes were left out. */
    synchronized String text() {
        byte[] tailBytes = new byte[tailLength];
        for (int i = 0; i < tailLength; i++) {
            tailBytes[i] = tail[(tailStart + i) % tail.length];
        }
        long omitted = total - headLength - tailLength;
        if (omitted == 0) {
            byte[] all = new byte[headLength + tailLength];
            System.arraycopy(head, 0, all, 0, headLength);
            System.arraycopy(tailBytes, 0, all, headLength, tailLength);
            return new String(all, StandardCharsets.UTF_8);
        }
        // Cut at character boundaries so the cut does not show up as replacement characters.
        int headEnd = characterBoundaryAtOrBefore(head, headLength);
        int tailBegin = characterBoundaryAtOrAfter(tailBytes, 0);
        omitted += (headLength - headEnd) + tailBegin;
        return new String(head, 0, headEnd, StandardCharsets.UTF_8)
                + "\n[... " + size(omitted) + " of output omitted by HookDesk ...]\n"
                + new String(tailBytes, tailBegin, tailBytes.length - tailBegin, StandardCharsets.UTF_8);
    }

    /** Human-sized byte count: {@code 512 bytes}, {@code 12.3 kB}, {@code 48.2 MB} (SI units). */
    static String size(long bytes) {
        if (bytes < 1000) {
            return bytes + (bytes == 1 ? " byte" : " bytes");
        }
        String[] units = {"kB", "MB", "GB", "TB"};
        double value = bytes;
        int unit = -1;
        while (value >= 999.95 && unit < units.length - 1) {
            value /= 1000;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }

    private static boolean continuation(byte b) {
        return (b & 0xC0) == 0x80;
    }

    /** Drops an incomplete UTF-8 sequence at the end of {@code bytes[0, end)}; a UTF-8 sequence is at most 4 bytes. */
    private static int characterBoundaryAtOrBefore(byte[] bytes, int end) {
        for (int back = 1; back <= 4 && end - back >= 0; back++) {
            int b = bytes[end - back] & 0xFF;
            if (!continuation(bytes[end - back])) {
                int needed = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
                return needed > back ? end - back : end;
            }
        }
        return end;
    }

    private static int characterBoundaryAtOrAfter(byte[] bytes, int begin) {
        int i = begin;
        while (i < bytes.length && i - begin < 3 && continuation(bytes[i])) {
            i++;
        }
        return i;
    }
}
