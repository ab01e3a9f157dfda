package io.hookdesk.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two HookDesk processes (two workstations) saving services at once against one server with
 * {@code hook.serialize=database}: their service_hook runs never overlap (issue 10, item 8).
 */
class HookSerializationTest {

    @RegisterExtension
    static final CliHarness cli = CliHarness.perClass(CliHarness.Data.DEMO);

    private static final int CHANGES_PER_PROCESS = 4;

    /** Starts {@code hookdesk apply --file} in a JVM of its own, as a second workstation would. */
    private static Process workstation(Path changes, Path home, String serialize) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder pb = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                "io.hookdesk.app.Main", "--db-url", cli.url(), "--db-user", "postgres", "--home", home.toString(),
                "--hooks-dir", cli.hooks.toString(), "apply", "--file", changes.toString());
        pb.environment().put("HOOKDESK_HOOK_SERIALIZE", serialize);
        pb.environment().put("LC_ALL", "C.UTF-8");
        pb.redirectErrorStream(true).redirectOutput(home.resolve("out.txt").toFile());
        return pb.start();
    }

    private static Path changes(String name, int firstService) throws Exception {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < CHANGES_PER_PROCESS; i++) {
            lines.add("{\"table\":\"service\",\"number\":" + (firstService + i) + ",\"set\":{\"d05\":\"serialize-" + i + "\"}}");
        }
        return Files.write(cli.temp.resolve(name), lines);
    }

    /**
     * The meeting these tests are about, one workstation in its hook while the other waits for its turn (without it a
     * test proves nothing); then {@code whileTheyMeet}; then the hooks may end ({@code ready}) and both must finish
     * and succeed. Both are stopped whatever happens.
     */
    private static void meetAndFinish(Process a, Path homeA, Process b, Path homeB, Path ready, Runnable whileTheyMeet)
            throws Exception {
        try {
            awaitOneWaits(homeA, homeB);
            whileTheyMeet.run();
            Files.createFile(ready);
            assertThat(a.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(b.waitFor(120, TimeUnit.SECONDS)).isTrue();
        } finally {
            a.destroy();
            b.destroy();
        }
        assertThat(a.exitValue()).as(output(homeA)).isZero();
        assertThat(b.exitValue()).as(output(homeB)).isZero();
    }

    /** Waits until one of the two workstations says it waits for the other's run of service_hook. */
    private static void awaitOneWaits(Path homeA, Path homeB) {
        await("one workstation waits for the other's hook").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(50))
                .until(() -> (output(homeA) + output(homeB)).contains("waiting for service_hook on another workstation"));
    }

    private static String output(Path home) throws Exception {
        Path out = home.resolve("out.txt");
        return Files.exists(out) ? Files.readString(out) : "";
    }

    /** HookDesk's sessions on the server that are in a transaction, idle in it or waiting in it for a lock. */
    private static int sessionsInATransaction() {
        return cli.count("SELECT count(*) FROM pg_stat_activity WHERE application_name LIKE 'hookdesk/%' "
                + "AND datname = current_database() AND (state LIKE 'idle in transaction%' OR wait_event_type = 'Lock')");
    }

    /**
     * A save waiting for another workstation's run of the same hook holds no transaction while it waits (issue 24's
     * load bench: behind PgBouncer, 200 desks' waiters held every server connection): only the workstation whose hook
     * runs has a session in a transaction, for as long as the other waits.
     */
    @Test
    void aWorkstationWaitingForTheHookHoldsNoTransaction() throws Exception {
        Path ready = cli.temp.resolve("waiter-seen");
        // Each run waits until the test has looked (or 50 s, before the default 60 s hook timeout).
        cli.hook("service", "n=0; while [ ! -e '" + ready + "' ] && [ $n -lt 1000 ]; do sleep 0.05; n=$((n+1)); done");
        Path homeA = Files.createDirectories(cli.temp.resolve("idle-a"));
        Path homeB = Files.createDirectories(cli.temp.resolve("idle-b"));

        Process a = workstation(Files.writeString(cli.temp.resolve("idle-a.jsonl"),
                "{\"table\":\"service\",\"number\":20,\"set\":{\"d05\":\"waited\"}}\n"), homeA, "database");
        Process b = workstation(Files.writeString(cli.temp.resolve("idle-b.jsonl"),
                "{\"table\":\"service\",\"number\":30,\"set\":{\"d05\":\"waited\"}}\n"), homeB, "database");
        meetAndFinish(a, homeA, b, homeB, ready, () ->
            // The waiter looks now and then whether the turn is free (one short statement): it never stays in a
            // transaction, nor waits in one for the advisory lock, so the count stays at the one whose hook runs.
            await("only the workstation whose hook runs is in a transaction").atMost(Duration.ofMinutes(1))
                    .during(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(20))
                    .until(HookSerializationTest::sessionsInATransaction, n -> n == 1));
        assertThat(cli.count("SELECT count(*) FROM service WHERE number IN (20, 30) AND d05 = 'waited'"))
                .as("both saves committed, the waiter's after starting again").isEqualTo(2);
    }

    @Test
    void twoWorkstationsNeverRunTheSameHookAtOnce() throws Exception {
        Path times = cli.temp.resolve("hook-times");
        Path ready = cli.temp.resolve("both-started");
        // Each run notes its start and end; the first runs wait until both processes have started saving, so that
        // their saves really meet (a process that finished before the other started would prove nothing). The wait
        // ends by itself before the default 60 s hook timeout, so a test that gave up leaves no hook to be killed.
        cli.hook("service", "echo \"start $$\" >> '" + times + "'\n"
                + "n=0; while [ ! -e '" + ready + "' ] && [ $n -lt 1000 ]; do sleep 0.05; n=$((n+1)); done\n"
                + "sleep 0.2\necho \"end $$\" >> '" + times + "'");
        Path homeA = Files.createDirectories(cli.temp.resolve("ws-a"));
        Path homeB = Files.createDirectories(cli.temp.resolve("ws-b"));

        Process a = workstation(changes("a.jsonl", 20), homeA, "database");
        Process b = workstation(changes("b.jsonl", 30), homeB, "database");
        meetAndFinish(a, homeA, b, homeB, ready, () -> { });

        assertThat(Files.readString(homeA.resolve("out.txt")) + Files.readString(homeB.resolve("out.txt")))
                .as("the workstation that waited said so").contains("waiting for service_hook on another workstation");
        List<String> events = Files.readAllLines(times);
        assertThat(events).hasSize(4 * CHANGES_PER_PROCESS);
        for (int i = 0; i < events.size(); i += 2) {
            String pid = events.get(i).substring("start ".length());
            assertThat(events.get(i + 1)).as("run %d: %s", i / 2, events).isEqualTo("end " + pid);
        }
    }
}
