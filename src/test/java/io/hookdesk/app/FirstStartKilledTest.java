package io.hookdesk.app;

import io.hookdesk.db.Database;
import io.hookdesk.db.DatabaseSettings;
import io.hookdesk.db.demo.DemoData;
import io.hookdesk.db.embedded.OrphanServerMain;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A first start killed with SIGKILL at any moment leaves a home whose next start ends with the whole demo data. */
class FirstStartKilledTest {

    @TempDir
    Path home;

    /** Moments of a first start, each recognised by what it leaves in the home or the server. */
    enum Moment {
        /** initdb is writing the new cluster beside {@code pgdata}. */
        DURING_INITDB(home -> siblings(home).anyMatch(name -> name.startsWith("pgdata.new-"))),
        /** The cluster is in place and its postmaster is starting or started; nothing migrated yet, or some of it. */
        SERVER_STARTING(home -> Files.exists(home.resolve("pgdata/postmaster.pid"))),
        /**
         * The demo data's transaction is open: held at its first statement by this test, which holds the seeding lock
         * (seeding the small data set takes too little time to be caught reliably in the act).
         */
        WHILE_SEEDING(FirstStartKilledTest::seedingWaits);

        final Predicate<Path> reached;

        Moment(Predicate<Path> reached) {
            this.reached = reached;
        }
    }

    /** The test's own session holding the seeding lock (WHILE_SEEDING), closed before the next start. */
    private static Connection holder;

    @ParameterizedTest
    @EnumSource(Moment.class)
    void nextStartEndsWithTheWholeDemoData(Moment moment) throws Exception {
        try (Jvm first = Jvm.start(OrphanServerMain.class, home.toString())) {
            // Seen at the moment, the start is frozen (with initdb or whatever it started) and looked at again: the
            // kill lands at the moment seen, not at one the start went past between the look and the kill.
            List<ProcessHandle> frozen = new ArrayList<>();
            try {
                await("the first start frozen " + moment).atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(25))
                        .until(() -> {
                            if (!first.process().isAlive()) {
                                throw new AssertionError("the first start ended before " + moment + ":\n" + first.output());
                            }
                            if (!moment.reached.test(home)) {
                                return false;
                            }
                            frozen.addAll(signal("STOP", Stream.concat(Stream.of(first.process().toHandle()),
                                    first.process().descendants()).toList()));
                            if (moment.reached.test(home)) {
                                return true;
                            }
                            signal("CONT", frozen);
                            frozen.clear();
                            return false;
                        });
                first.process().destroyForcibly();
                first.waitFor(30);
            } finally {
                // What the killed start had started goes on, as it would after a real kill.
                signal("CONT", frozen);
            }
        } finally {
            if (holder != null) {
                holder.close();
                holder = null;
            }
        }
        try (Database db = Database.open(new DatabaseSettings(null, null, null, home))) {
            assertThat(db.dsl().fetchOne("SELECT count(*) FROM service").get(0, Integer.class)).isEqualTo(DemoData.SMALL);
            assertThat(db.dsl().fetchOne("SELECT count(*) FROM account").get(0, Integer.class)).isEqualTo(DemoData.SMALL / 2);
            assertThat(db.dsl().fetchOne("SELECT count(*) FROM hookdesk.demo_seed").get(0, Integer.class)).isEqualTo(1);
        }
        try (Database again = Database.open(new DatabaseSettings(null, null, null, home))) {
            assertThat(again.freshlyCreated()).isFalse();
            assertThat(again.dsl().fetchOne("SELECT count(*) FROM service").get(0, Integer.class)).isEqualTo(DemoData.SMALL);
        }
    }

    /** Sends {@code SIG<name>} to the live ones of {@code processes}; returns them. */
    private static List<ProcessHandle> signal(String name, List<ProcessHandle> processes) throws Exception {
        List<String> command = new ArrayList<>(List.of("kill", "-" + name, "--"));
        processes.stream().filter(ProcessHandle::isAlive).forEach(p -> command.add(Long.toString(p.pid())));
        if (command.size() > 3) {
            new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start().waitFor();
        }
        return processes;
    }

    private static Stream<String> siblings(Path home) {
        try {
            return Files.list(home).map(p -> p.getFileName().toString()).toList().stream();
        } catch (IOException e) {
            return Stream.empty();
        }
    }

    /** Takes the seeding lock once the server is up, and says whether the first start now waits for it. */
    private static boolean seedingWaits(Path home) {
        try {
            if (holder == null) {
                int port = Integer.parseInt(Files.readAllLines(home.resolve("pgdata/postmaster.pid")).get(3).trim());
                String password = Files.readString(home.resolve(".database-password")).trim();
                holder = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres", "postgres", password);
                holder.createStatement().execute("SELECT pg_advisory_lock(hashtext('hookdesk demo seed'))");
            }
            try (ResultSet r = holder.createStatement().executeQuery(
                    "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted")) {
                return r.next() && r.getInt(1) > 0;
            }
        } catch (IOException | RuntimeException | SQLException e) {
            return false;
        }
    }
}
