package io.hookdesk.hook;

import io.hookdesk.model.EnvValues;
import io.hookdesk.model.HookedTable;
import io.hookdesk.model.Operation;
import io.hookdesk.model.Row;
import io.hookdesk.model.Secrets;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Builds the environment a {@code <table>_hook} runs with. This is the only place it is built: the save path
 * hands its result to the process, and the desktop panel and {@code hookdesk env} show the same function's result,
 * so what a supervisor previews is what the hook gets. Pure: no I/O, no clock, no database.
 */
public final class HookEnvironment {

    /** Variables taken from the client's own environment; everything else of it stays behind. */
    public static final Set<String> INHERITED = Set.of("PATH", "HOME", "LANG", "TZ", "TMPDIR");

    private HookEnvironment() {
    }

    public static SortedMap<String, String> build(HookInput in) {
        SortedMap<String, String> env = new TreeMap<>();
        in.clientEnv().forEach((key, value) -> {
            if (inherited(key) && value != null) {
                env.put(key, value);
            }
        });
        env.putIfAbsent("PATH", "/usr/local/bin:/usr/bin:/bin");

        env.put("NEW", in.operation() == Operation.CREATE ? "1" : "0");
        put(env, "NEW_", in.newRow(), column -> false);
        if (in.operation() != Operation.CREATE) {
            put(env, "OLD_", in.oldRow(), column -> false);
        }
        // A related record's secrets are not the hook's business: a service hook gets the account's name, not its card.
        in.related().forEach((prefix, row) -> relatedTable(prefix).ifPresentOrElse(
                table -> put(env, prefix + "_", row, column -> Secrets.isSecret(table, column)),
                () -> put(env, prefix + "_", row, column -> false)));

        env.put("HOOK_TABLE", in.table().sqlName());
        env.put("HOOK_INTERACTIVE", in.interactive() ? "1" : "0");
        env.put("HOOK_CSR", in.csr());
        if (in.operation() == Operation.REPROVISION) {
            // Set only on a reprovision, so the environment of every ordinary save stays what hooks already know.
            env.put("HOOK_REPROVISION", "1");
        }
        if (in.cascadeFrom() != null) {
            // Only in a cascade, so a hook can tell a change the CSR made to this record from one made to its parent.
            env.put("HOOK_CASCADE", "1");
            env.put("HOOK_CASCADE_FROM", in.cascadeFrom());
        }
        return env;
    }

    /**
     * The environment that undoes a run of {@code ran}: the same variables with the change reversed ({@code NEW_*}
     * the values before it, {@code OLD_*} the values it wrote) and {@code HOOK_COMPENSATE=1}. Run, in reverse order,
     * for the hooks of a cascade that succeeded before a later one failed, so the provisioned systems return to what
     * the database keeps once the cascade rolls back. Parents ({@code USER_*}, {@code ACCOUNT_*}) stay as the run saw
     * them.
     */
    public static SortedMap<String, String> compensation(Map<String, String> ran) {
        SortedMap<String, String> env = new TreeMap<>();
        ran.forEach((key, value) -> {
            if (key.startsWith("NEW_")) {
                env.put("OLD_" + key.substring(4), value);
            } else if (key.startsWith("OLD_")) {
                env.put("NEW_" + key.substring(4), value);
            } else {
                env.put(key, value);
            }
        });
        env.put("HOOK_COMPENSATE", "1");
        return env;
    }

    /** The same environment with secret values replaced by {@link Secrets#MASK}, for screens, logs and audit rows. */
    public static SortedMap<String, String> masked(HookedTable table, Map<String, String> env) {
        SortedMap<String, String> out = new TreeMap<>(env);
        for (String key : env.keySet()) {
            if (isSecret(table, key)) {
                maskKey(out, key);
            }
        }
        return out;
    }

    /** Whether a variable holds a secret of the saved record (NEW_d02, OLD_ccnum ...). */
    public static boolean isSecret(HookedTable table, String key) {
        for (String prefix : new String[] {"NEW_", "OLD_"}) {
            if (key.startsWith(prefix) && Secrets.isSecret(table, key.substring(prefix.length()))) {
                return true;
            }
        }
        return false;
    }

    private static void maskKey(Map<String, String> env, String key) {
        String v = env.get(key);
        if (v != null && !v.isEmpty()) {
            env.put(key, Secrets.MASK);
        }
    }

    private static boolean inherited(String key) {
        return INHERITED.contains(key) || key.startsWith("LC_");
    }

    private static Optional<HookedTable> relatedTable(String prefix) {
        return HookedTable.bySqlName(prefix);
    }

    private static void put(Map<String, String> env, String prefix, Row row, Predicate<String> withheld) {
        if (row == null) {
            return;
        }
        row.asMap().forEach((column, value) -> {
            // A column whose name cannot be part of a variable's name (x$(cmd), a space) is left out, never quoted in.
            if (!withheld.test(column) && EnvValues.isVariableName(prefix + column)) {
                env.put(prefix + column, EnvValues.format(value));
            }
        });
    }

    /**
     * Linux's limit on one environment string, {@code NAME=value} and its terminating NUL together (MAX_ARG_STRLEN,
     * 32 pages of 4 KiB). A longer one makes starting the hook fail with "Argument list too long".
     */
    public static final int MAX_VARIABLE_BYTES = 32 * 4096;

    /** The size {@code NAME=value} takes in a process's environment, its terminating NUL included. */
    public static int variableBytes(String name, String value) {
        return (name + "=" + value).getBytes(StandardCharsets.UTF_8).length + 1;
    }

    /** The first variable of {@code env} the kernel could not pass to the hook, if any. */
    public static Optional<String> oversized(Map<String, String> env) {
        return env.entrySet().stream().filter(e -> variableBytes(e.getKey(), e.getValue()) > MAX_VARIABLE_BYTES)
                .map(Map.Entry::getKey).findFirst();
    }
}
