package io.hookdesk.app;

import io.hookdesk.db.Database;
import io.hookdesk.db.DatabaseSettings;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** No hook outlives its save: however HookDesk ends while a hook runs, the hook's whole group ends with it, and the log says so. */
class HookOutlivesNothingTest {

    @TempDir
    Path home;
    @TempDir
    Path hooks;
    @TempDir
    Path signals;

    /**
     * A hook that says its group, starts a child in its group and waits for it: what a provisioning script does. It
     * sleeps far longer than any ceiling below, so that only a stop can end it in time.
     */
    @BeforeEach
    void slowHook() throws IOException {
        Path hook = hooks.resolve("service_hook");
        Files.writeString(hook, "#!/bin/sh\nsleep 300 &\necho $$ > '" + signals + "/group'\nwait\n");
        Files.setPosixFilePermissions(hook, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @Test
    void killedWithSigkillItsHookGroupIsGoneWithinASecondTheRowIsUnchangedAndTheNextStartLogsIt() throws Exception {
        String before = d04(3);
        long group;
        try (Jvm cli = apply(3, "never")) {
            group = awaitGroup(cli);
            assertThat(members(group)).as("the hook and its sleep").hasSizeGreaterThanOrEqualTo(2);
            // The marker follows the hook's start by a moment (once the signalling shell watches the group); killed
            // before it, the hook still dies with HookDesk but no line can name it. Here: killed after.
            awaitMarker();
            cli.process().destroyForcibly();
            cli.waitFor(30);
        }
        assertThat(goneWithinASecond(group)).as("processes of group " + group + " left: " + members(group)).isTrue();
        assertThat(d04(3)).isEqualTo(before);

        startAgain();
        assertThat(Files.readString(home.resolve("logs/hooks.log")))
                .contains("STOPPED: " + hooks.resolve("service_hook") + " for service 3 (update)")
                .contains("ended while it ran; the change was rolled back");
        try (Stream<Path> markers = Files.list(home.resolve("hooks-running"))) {
            assertThat(markers).as("reported once").isEmpty();
        }
    }

    /**
     * Issue 19, item 2: {@code kill -9 -- -PGID} (or {@code timeout -s KILL}) kills HookDesk and everything in its
     * process group at once. The watchdog shell is not in that group, so it still stops the hook's group.
     */
    @Test
    void killedWithItsWholeProcessGroupItsHookIsStoppedAllTheSame() throws Exception {
        String before = d04(5);
        long group;
        try (Jvm cli = Jvm.leadingItsGroup(Main.class, applyArguments(5, "never"))) {
            group = awaitGroup(cli);
            try {
                killGroup(cli.process().pid());
                cli.waitFor(30);
                assertThat(goneWithin(group, 30)).as("processes of group " + group + " left: " + members(group)).isTrue();
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
        long group;
        try (Jvm cli = Jvm.leadingItsGroup(Main.class, applyArguments(6, "never"))) {
            group = awaitGroup(cli);
            ProcessHandle watchdog = cli.process().children()
                    .filter(c -> c.info().commandLine().orElse("").contains("WATCH"))
                    .findFirst().orElseThrow(() -> new AssertionError("no watchdog shell among HookDesk's children"));
            watchdog.destroyForcibly();
            watchdog.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
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

    private static boolean goneWithin(long group, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        while (!members(group).isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        return members(group).isEmpty();
    }

    private void awaitMarker() throws Exception {
        Path running = home.resolve("hooks-running");
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (Files.isDirectory(running)) {
                try (Stream<Path> markers = Files.list(running)) {
                    if (markers.anyMatch(m -> !m.getFileName().toString().startsWith("."))) {
                        return;
                    }
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no marker in " + running + " for the running hook");
    }

    @Test
    void toldToStopWithSigtermItStopsTheHookItselfAndLogsItAtOnce() throws Exception {
        String before = d04(4);
        long group;
        try (Jvm cli = apply(4, "never")) {
            group = awaitGroup(cli);
            cli.process().destroy();
            assertThat(cli.waitFor(30)).isNotZero();
        }
        assertThat(goneWithinASecond(group)).as("processes of group " + group + " left: " + members(group)).isTrue();
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
        for (int i = 0; i < 2400 && !(Files.exists(file) && Files.readString(file).endsWith("\n")); i++) {
            Thread.sleep(50);
        }
        assertThat(file).as("the hook started; HookDesk said:\n" + cli.output()).exists();
        long group = Long.parseLong(Files.readString(file).trim());
        // HookDesk has taken note of the hook (what a hook that had only just been started would not yet have).
        Path marker = home.resolve("hooks-running").resolve(cli.process().pid() + "-" + group);
        for (int i = 0; i < 200 && !Files.exists(marker); i++) {
            Thread.sleep(50);
        }
        assertThat(marker).exists();
        return group;
    }

    private String d04(int service) {
        try (Database db = Database.open(new DatabaseSettings(null, null, null, home))) {
            return db.dsl().fetchOne("SELECT coalesce(d04, '') FROM service WHERE number = " + service).get(0, String.class);
        }
    }

    private static boolean goneWithinASecond(long group) throws InterruptedException {
        long deadline = System.nanoTime() + 1_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (members(group).isEmpty()) {
                return true;
            }
            Thread.sleep(20);
        }
        return members(group).isEmpty();
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
