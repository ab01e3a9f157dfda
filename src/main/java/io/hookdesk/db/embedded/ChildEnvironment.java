package io.hookdesk.db.embedded;

import java.util.Map;
import java.util.Set;

/**
 * The environment of the processes the embedded server needs (PostgreSQL's tools, the postmaster they start, the
 * server's guard): only what they use, never what HookDesk was given for itself. {@code HOOKDESK_DB_PASSWORD},
 * {@code PGPASSWORD} and the rest of the caller's environment stay in HookDesk: a postmaster outlives the process that
 * started it and every process on the machine may read its environment's size and, as the same user, its content.
 */
final class ChildEnvironment {

    /** Where programs and libraries are found, and the locale initdb gives a new cluster and messages use. */
    private static final Set<String> KEPT = Set.of("PATH", "HOME", "USER", "LOGNAME", "TZ", "TMPDIR", "LANG", "LANGUAGE");

    private ChildEnvironment() {
    }

    /** Removes from {@code env} (a {@link ProcessBuilder#environment()}) everything but the variables kept. */
    static void restrict(Map<String, String> env) {
        env.keySet().removeIf(name -> !KEPT.contains(name) && !name.startsWith("LC_"));
    }
}
