package io.hookdesk.db;

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
    void orphanedPostmasterOfACrashedClientIsStoppedAndTheDataKept() throws Exception {
        Process jvm = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), OrphanServerMain.class.getName(), home.toString())
                .redirectErrorStream(true).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(jvm.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null && !line.equals("READY")) {
                // start-up chatter
            }
            assertThat(line).as("the first client started").isEqualTo("READY");
            jvm.destroyForcibly();
            assertThat(jvm.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        Path pidFile = home.resolve("pgdata/postmaster.pid");
        List<String> pid = Files.readAllLines(pidFile);
        long postmaster = Long.parseLong(pid.get(0).trim());
        assertThat(ProcessHandle.of(postmaster).map(ProcessHandle::isAlive)).as("orphan still running").contains(true);

        try (Database db = Database.open(new DatabaseSettings(null, null, null, home))) {
            assertThat(ProcessHandle.of(postmaster).map(ProcessHandle::isAlive).orElse(false)).isFalse();
            assertThat(count(db, "SELECT count(*) FROM queue WHERE name = 'written before the crash'")).isEqualTo(1);
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
