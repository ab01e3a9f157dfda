package io.hookdesk.app;

import io.hookdesk.testing.TestDatabase;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The command line started as a process of its own under two workstation time zones (Berlin, whose spring-forward gap
 * holds the stored 02:30, and Sao Paulo): dates and timestamps reach the hook's environment exactly as PostgreSQL
 * writes them, and a timestamptz in the one zone the database or the operator chose, the same on every desk.
 */
class TimestampsInAnyTimeZoneTest {

    @TempDir
    Path temp;

    @ParameterizedTest
    @ValueSource(strings = {"Europe/Berlin", "America/Sao_Paulo"})
    void theEnvironmentHoldsWhatTheDatabaseHoldsWhateverTheDesksZone(String deskZone) throws Exception {
        String url = TestDatabase.migratedBillMax();
        String database = url.substring(url.lastIndexOf('/') + 1).replaceFirst("\\?.*", "");
        try (var c = DriverManager.getConnection(url, "postgres", null); var s = c.createStatement()) {
            s.execute("ALTER DATABASE " + database + " SET TimeZone = 'Asia/Kolkata'");
        }
        Path home = Files.createDirectories(temp.resolve("home"));

        String databaseZone = env(deskZone, url, home);
        Files.writeString(home.resolve("hookdesk.properties"), "db.time-zone=UTC\n");
        String operatorZone = env(deskZone, url, home);

        assertThat(databaseZone).contains("NEW_enddate=infinity\n", "NEW_entdate=2021-03-28 02:30:00\n",
                "NEW_startdate=2020-01-15\n", "USER_entdate=2021-03-28 02:30:00\n",
                // The database's own zone (ALTER DATABASE ... SET TimeZone), not the desk's.
                "NEW_changed_at=2024-06-01 17:30:00+05:30\n");
        assertThat(operatorZone).contains("NEW_enddate=infinity\n", "NEW_entdate=2021-03-28 02:30:00\n",
                "NEW_changed_at=2024-06-01 12:00:00+00\n");
    }

    private String env(String deskZone, String url, Path home) throws Exception {
        try (Jvm cli = Jvm.start(temp, List.of("-Duser.timezone=" + deskZone, "-Duser.home=" + temp), Main.class,
                "--home", home.toString(), "--db-url", url, "--db-user", "postgres", "env", "service", "1")) {
            assertThat(cli.waitFor(120)).as(cli.output()).isZero();
            return cli.output().replace("\r", "") + "\n";
        }
    }
}
