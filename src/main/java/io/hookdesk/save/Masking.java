package io.hookdesk.save;

import io.hookdesk.hook.HookEnvironment;
import io.hookdesk.model.EnvValues;
import io.hookdesk.model.HookedTable;
import io.hookdesk.model.Secrets;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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

    /** {@code env} with the saved record's secret variables masked ({@link HookEnvironment#masked}), still sorted. */
    public static SortedMap<String, String> environment(HookedTable table, Map<String, String> env) {
        return HookEnvironment.masked(table, env);
    }

    /** Whether the variable {@code key} holds a secret of the saved record ({@code NEW_d02}, {@code OLD_ccnum} ...). */
    public static boolean isSecret(HookedTable table, String key) {
        return HookEnvironment.isSecret(table, key);
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

    /** The server's detail that repeats a whole row: every column's value, secrets included. */
    private static final Pattern FAILING_ROW = Pattern.compile(
            "Failing row contains \\(.*?\\)\\.?(?=\\s+(?:Where|Hint|Position|Routine|Location|Call getNextException)\\b|\\s*$)",
            Pattern.DOTALL);
    /** The server's detail that quotes a key: {@code Key (login, password)=(ada, s3cret)}. */
    private static final Pattern KEY = Pattern.compile("Key \\(([^)]*)\\)=\\((.*?)\\)(?= already exists| is not present| is still referenced| conflicts with|\\.|$)",
            Pattern.DOTALL);

    /**
     * A database error's text as people and files may read it ({@code hook_run.message}, hooks.log, dialogs): a
     * {@code Failing row contains (...)} detail loses the row's values, a {@code Key (col)=(value)} detail loses the
     * value when one of its columns holds a secret, and every secret value the change carried ({@code changes}, by
     * column) is masked wherever it still stands.
     */
    public static String databaseError(HookedTable table, String text, Map<String, String> changes) {
        if (text == null || text.isEmpty()) {
            return text == null ? "" : text;
        }
        String out = FAILING_ROW.matcher(text).replaceAll("Failing row contains (the row's values are not shown)");
        Matcher key = KEY.matcher(out);
        StringBuilder b = new StringBuilder();
        while (key.find()) {
            boolean secret = Arrays.stream(key.group(1).split(",\\s*"))
                    .anyMatch(c -> Secrets.isSecret(table, c.replace("\"", "")));
            key.appendReplacement(b, Matcher.quoteReplacement(
                    secret ? "Key (" + key.group(1) + ")=(" + Secrets.MASK + ")" : key.group()));
        }
        key.appendTail(b);
        out = b.toString();
        if (changes != null) {
            List<String> secrets = changes.entrySet().stream()
                    .filter(e -> e.getValue() != null && Secrets.isSecret(table, e.getKey()))
                    .map(Map.Entry::getValue)
                    .filter(v -> v.length() >= MIN_SCRUBBED_LENGTH && !v.equals(Secrets.MASK))
                    .distinct()
                    .sorted(Comparator.comparingInt(String::length).reversed())
                    .toList();
            for (String secret : secrets) {
                out = out.replace(secret, Secrets.MASK);
            }
        }
        return out;
    }

    /** The line a hook's output capture puts where it left bytes out (see the hook runner's output cap). */
    private static final Pattern CUT = Pattern.compile(
            "\\n\\[\\.\\.\\. [^\\n]{1,40} of output omitted by HookDesk \\.\\.\\.]\\n");

    /**
     * A secret that fell on the output cap's cut has its start before the marker and its end after it, and neither
     * half matches the whole value: the end of the text before the cut that begins a secret, and the start of the text
     * after it that ends one, are masked too, so no part of a secret survives a cut.
     */
    private static String maskAroundCut(String text, List<String> secrets) {
        Matcher m = CUT.matcher(text);
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
