package io.hookdesk.db.embedded;

import io.hookdesk.db.Database;
import io.hookdesk.db.DatabaseSettings;
import io.hookdesk.db.demo.DemoData;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** The embedded database is the CSR's alone: other accounts on the workstation and anyone without the password are refused. */
class EmbeddedAccessTest {

    @TempDir
    Path home;
    @TempDir
    Path probeDir;

    @Test
    void withoutThePasswordNoConnectionIsAdmittedAndThePasswordFileIsTheOwnersAlone() throws Exception {
        try (Database db = Database.open(new DatabaseSettings(null, null, null, home))) {
            int port = port();
            String password = Files.readString(home.resolve(".database-password")).trim();
            assertThat(Files.getPosixFilePermissions(home.resolve(".database-password")))
                    .isEqualTo(PosixFilePermissions.fromString("rw-------"));
            assertThat(password).hasSize(32);

            assertThat(connect(port, "")).contains("password");
            assertThat(connect(port, "postgres")).contains("password authentication failed");
            assertThat(connect(port, password)).isEqualTo("connected");

            assertThat(db.dsl().fetchOne("SHOW unix_socket_directories").get(0, String.class)).isEmpty();
            assertThat(db.dsl().fetchOne("SELECT count(*) FROM pg_hba_file_rules "
                    + "WHERE auth_method NOT IN ('scram-sha-256', 'reject') OR error IS NOT NULL").get(0, Integer.class)).isZero();
        }
    }

    @Test
    void anotherOsAccountCanNeitherConnectNorReadThePassword() throws Exception {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")) && Files.isExecutable(Path.of("/usr/sbin/runuser")),
                "running a client as another account needs root and runuser (util-linux)");
        // The home made traversable, as ~/.local/share/hookdesk is under a home directory others may enter.
        Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwxr-xr-x"));
        try (Database db = Database.open(new DatabaseSettings(null, null, null, home))) {
            Path passwordFile = home.resolve(".database-password");
            String password = Files.readString(passwordFile).trim();
            Files.setPosixFilePermissions(probeDir, PosixFilePermissions.fromString("rwxr-xr-x"));
            Path driver = Files.copy(Path.of(org.postgresql.Driver.class.getProtectionDomain().getCodeSource().getLocation().toURI()),
                    probeDir.resolve("postgresql.jar"), StandardCopyOption.REPLACE_EXISTING);
            Path probe = Files.writeString(probeDir.resolve("Probe.java"), """
                    public class Probe {
                        public static void main(String[] a) throws Exception {
                            try (var c = java.sql.DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + a[0] + "/postgres", "postgres", a.length > 1 ? a[1] : "")) {
                                System.out.println("connected");
                            } catch (java.sql.SQLException e) {
                                System.out.println("refused: " + e.getMessage());
                            }
                        }
                    }
                    """);
            for (Path p : List.of(driver, probe)) {
                Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rw-r--r--"));
            }
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();

            assertThat(asNobody("cat", passwordFile.toString())).contains("Permission denied");
            assertThat(asNobody(java, "-cp", driver.toString(), probe.toString(), Integer.toString(port())))
                    .startsWith("refused:").contains("password");
            // The probe itself can connect when it has the password: the refusal above is the server's, not the probe's.
            assertThat(asNobody(java, "-cp", driver.toString(), probe.toString(), Integer.toString(port()), password))
                    .isEqualTo("connected");
        }
    }

    @Test
    void aHomeMadeWhenHookDeskTrustedLocalLoginsIsClosedAtItsFirstStartAndKeepsItsData() throws Exception {
        // What HookDesk before this version made: zonky's initdb -A trust, demo data, a change of the CSR's.
        try (EmbeddedServer old = EmbeddedServer.scratch(home.resolve("pgdata"));
             Database db = Database.connect("jdbc:postgresql://localhost:" + old.port() + "/postgres", "postgres", null)) {
            db.initDemoTables();
            new DemoData(db.dsl()).seed(DemoData.SMALL, n -> { });
            db.dsl().execute("UPDATE service SET d04 = 'kept' WHERE number = 1");
        }
        assertThat(home.resolve(".database-password")).doesNotExist();

        try (Database db = Database.open(new DatabaseSettings(null, null, null, home))) {
            assertThat(db.freshlyCreated()).as("not seeded a second time").isFalse();
            assertThat(db.dsl().fetchOne("SELECT d04 FROM service WHERE number = 1").get(0, String.class)).isEqualTo("kept");
            assertThat(db.dsl().fetchOne("SELECT count(*) FROM service").get(0, Integer.class)).isEqualTo(DemoData.SMALL);
            assertThat(connect(port(), "")).contains("password");
        }
        try (Database again = Database.open(new DatabaseSettings(null, null, null, home))) {
            assertThat(again.dsl().fetchOne("SELECT d04 FROM service WHERE number = 1").get(0, String.class)).isEqualTo("kept");
        }
    }

    private int port() throws IOException {
        return Integer.parseInt(Files.readAllLines(home.resolve("pgdata/postmaster.pid")).get(3).trim());
    }

    private static String connect(int port, String password) {
        Throwable refused = catchThrowable(() -> {
            try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres", "postgres", password)) {
                c.isValid(1);
            }
        });
        return refused == null ? "connected" : refused instanceof SQLException ? refused.getMessage() : refused.toString();
    }

    private static String asNobody(String... command) throws IOException, InterruptedException {
        List<String> all = new java.util.ArrayList<>(List.of("/usr/sbin/runuser", "-u", "nobody", "--"));
        all.addAll(List.of(command));
        Process p = new ProcessBuilder(all).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return out;
    }
}
