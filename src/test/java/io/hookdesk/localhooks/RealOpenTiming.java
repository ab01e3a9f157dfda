package io.hookdesk.localhooks;

import io.hookdesk.app.AppContext;
import io.hookdesk.model.Origin;
import io.hookdesk.save.FailureLog;
import io.hookdesk.save.SaveOutcome;
import io.hookdesk.save.SaveRequest;
import io.hookdesk.save.SaveResult;
import io.hookdesk.testing.TestApp;
import io.hookdesk.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.hookdesk.model.HookedTable.SERVICE;

/**
 * Measures, and only measures, what a real open costs through HookDesk: a new Open service saved through
 * {@code SaveService} with {@code service_hook-example} provisioning FreeRADIUS ({@code radius-sql}) and Dovecot
 * ({@code mailbox-dovecot}) on the servers of {@link RealServers}; and, in the same run, each resource script alone and
 * the two client programs they start (psql, doveadm pw), so the time can be attributed. Not a test (its name is not
 * one surefire runs, and it asserts nothing): run it by hand with
 * {@code mvn -B -o test -Dtest=RealOpenTiming -Dsurefire.failIfNoSpecifiedTests=false}; it prints a table and writes
 * it to {@code target/real-open-timing.txt}. The numbers are in src/docs/PERFORMANCE.md.
 */
class RealOpenTiming {

    private static final int WARM_UP = 5;
    private static final int ROUNDS = 40;

    @RegisterExtension
    static final RealServers SERVERS = new RealServers();

    @Test
    void timeRealOpens() throws Exception {
        Path home = Files.createTempDirectory("hookdesk-timing-home");
        Map<String, List<Double>> ms = new LinkedHashMap<>();
        try (AppContext app = TestApp.wire(TestDatabase.withDemoData(), home, SERVERS.hooks(), Duration.ofSeconds(60),
                FailureLog.NONE)) {
            Path hooks = SERVERS.hooks();
            for (int i = 0; i < WARM_UP + ROUNDS; i++) {
                boolean measured = i >= WARM_UP;
                // interleaved: every round runs each subject once, so a load spike lands on all of them
                long t0 = System.nanoTime();
                SaveResult r = app.saves().save(SaveRequest.create(SERVICE, Map.of("user", "3", "servdef", "1",
                        "state", "0", "d01", "timing" + i, "d02", "pw-" + i, "resources", "3"), Origin.DESKTOP, "alice"));
                long t1 = System.nanoTime();
                if (r.outcome() != SaveOutcome.COMMITTED) {
                    throw new IllegalStateException(r.message() + "\n" + r.hook());
                }
                // the same framework and save with the file-based demo resources: what the real systems add
                Files.writeString(hooks.resolve("provisioning.conf"), "");
                long t2 = System.nanoTime();
                SaveResult demo = app.saves().save(SaveRequest.create(SERVICE, Map.of("user", "3", "servdef", "1",
                        "state", "0", "d01", "demo" + i, "d02", "pw-" + i, "resources", "3"), Origin.DESKTOP, "alice"));
                long t3 = System.nanoTime();
                Files.writeString(hooks.resolve("provisioning.conf"), "radius = radius-sql\nmailbox = mailbox-dovecot\n");
                if (demo.outcome() != SaveOutcome.COMMITTED) {
                    throw new IllegalStateException(demo.message() + "\n" + demo.hook());
                }
                long radius = time(List.of(hooks.resolve("resources/radius-sql").toString(), "open", "alone" + i,
                        Integer.toString(900_000 + i)), hooks);
                long mailbox = time(List.of(hooks.resolve("resources/mailbox-dovecot").toString(), "open", "alone" + i,
                        Integer.toString(900_000 + i)), hooks);
                long psql = time(List.of("psql", "-X", "-q", "-h", "localhost", "-p", Integer.toString(TestDatabase.port()),
                        "-U", "postgres", "-d", "postgres", "-c", "SELECT 1"), hooks);
                long doveadm = time(List.of("sh", "-c", "printf 'x\\nx\\n' | doveadm -O pw -s SHA512-CRYPT"), hooks);
                if (measured) {
                    ms.computeIfAbsent("save: open with RADIUS and mailbox (SaveService.save)", k -> new ArrayList<>())
                            .add((t1 - t0) / 1e6);
                    ms.computeIfAbsent("  of which the hook (service_hook-example)", k -> new ArrayList<>())
                            .add(r.hook().duration().toNanos() / 1e6);
                    ms.computeIfAbsent("floor: the same save with the file-based demo resources", k -> new ArrayList<>())
                            .add((t3 - t2) / 1e6);
                    ms.computeIfAbsent("  of which the hook", k -> new ArrayList<>()).add(demo.hook().duration().toNanos() / 1e6);
                    ms.computeIfAbsent("resources/radius-sql open alone", k -> new ArrayList<>()).add(radius / 1e6);
                    ms.computeIfAbsent("resources/mailbox-dovecot open alone", k -> new ArrayList<>()).add(mailbox / 1e6);
                    ms.computeIfAbsent("floor: psql connect + SELECT 1", k -> new ArrayList<>()).add(psql / 1e6);
                    ms.computeIfAbsent("floor: doveadm pw (SHA512-CRYPT)", k -> new ArrayList<>()).add(doveadm / 1e6);
                }
            }
        }
        StringBuilder table = new StringBuilder("| what | median ms | p90 ms | max ms |\n|---|---|---|---|\n");
        ms.forEach((name, values) -> {
            double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            table.append(String.format("| %s | %.1f | %.1f | %.1f |%n", name, v[v.length / 2],
                    v[(int) Math.ceil(v.length * 0.9) - 1], v[v.length - 1]));
        });
        table.append(ROUNDS).append(" rounds after ").append(WARM_UP).append(" warm-up rounds\n");
        System.out.print(table);
        Files.writeString(Path.of("target/real-open-timing.txt"), table, StandardCharsets.UTF_8);
    }

    /** Runs a resource script or client as the hook would (environment of a service hook's password only). */
    private static long time(List<String> command, Path hooks) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).directory(hooks.toFile()).redirectErrorStream(true);
        pb.environment().clear();
        pb.environment().putAll(Map.of("PATH", "/usr/local/bin:/usr/bin:/bin", "HOME", "/root", "LANG", "C.UTF-8",
                "RESOURCE_PASSWORD", "timing-password"));
        long t0 = System.nanoTime();
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + ": " + new String(out, StandardCharsets.UTF_8)
                    + "exit " + p.exitValue());
        }
        return System.nanoTime() - t0;
    }
}
