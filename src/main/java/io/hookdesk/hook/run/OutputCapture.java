package io.hookdesk.hook.run;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * One output stream of a hook, kept within a byte cap: the first half and the last half of the cap are kept,
 * and everything between is only counted. A hook that prints 50 MB costs the cap, not 50 MB, and the CSR still sees
 * how it started and how it ended, which is where the useful lines of a failing script usually are.
 * Thread-safe: a reader thread writes while the runner may take a snapshot.
 */
final class OutputCapture {

    private static final int CHUNK = 64 * 1024;

    /** A reader's read buffer, one per pooled reader thread rather than one per stream. */
    private static final ThreadLocal<byte[]> BUFFER = ThreadLocal.withInitial(() -> new byte[CHUNK]);

    private final int headCap;
    private final int tailCap;
    /**
     * Grown as output arrives (most hooks print a line or nothing), so a run does not allocate and zero the whole
     * cap, a megabyte per stream by default, up front; the tail is only needed once the head is full.
     */
    private byte[] head = new byte[0];
    private byte[] tail = new byte[0];
    private int headLength;
    /** Where the oldest tail byte sits once the tail has wrapped around. */
    private int tailStart;
    private int tailLength;
    private long total;

    OutputCapture(int cap) {
        if (cap < 2) {
            throw new IllegalArgumentException("output cap must be at least 2 bytes, was " + cap);
        }
        headCap = cap / 2;
        tailCap = cap - cap / 2;
    }

    /**
     * Reader threads are reused rather than started per run: two new threads per hook cost about half a millisecond of
     * every save on a busy two-core machine (the save benchmark). Daemon threads, so a reader stuck on a pipe that a
     * process outside the hook's group holds open never keeps HookDesk from exiting; idle ones end after a minute.
     */
    static ExecutorService readerPool() {
        return Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "hook-output-reader");
            t.setDaemon(true);
            return t;
        });
    }

    /** Copies {@code in} into this capture until end of stream, on a thread of {@code readers} named {@code threadName} meanwhile. */
    Reading readFrom(InputStream in, String threadName, Executor readers) {
        Reading reading = new Reading();
        readers.execute(() -> {
            Thread self = Thread.currentThread();
            String idle = self.getName();
            self.setName(threadName);
            byte[] buffer = BUFFER.get();
            try (in) {
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    write(buffer, 0, n);
                }
            } catch (IOException e) {
                // The stream was closed under us (the process is gone): what arrived so far is all there is.
            } finally {
                self.setName(idle);
                reading.done.countDown();
            }
        });
        return reading;
    }

    /** A copy in progress. */
    static final class Reading {
        private final CountDownLatch done = new CountDownLatch(1);

        /** Waits at most {@code millis} for the end of the stream; true if it came. */
        boolean await(long millis) throws InterruptedException {
            return done.await(millis, TimeUnit.MILLISECONDS);
        }

        boolean finished() {
            return done.getCount() == 0;
        }
    }

    synchronized void write(byte[] bytes, int offset, int length) {
        total += length;
        int toHead = Math.min(length, headCap - headLength);
        if (headLength + toHead > head.length) {
            head = Arrays.copyOf(head, Math.min(headCap, Math.max(headLength + toHead, 2 * head.length)));
        }
        System.arraycopy(bytes, offset, head, headLength, toHead);
        headLength += toHead;
        offset += toHead;
        length -= toHead;
        if (length > 0 && tail.length == 0) {
            tail = new byte[tailCap];
        }
        if (length == 0) {
            return;
        }
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
