package io.hookdesk.cli;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.BitSet;
import java.util.Map;
import java.util.TreeMap;

/**
 * What became of each line of an {@code apply --file} that stopped because the database could not be reached: which
 * committed, which failed, which were not tried, and the text of the lines a rerun may apply (never one that
 * committed, or whose commit was lost after its hook ran). Thread-safe: lanes report in parallel.
 */
final class BatchLines {

    enum State { COMMITTED, FAILED, NOT_TRIED, RETRY }

    private final BitSet committed = new BitSet();
    private final BitSet failed = new BitSet();
    private final BitSet notTried = new BitSet();
    /** Line number to text, in file order: what the rest file holds before the lines never read. */
    private final TreeMap<Integer, String> retry = new TreeMap<>();
    /** Every line written to the rest file, those never read before it included. */
    private final BitSet rest = new BitSet();
    private int uncopied;

    synchronized void committed(int line) {
        committed.set(line);
    }

    synchronized void failed(int line) {
        failed.set(line);
    }

    /** A line that failed only because the database was gone: nothing of it was committed. */
    synchronized void retry(int line, String text) {
        retry.put(line, text);
    }

    /** A line no save was attempted for; {@code text} null when the line is not valid UTF-8 (it cannot be copied). */
    synchronized void notTried(int line, String text) {
        notTried.set(line);
        if (text == null) {
            uncopied++;
        } else if (!text.isBlank()) {
            retry.put(line, text);
        }
    }

    synchronized int uncopied() {
        return uncopied;
    }

    /**
     * Writes the lines to retry, then every line {@code reader} has not read yet, to {@code rest} (only the user may
     * read it: lines may hold passwords; an existing symbolic link there is refused, not followed). Returns the file,
     * or null when it could not be written.
     */
    Path writeRest(Utf8Lines reader, Path rest) {
        try {
            if (!Files.exists(rest, LinkOption.NOFOLLOW_LINKS)) {
                Files.createFile(rest, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            }
            try (Writer w = Files.newBufferedWriter(rest, StandardCharsets.UTF_8, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING, LinkOption.NOFOLLOW_LINKS)) {
                for (Map.Entry<Integer, String> e : snapshot().entrySet()) {
                    w.write(e.getValue());
                    w.write('\n');
                    written(e.getKey());
                }
                for (Utf8Lines.Line read = reader.next(); read != null; read = reader.next()) {
                    if (read.text() == null) {
                        notTried(read.number(), null);
                    } else if (!read.text().isBlank()) {
                        notTried(read.number(), "");
                        w.write(read.text());
                        w.write('\n');
                        written(read.number());
                    }
                }
            }
            return rest;
        } catch (IOException | UnsupportedOperationException e) {
            return null;
        }
    }

    private synchronized void written(int line) {
        rest.set(line);
    }

    private synchronized TreeMap<Integer, String> snapshot() {
        return new TreeMap<>(retry);
    }

    /** {@code lines 1-5, 7 (6)}, or {@code none}. */
    synchronized String describe(State state) {
        BitSet set = switch (state) {
            case COMMITTED -> committed;
            case FAILED -> failed;
            case NOT_TRIED -> notTried;
            case RETRY -> rest;
        };
        if (set.isEmpty()) {
            return "none";
        }
        StringBuilder b = new StringBuilder("line").append(set.cardinality() == 1 ? " " : "s ");
        int ranges = 0;
        for (int from = set.nextSetBit(0); from >= 0; from = set.nextSetBit(from)) {
            int to = set.nextClearBit(from) - 1;
            if (ranges++ == 20) {
                b.append(", …");
                break;
            }
            b.append(ranges == 1 ? "" : ", ").append(from == to ? from + "" : from + "-" + to);
            from = to + 1;
        }
        return b.append(" (").append(set.cardinality()).append(')').toString();
    }
}
