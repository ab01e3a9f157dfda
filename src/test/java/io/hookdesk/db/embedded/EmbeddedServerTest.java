package io.hookdesk.db.embedded;

import io.hookdesk.db.Database;
import io.hookdesk.db.DatabaseSettings;
import io.hookdesk.db.DatabaseUnavailableException;
import io.hookdesk.db.demo.DemoData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The embedded database as a CSR's workstation uses it: created once, kept, durable, and recovered after a crash. */
class EmbeddedServerTest {

    @TempDir
    Path home;

    @Test
    void firstStartCreatesMigratesAndSeedsThenRestartKeepsTheData() {
        try (Database db = Database.open(new DatabaseSettings(null, null, null, home))) {
            assertThat(db.freshlyCreated()).isTrue();
            assertThat(count(db, "SELECT count(*) FROM service")).isEqualTo(DemoData.SMALL);
            assertThat(db.dsl().fetchOne("SHOW fsync").get(0, String.class)).isEqualTo("on");
            assertThat(db.dsl().fetchOne("SHOW synchronous_commit").get(0, String.class)).isEqualTo("on");
            db.dsl().execute("UPDATE service SET d04 = 'kept' WHERE number = 1");
        }
        assertThat(home.resolve("pgdata/postmaster.pid")).doesNotExist();
        try (Database db = Database.open(new DatabaseSettings(null, null, null, home))) {
            assertThat(db.freshlyCreated()).isFalse();
            assertThat(count(db, "SELECT count(*) FROM service")).isEqualTo(DemoData.SMALL);
            assertThat(db.dsl().fetchOne("SELECT d04 FROM service WHERE number = 1").get(0, String.class)).isEqualTo("kept");
        }
    }

    @Test
    void serverOfALastUserKilledWithSigkillIsStoppedByItsGuardAndTheDataKept() throws Exception {
        long postmaster = startAndKillAClient(false);
        for (int i = 0; i < 600 && running(postmaster); i++) {
            Thread.sleep(50);
        }
        assertThat(running(postmaster)).as("the guard stopped the server of its last, killed, user").isFalse();
        try (Database db = Database.open(new DatabaseSettings(null, null, null, home))) {
            assertThat(count(db, "SELECT count(*) FROM queue WHERE name = 'written before the crash'")).isEqualTo(1);
        }
    }

    @Test
    void orphanedPostmasterWithoutAGuardIsStoppedByTheNextStartAndTheDataKept() throws Exception {
        long postmaster = startAndKillAClient(true);
        assertThat(running(postmaster)).as("orphan still running").isTrue();

        try (Database db = Database.open(new DatabaseSettings(null, null, null, home))) {
            assertThat(running(postmaster)).isFalse();
            assertThat(count(db, "SELECT count(*) FROM queue WHERE name = 'written before the crash'")).isEqualTo(1);
        }
    }

    /** Starts a client in another JVM, kills it with SIGKILL (its server's guard first, if asked), returns the postmaster's pid. */
    private long startAndKillAClient(boolean killTheGuardFirst) throws Exception {
        Process jvm = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), OrphanServerMain.class.getName(), home.toString())
                .redirectErrorStream(true).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(jvm.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null && !line.equals("READY")) {
                // start-up chatter
            }
            assertThat(line).as("the first client started").isEqualTo("READY");
            long postmaster = Long.parseLong(Files.readAllLines(home.resolve("pgdata/postmaster.pid")).get(0).trim());
            if (killTheGuardFirst) {
                List<ProcessHandle> guards = ProcessHandle.allProcesses()
                        .filter(p -> commandLine(p).contains(ServerGuard.class.getName()) && commandLine(p).contains(home.toString()))
                        .toList();
                assertThat(guards).hasSize(1);
                guards.forEach(ProcessHandle::destroyForcibly);
                guards.get(0).onExit().get(30, TimeUnit.SECONDS);
            }
            jvm.destroyForcibly();
            assertThat(jvm.waitFor(30, TimeUnit.SECONDS)).isTrue();
            return postmaster;
        }
    }

    /** The whole command line (ProcessHandle's may be cut short before a long class path ends). */
    private static String commandLine(ProcessHandle p) {
        try {
            return Files.readString(Path.of("/proc", Long.toString(p.pid()), "cmdline")).replace('\0', ' ');
        } catch (java.io.IOException | RuntimeException e) {
            return "";
        }
    }

    /** Runs and is no zombie (an exited postmaster waits for init to reap it). */
    private static boolean running(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return !stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
        } catch (java.io.IOException e) {
            return false;
        }
    }

    @Test
    void stalePidFileOfADeadProcessIsNoObstacle() throws Exception {
        try (Database db = Database.open(new DatabaseSettings(null, null, null, home))) {
            assertThat(db.freshlyCreated()).isTrue();
        }
        // What a power cut leaves behind: a pid file naming a process that no longer exists.
        Files.writeString(home.resolve("pgdata/postmaster.pid"), "999999\n" + home.resolve("pgdata") + "\n");
        try (Database db = Database.open(new DatabaseSettings(null, null, null, home))) {
            assertThat(count(db, "SELECT count(*) FROM service")).isEqualTo(DemoData.SMALL);
        }
    }

    @Test
    void unusableDataDirectorySaysHowToUseAServerInstead() throws Exception {
        Path file = Files.writeString(home.resolve("not-a-directory"), "x");
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() ->
                Database.open(new DatabaseSettings(null, null, null, file))))
                .isInstanceOf(DatabaseUnavailableException.class)
                .hasMessageContaining("--db-url");
    }

    private static int count(Database db, String sql) {
        return db.dsl().fetchOne(sql).get(0, Integer.class);
    }
}
