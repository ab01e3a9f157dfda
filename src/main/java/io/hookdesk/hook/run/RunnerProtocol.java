package io.hookdesk.hook.run;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What HookDesk and its hook runner ({@code hookdesk runhook --serve DIR}) say to each other over the runner's stdin and
 * stdout, through sudo or an SSH channel: frames of a 4-byte big-endian length and that many bytes of one JSON object,
 * whose values are strings, integers, booleans, null, or objects of the same.
 *
 * <p>The runner speaks first: {@code hello} (protocol, version, account, host, directory, and each table's hook status).
 * Then the client sends {@code status} (one table), {@code run} (table, env, timeout_ms) and {@code cancel}, each with
 * an {@code id}; the runner answers {@code status}, {@code started} then {@code result}, with the same id. A client that
 * closes the runner's stdin ends it: the runner stops every hook still running.
 *
 * <p>A client that keeps a record of runs says first who it is ({@code client}: its HookDesk home, and the database its
 * saves go to), asks {@code abandoned} (what of its runs ended after its last connection did: lines, and hooks that had
 * exited 0, for it to check against its database), names each run's transaction ({@code transaction}, while the hook
 * runs) and says when a commit after exit 0 is over ({@code settled}), upon which the runner forgets the run.
 */
final class RunnerProtocol {

    /** Raised when either side changes what the frames mean; both sides refuse another number with what to install. */
    static final int PROTOCOL = 2;
    /** No frame is larger: an environment is at most a few MiB, output capped at 1 MiB a stream. */
    static final int MAX_FRAME = 64 * 1024 * 1024;

    private static final JsonFactory JSON = new JsonFactory();

    private RunnerProtocol() {
    }

    /** HookDesk's version, from the jar's manifest; a build from source says so. Both sides must agree on it. */
    static String version() {
        String v = RunnerProtocol.class.getPackage().getImplementationVersion();
        return v == null ? "development build" : v;
    }

    static void write(DataOutputStream out, Map<String, ?> message) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (JsonGenerator g = JSON.createGenerator(bytes)) {
            writeObject(g, message);
        }
        synchronized (out) {
            out.writeInt(bytes.size());
            bytes.writeTo(out);
            out.flush();
        }
    }

    /** The next message, or null at the end of the stream between frames. */
    static Map<String, Object> read(DataInputStream in) throws IOException {
        int length;
        try {
            length = in.readInt();
        } catch (EOFException end) {
            return null;
        }
        if (length < 2 || length > MAX_FRAME) {
            throw new IOException("not a hook runner frame (length " + length + "): is the runner HookDesk's "
                    + "'runhook --serve', and does nothing else write to its stdout?");
        }
        byte[] frame = new byte[length];
        in.readFully(frame);
        try (JsonParser p = JSON.createParser(frame)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("a hook runner frame is not a JSON object");
            }
            return readObject(p);
        }
    }

    private static void writeObject(JsonGenerator g, Map<String, ?> map) throws IOException {
        g.writeStartObject();
        for (Map.Entry<String, ?> e : map.entrySet()) {
            g.writeFieldName(e.getKey());
            Object v = e.getValue();
            if (v == null) {
                g.writeNull();
            } else if (v instanceof String s) {
                g.writeString(s);
            } else if (v instanceof Integer || v instanceof Long) {
                g.writeNumber(((Number) v).longValue());
            } else if (v instanceof Boolean b) {
                g.writeBoolean(b);
            } else if (v instanceof Map<?, ?> m) {
                @SuppressWarnings("unchecked")
                Map<String, ?> inner = (Map<String, ?>) m;
                writeObject(g, inner);
            } else {
                throw new IllegalArgumentException("cannot send a " + v.getClass().getSimpleName() + " to the hook runner");
            }
        }
        g.writeEndObject();
    }

    private static Map<String, Object> readObject(JsonParser p) throws IOException {
        Map<String, Object> map = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken t = p.nextToken();
            Object value = switch (t) {
                case VALUE_NULL -> null;
                case VALUE_STRING -> p.getText();
                case VALUE_NUMBER_INT -> p.getLongValue();
                case VALUE_TRUE -> Boolean.TRUE;
                case VALUE_FALSE -> Boolean.FALSE;
                case START_OBJECT -> readObject(p);
                default -> throw new IOException("unexpected " + t + " in a hook runner frame");
            };
            map.put(name, value);
        }
        return map;
    }

    static String string(Map<String, Object> m, String key) {
        Object v = m.get(key);
        return v == null ? null : v.toString();
    }

    static Long number(Map<String, Object> m, String key) {
        Object v = m.get(key);
        return v instanceof Long l ? l : null;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> object(Map<String, Object> m, String key) {
        Object v = m.get(key);
        return v instanceof Map<?, ?> ? (Map<String, Object>) v : Map.of();
    }
}
