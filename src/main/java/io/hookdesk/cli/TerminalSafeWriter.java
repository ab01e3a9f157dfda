package io.hookdesk.cli;

import io.hookdesk.model.EnvValues;

import java.io.FilterWriter;
import java.io.IOException;
import java.io.Writer;

/**
 * The command line's stderr: what is written passes through {@link EnvValues#forTerminal}, so a hook's output or a
 * value quoted in a message cannot drive the operator's terminal (clear it, colour it, move the cursor, reorder the
 * text). Lines and tabs are kept. Every character that is escaped is a single UTF-16 unit, so text split across
 * writes is escaped as it would be whole.
 */
final class TerminalSafeWriter extends FilterWriter {

    TerminalSafeWriter(Writer out) {
        super(out);
    }

    @Override
    public void write(int c) throws IOException {
        out.write(EnvValues.forTerminal(String.valueOf((char) c)));
    }

    @Override
    public void write(char[] buffer, int offset, int length) throws IOException {
        out.write(EnvValues.forTerminal(new String(buffer, offset, length)));
    }

    @Override
    public void write(String text, int offset, int length) throws IOException {
        out.write(EnvValues.forTerminal(text.substring(offset, offset + length)));
    }
}
