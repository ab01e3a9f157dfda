package io.hookdesk.cli;

import io.hookdesk.model.EnvValues;

import java.io.PrintWriter;
import java.util.Map;

/**
 * How {@code hookdesk env} writes an environment. Lines: {@code KEY=VALUE\n}, sorted, each value on one line as
 * {@link EnvValues#oneLine} writes it (the encoding of the audit trail's environment column too). {@code -0}:
 * {@code KEY=VALUE\0} records with the raw value, like {@code env -0}; a value can hold no NUL, so nothing needs
 * escaping.
 */
final class EnvFormat {

    private EnvFormat() {
    }

    static void lines(PrintWriter out, Map<String, String> env) {
        env.forEach((k, v) -> out.print(k + "=" + EnvValues.oneLine(v) + "\n"));
        out.flush();
    }

    static void nul(PrintWriter out, Map<String, String> env) {
        env.forEach((k, v) -> out.print(k + "=" + v + "\0"));
        out.flush();
    }
}
