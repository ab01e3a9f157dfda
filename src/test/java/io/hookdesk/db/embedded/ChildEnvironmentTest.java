package io.hookdesk.db.embedded;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The embedded server's processes get only the environment they need, never HookDesk's secrets (issue 19 item 13). */
class ChildEnvironmentTest {

    private static final Set<String> KEPT = Set.of("PATH", "HOME", "USER", "LOGNAME", "TZ", "TMPDIR", "LANG", "LANGUAGE");

    @TempDir
    Path home;

    @Test
    void secretsAndEverythingElseAreLeftOutThePathAndLocaleKept() {
        Map<String, String> env = new HashMap<>(Map.of("PATH", "/usr/bin", "LC_ALL", "C.UTF-8", "LANG", "C",
                "HOOKDESK_DB_PASSWORD", "secret", "PGPASSWORD", "secret", "PGOPTIONS", "-c log_statement=all",
                "JAVA_TOOL_OPTIONS", "-javaagent:x.jar"));
        ChildEnvironment.restrict(env);
        assertThat(env).containsOnlyKeys("PATH", "LC_ALL", "LANG");
    }

    /** The running postmaster's own environment, as the kernel has it: nothing of this JVM's environment beyond the kept names. */
    @Test
    void thePostmasterOfAHomeHasOnlyTheKeptVariables() throws Exception {
        assertThat(System.getenv().keySet()).as("this JVM has variables that must not reach the server")
                .anyMatch(name -> !KEPT.contains(name) && !name.startsWith("LC_"));
        try (EmbeddedServer server = EmbeddedServer.open(home)) {
            long pid = Long.parseLong(Files.readAllLines(home.resolve("pgdata/postmaster.pid")).get(0).trim());
            List<String> names = Arrays.stream(new String(Files.readAllBytes(Path.of("/proc/" + pid + "/environ")),
                            StandardCharsets.UTF_8).split("\0"))
                    .filter(entry -> !entry.isEmpty()).map(entry -> entry.substring(0, entry.indexOf('='))).toList();
            // What the postmaster sets for itself (PGDATA, PG_GRANDPARENT_PID, PGSYSCONFDIR ...) is PostgreSQL's own, and
            // PWD is set by the shell pg_ctl starts it through.
            assertThat(names).filteredOn(n -> !n.startsWith("PG") && !n.equals("PWD"))
                    .allMatch(n -> KEPT.contains(n) || n.startsWith("LC_"), "only the kept variables");
            assertThat(names).doesNotContain("HOOKDESK_DB_PASSWORD", "PGPASSWORD");
        }
    }
}
