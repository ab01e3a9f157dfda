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
        return secrets.isEmpty() ? out : maskAroundCut(out, secrets);
    }

    /** The line a hook's output capture puts where it left bytes out (see the hook runner's output cap). */
    private static final java.util.regex.Pattern CUT = java.util.regex.Pattern.compile(
            "\\n\\[\\.\\.\\. [^\\n]{1,40} of output omitted by HookDesk \\.\\.\\.]\\n");

    /**
     * A secret that fell on the output cap's cut has its start before the marker and its end after it, and neither
     * half matches the whole value: the end of the text before the cut that begins a secret, and the start of the text
     * after it that ends one, are masked too, so no part of a secret survives a cut.
     */
    private static String maskAroundCut(String text, List<String> secrets) {
        java.util.regex.Matcher m = CUT.matcher(text);
        if (!m.find()) {
            return text;
        }
        String head = text.substring(0, m.start());
        String tail = text.substring(m.end());
        int headCut = 0;
        int tailCut = 0;
        for (String secret : secrets) {
            for (int n = Math.min(secret.length() - 1, head.length()); n > headCut; n--) {
                if (head.endsWith(secret.substring(0, n))) {
                    headCut = n;
                    break;
                }
            }
            for (int n = Math.min(secret.length() - 1, tail.length()); n > tailCut; n--) {
                if (tail.startsWith(secret.substring(secret.length() - n))) {
                    tailCut = n;
                    break;
                }
            }
        }
        return head.substring(0, head.length() - headCut) + (headCut > 0 ? Secrets.MASK : "") + m.group()
                + (tailCut > 0 ? Secrets.MASK : "") + tail.substring(tailCut);
    }
}
