package io.hookdesk.save;

import io.hookdesk.hook.EnvValues;
import io.hookdesk.hook.HookEnvironment;
import io.hookdesk.model.HookedTable;
import io.hookdesk.model.Secrets;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Keeps secrets out of what people and files can read. The environment's secret variables are masked by name;
 * a hook that echoes a password into its output has it masked there too, by value.
 */
public final class Masking {

    /** Shorter values are too likely to occur by chance (a PIN of "1" would mask every 1 in the output). */
    private static final int MIN_SCRUBBED_LENGTH = 4;

    private Masking() {
    }

    public static Map<String, String> environment(HookedTable table, Map<String, String> env) {
        return HookEnvironment.masked(table, env);
    }

    /** {@code KEY=VALUE} lines, sorted, secrets masked, each value on one line ({@link EnvValues#oneLine}). */
    public static String environmentText(HookedTable table, Map<String, String> env) {
        return environment(table, env).entrySet().stream()
                .map(e -> e.getKey() + "=" + EnvValues.oneLine(e.getValue()))
                .collect(Collectors.joining("\n"));
    }

    /** {@code text} with every secret value of {@code env} replaced by the mask. */
    public static String output(HookedTable table, Map<String, String> env, String text) {
        if (text == null || text.isEmpty() || env == null) {
            return text == null ? "" : text;
        }
        List<String> secrets = env.entrySet().stream()
                .filter(e -> HookEnvironment.isSecret(table, e.getKey()))
                .map(Map.Entry::getValue)
                .filter(v -> v.length() >= MIN_SCRUBBED_LENGTH && !v.equals(Secrets.MASK))
                .distinct()
                .sorted(Comparator.comparingInt(String::length).reversed())
                .toList();
        String out = text;
        for (String secret : secrets) {
            out = out.replace(secret, Secrets.MASK);
        }
        return out;
    }
}
