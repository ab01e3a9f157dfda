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
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Several HookDesk processes on one home, as on a workstation: the desktop open while a supervisor uses the command
 * line. They share one embedded server; none stops it under another; the last one out stops it.
 */
class SharedHomeTest {

    @TempDir
    Path home;
    @TempDir
    Path hooks;
    @TempDir
    Path signals;

    /** A service hook that says it started, then waits until the test releases it: a save held in flight. */
    @BeforeEach
    void heldHook() throws IOException {
        Path hook = hooks.resolve("service_hook");
        Files.writeString(hook, "#!/bin/sh\n"
                + "touch '" + signals + "'/started-$NEW_number\n"
                + "i=0; while [ ! -e '" + signals + "'/release-$NEW_number ] && [ $i -lt 1200 ]; do sleep 0.05; i=$((i+1)); done\n");
        Files.setPosixFilePermissions(hook, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @Test
    void commandLineWhileTheDesktopSavesSharesItsServerAndLosesNothing() throws Exception {
        SeededHome.copyTo(home);
        try (Jvm desktop = Jvm.start(HomeUserMain.class, home.toString(), hooks.toString())) {
            desktop.await("READY", 120);
            long postmaster = postmasterPid();
            desktop.send("save 1 desk");
            awaitStarted(1);
            try (Jvm cli = apply(2, "cli")) {
                awaitStarted(2);
                assertThat(postmasterPid()).isEqualTo(postmaster);
                release(2);
                assertThat(cli.waitFor(60)).as(cli.output()).isZero();
            }
            assertThat(alive(postmaster)).as("the command line left the desktop's server running").isTrue();
            release(1);
            assertThat(desktop.await("SAVED", 60)).isEqualTo("SAVED committed");
            assertThat(postmasterPid()).isEqualTo(postmaster);
            assertBothSavesAndTheirAuditRows();
            assertThat(desktop.finish(60)).as(desktop.output()).isZero();
            assertThat(alive(postmaster)).as("the last user stopped the server").isFalse();
        }
    }

    @Test
    void desktopStartedWhileTheCommandLineSavesSharesItsServerAndKeepsItAfterwards() throws Exception {
        SeededHome.copyTo(home);
        try (Jvm cli = apply(2, "cli")) {
            awaitStarted(2);
            long postmaster = postmasterPid();
            try (Jvm desktop = Jvm.start(HomeUserMain.class, home.toString(), hooks.toString())) {
                desktop.await("READY", 120);
                desktop.send("save 1 desk");
                awaitStarted(1);
                assertThat(postmasterPid()).isEqualTo(postmaster);
                release(2);
                assertThat(cli.waitFor(60)).as(cli.output()).isZero();
                assertThat(alive(postmaster)).as("the command line left the desktop's server running").isTrue();
                release(1);
                assertThat(desktop.await("SAVED", 60)).isEqualTo("SAVED committed");
                assertThat(postmasterPid()).isEqualTo(postmaster);
                assertBothSavesAndTheirAuditRows();
                assertThat(desktop.finish(60)).as(desktop.output()).isZero();
            }
            assertThat(alive(postmaster)).isFalse();
        }
    }

    @Test
    void tenProcessesStartedAtOnceOnANewHomeCreateOneServerAndAllSave() throws Exception {
        List<Jvm> all = new ArrayList<>();
        try {
            for (int n = 1; n <= 10; n++) {
                all.add(apply(n, "p" + n));
            }
            for (int n = 1; n <= 10; n++) {
                awaitStarted(n, all.get(n - 1));
            }
            long postmaster = postmasterPid();
            assertThat(postmastersOn(home.resolve("pgdata"))).containsExactly(postmaster);
            for (int n = 1; n <= 10; n++) {
                release(n);
            }
            for (Jvm p : all) {
                assertThat(p.waitFor(120)).as(p.output()).isZero();
            }
            assertThat(alive(postmaster)).isFalse();
            try (Database db = Database.open(new DatabaseSettings(null, null, null, home))) {
                assertThat(db.freshlyCreated()).as("seeded once, by the first").isFalse();
                assertThat(count(db, "SELECT count(*) FROM service WHERE d04 ~ '^p[0-9]+$'")).isEqualTo(10);
                assertThat(count(db, "SELECT count(*) FROM hookdesk.hook_run WHERE outcome = 'committed'")).isEqualTo(10);
                assertThat(count(db, "SELECT count(*) FROM hookdesk.demo_seed")).isEqualTo(1);
            }
            try (var left = Files.list(home)) {
                assertThat(left.map(p -> p.getFileName().toString())).noneMatch(name -> name.startsWith("pgdata."));
            }
        } finally {
            all.forEach(Jvm::close);
        }
    }

    private void assertBothSavesAndTheirAuditRows() {
        // This test's JVM is one more user of the home: it joins, and leaving does not stop the server under the desktop.
        try (Database db = Database.open(new DatabaseSettings(null, null, null, home))) {
            assertThat(db.dsl().fetchOne("SELECT d04 FROM service WHERE number = 1").get(0, String.class)).isEqualTo("desk");
            assertThat(db.dsl().fetchOne("SELECT d04 FROM service WHERE number = 2").get(0, String.class)).isEqualTo("cli");
            assertThat(count(db, "SELECT count(*) FROM hookdesk.hook_run WHERE table_name = 'service' "
                    + "AND record_number IN (1, 2) AND outcome = 'committed'")).isEqualTo(2);
        }
    }

    private Jvm apply(int service, String value) throws IOException {
        return Jvm.start(Main.class, "--home", home.toString(), "--hooks-dir", hooks.toString(),
                "apply", "service", Integer.toString(service), "--set", "d04=" + value);
    }

    private void awaitStarted(int service) throws InterruptedException {
        awaitStarted(service, null);
    }

    /** With the process that saves it: if its hook never starts, what that process said is the failure's message. */
    private void awaitStarted(int service, Jvm saving) throws InterruptedException {
        Path started = signals.resolve("started-" + service);
        for (int i = 0; i < 2400 && !Files.exists(started); i++) {
            Thread.sleep(50);
        }
        assertThat(started).as("the hook of service " + service + " started"
                + (saving == null ? "" : "; its HookDesk said:\n" + saving.output())).exists();
    }

    private void release(int service) throws IOException {
        Files.writeString(signals.resolve("release-" + service), "");
    }

    private long postmasterPid() throws IOException {
        return Long.parseLong(Files.readAllLines(home.resolve("pgdata/postmaster.pid")).get(0).trim());
    }

    /**
     * Whether {@code pid} runs. A postmaster that exited is re-parented to init, which may reap it a moment later;
     * until then it is a zombie, which {@link ProcessHandle#isAlive} still counts, so a zombie counts as gone, and
     * "gone" is given a few seconds to show.
     */
    static boolean alive(long pid) throws InterruptedException {
        for (int i = 0; i < 100 && running(pid); i++) {
            Thread.sleep(50);
        }
        return running(pid);
    }

    private static boolean running(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return !stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
        } catch (IOException e) {
            return false;
        }
    }

    /** The postmasters (not their children) whose command line names {@code data}. */
    static List<Long> postmastersOn(Path data) {
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(c -> c.contains("postgres") && c.contains(data.toString())).orElse(false))
                .filter(p -> p.parent().map(parent -> !parent.info().command().map(c -> c.endsWith("/postgres")).orElse(false)).orElse(true))
                .map(ProcessHandle::pid)
                .toList();
    }

    private static int count(Database db, String sql) {
        return db.dsl().fetchOne(sql).get(0, Integer.class);
    }
}
