package io.hookdesk.app;

import io.hookdesk.db.Database;
import io.hookdesk.db.DatabaseSettings;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** No hook outlives its save: however HookDesk ends while a hook runs, the hook's whole group ends with it, and the log says so. */
class HookOutlivesNothingTest {

    @TempDir
    Path home;
    @TempDir
    Path hooks;
    @TempDir
    Path signals;

    /**
     * How long the tests wait for what they expect: generous for a loaded machine, far below the ten minutes the hook's
     * child sleeps, so a group nobody ended is still there when the wait gives up.
     */
    private static final Duration CEILING = Duration.ofSeconds(60);

    /** The hook's process group once it said it, so a failing test leaves no sleeping child behind. */
    private long group;

    /** A hook that says its group, starts a child in its group and waits for it: what a provisioning script does. */
    @BeforeEach
    void slowHook() throws IOException {
        // Not a first start: the home's server is made once for the class's JVM and copied.
        SeededHome.copyTo(home);
        Path hook = hooks.resolve("service_hook");
        Files.writeString(hook, "#!/bin/sh\nsleep 600 &\necho $$ > '" + signals + "/group'\nwait\n");
        Files.setPosixFilePermissions(hook, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @AfterEach
    void endWhatTheProductLeft() throws Exception {
        if (group > 0 && !members(group).isEmpty()) {
            new ProcessBuilder("kill", "-KILL", "--", "-" + group).inheritIO().start().waitFor();
        }
    }

    @Test
    void killedWithSigkillItsHookGroupIsGoneTheRowIsUnchangedAndTheNextStartLogsIt() throws Exception {
        String before = d04(3);
        try (Jvm cli = apply(3, "never")) {
            group = awaitGroup(cli);
            assertThat(members(group)).as("the hook and its sleep").hasSizeGreaterThanOrEqualTo(2);
            // The marker follows the hook's start by a moment (once the signalling shell watches the group); killed
            // before it, the hook still dies with HookDesk but no line can name it. Here: killed after.
            awaitMarker();
            cli.process().destroyForcibly();
            cli.waitFor(30);
        }
        awaitGone(group);
        assertThat(d04(3)).isEqualTo(before);

        startAgain();
        assertThat(Files.readString(home.resolve("logs/hooks.log")))
                .contains("STOPPED: " + hooks.resolve("service_hook") + " for service 3 (update)")
                .contains("ended while it ran; the change was rolled back");
        try (Stream<Path> markers = Files.list(home.resolve("hooks-running"))) {
            assertThat(markers).as("reported once").isEmpty();
        }
    }

    private void awaitMarker() {
        Path running = home.resolve("hooks-running");
        await("a marker in " + running + " for the running hook").atMost(CEILING).pollInterval(Duration.ofMillis(20))
                .until(() -> {
                    if (!Files.isDirectory(running)) {
                        return false;
                    }
                    try (Stream<Path> markers = Files.list(running)) {
                        return markers.anyMatch(m -> !m.getFileName().toString().startsWith("."));
                    }
                });
    }

    /**
     * Issue 19, item 2: {@code kill -9 -- -PGID} (or {@code timeout -s KILL}) kills HookDesk and everything in its
     * process group at once. The watchdog shell is not in that group, so it still stops the hook's group.
     */
    @Test
    void killedWithItsWholeProcessGroupItsHookIsStoppedAllTheSame() throws Exception {
        String before = d04(5);
        try (Jvm cli = Jvm.leadingItsGroup(Main.class, applyArguments(5, "never"))) {
            group = awaitGroup(cli);
            try {
                killGroup(cli.process().pid());
                cli.waitFor(30);
                awaitGone(group);
            } finally {
                killGroup(group);
            }
        }
        assertThat(d04(5)).isEqualTo(before);

        startAgain();
        assertThat(Files.readString(home.resolve("logs/hooks.log")))
                .contains("STOPPED: " + hooks.resolve("service_hook") + " for service 5 (update)")
                .contains("ended while it ran; the change was rolled back");
    }

    /**
     * And when the watchdog is gone too (killed on its own, out of memory), the next start stops the hook's group
     * itself, having checked that it is still that hook's, and says so.
     */
    @Test
    void whenTheWatchdogEndedTooTheNextStartStopsTheHookAndSaysSo() throws Exception {
        try (Jvm cli = Jvm.leadingItsGroup(Main.class, applyArguments(6, "never"))) {
            group = awaitGroup(cli);
            ProcessHandle watchdog = cli.process().children()
                    .filter(c -> c.info().commandLine().orElse("").contains("WATCH"))
                    .findFirst().orElseThrow(() -> new AssertionError("no watchdog shell among HookDesk's children"));
            watchdog.destroyForcibly();
            watchdog.onExit().get(30, TimeUnit.SECONDS);
            killGroup(cli.process().pid());
            cli.waitFor(30);
        }
        try {
            assertThat(members(group)).as("the hook outlived HookDesk and its watchdog").isNotEmpty();

            startAgain();

            assertThat(members(group)).as("the hook's group after the next start").isEmpty();
            assertThat(Files.readString(home.resolve("logs/hooks.log")))
                    .contains("STOPPED: " + hooks.resolve("service_hook") + " for service 6 (update)")
                    .contains("was still running after HookDesk (pid ")
                    .contains("stopped at this start");
        } finally {
            killGroup(group);
        }
    }

    /** The next HookDesk start on the home, which reports (and stops) what the last one left behind. */
    private void startAgain() throws Exception {
        try (Jvm next = Jvm.start(Main.class, "--home", home.toString(), "--hooks-dir", hooks.toString(), "env", "service", "1")) {
            assertThat(next.waitFor(120)).as(next.output()).isZero();
        }
    }

    private String[] applyArguments(int service, String value) {
        return new String[] {"--home", home.toString(), "--hooks-dir", hooks.toString(),
                "apply", "service", Integer.toString(service), "--set", "d04=" + value};
    }

    /** {@code kill -s KILL -- -GROUP}; a group already empty is not an error here. */
    private static void killGroup(long group) throws Exception {
        new ProcessBuilder("/bin/kill", "-s", "KILL", "--", "-" + group)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
    }

    @Test
    void toldToStopWithSigtermItStopsTheHookItselfAndLogsItAtOnce() throws Exception {
        String before = d04(4);
        try (Jvm cli = apply(4, "never")) {
            group = awaitGroup(cli);
            cli.process().destroy();
            assertThat(cli.waitFor(30)).isNotZero();
        }
        awaitGone(group);
        assertThat(Files.readString(home.resolve("logs/hooks.log")))
                .contains("STOPPED: " + hooks.resolve("service_hook") + " for service 4 (update)")
                .contains("was closing while it ran; the change was rolled back");
        assertThat(d04(4)).isEqualTo(before);
    }

    private Jvm apply(int service, String value) throws IOException {
        return Jvm.start(Main.class, "--home", home.toString(), "--hooks-dir", hooks.toString(),
                "apply", "service", Integer.toString(service), "--set", "d04=" + value);
    }

    private long awaitGroup(Jvm cli) throws Exception {
        Path file = signals.resolve("group");
        try {
            await("the hook says its group").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(50))
                    .until(() -> Files.exists(file) && Files.readString(file).endsWith("\n"));
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("the hook never started; HookDesk said:\n" + cli.output(), e);
        }
        group = Long.parseLong(Files.readString(file).trim());
        // HookDesk has taken note of the hook (what a hook that had only just been started would not yet have).
        Path marker = home.resolve("hooks-running").resolve(cli.process().pid() + "-" + group);
        await("HookDesk's marker " + marker).atMost(CEILING).pollInterval(Duration.ofMillis(50))
                .until(() -> Files.exists(marker));
        return group;
    }

    private String d04(int service) {
        try (Database db = Database.open(new DatabaseSettings(null, null, null, home))) {
            return db.dsl().fetchOne("SELECT coalesce(d04, '') FROM service WHERE number = " + service).get(0, String.class);
        }
    }

    /** Waits for every process of the hook's group to be gone: left alone, its child would sleep ten minutes. */
    private static void awaitGone(long group) {
        await("every process of group " + group + " gone").atMost(CEILING).pollInterval(Duration.ofMillis(20))
                .until(() -> members(group).isEmpty());
    }

    /** Live processes (not zombies) in process group {@code group}, read from /proc. */
    static java.util.List<Long> members(long group) {
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            return procs.filter(p -> p.getFileName().toString().matches("\\d+"))
                    .filter(p -> {
                        try {
                            String stat = Files.readString(p.resolve("stat"));
                            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                            return !f[0].equals("Z") && Long.parseLong(f[2]) == group;
                        } catch (IOException | RuntimeException e) {
                            return false;
                        }
                    })
                    .map(p -> Long.parseLong(p.getFileName().toString()))
                    .toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
