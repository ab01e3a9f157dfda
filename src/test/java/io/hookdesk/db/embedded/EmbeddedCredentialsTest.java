package io.hookdesk.db.embedded;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The home's password file is trusted only when it is the user's alone; the password never becomes SQL text (issue 19 item 11). */
class EmbeddedCredentialsTest {

    private static final String PASSWORD = "Abcdefgh23456789Abcdefgh23456789";

    @TempDir
    Path home;

    @Test
    void aPasswordFileOthersMayReadOrWriteIsRefusedAndLeftAsItIs() throws Exception {
        Path file = Files.writeString(home.resolve(".database-password"), PASSWORD + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        assertThatThrownBy(() -> EmbeddedCredentials.of(home))
                .hasMessageContaining(file.toString()).hasMessageContaining("mode is 644").hasMessageContaining("chmod 600");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw--w----"));
        assertThatThrownBy(() -> EmbeddedCredentials.of(home)).hasMessageContaining("mode is 620");
        assertThat(Files.readString(file)).isEqualTo(PASSWORD + "\n");

        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        EmbeddedCredentials ok = EmbeddedCredentials.of(home);
        assertThat(ok.password()).isEqualTo(PASSWORD);
        assertThat(ok.generated()).isFalse();
    }

    @Test
    void aPasswordFileThatIsALinkOrAnotherUsersIsRefused() throws Exception {
        Path elsewhere = Files.writeString(home.resolve("planted"), PASSWORD + "\n");
        Files.setPosixFilePermissions(elsewhere, PosixFilePermissions.fromString("rw-------"));
        Path file = Files.createSymbolicLink(home.resolve(".database-password"), elsewhere);
        assertThatThrownBy(() -> EmbeddedCredentials.of(home)).hasMessageContaining("not a plain file");

        Assumptions.assumeTrue((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid") == 0,
                "giving a file to another user needs root");
        Files.delete(file);
        Files.move(elsewhere, file);
        Files.setAttribute(file, "unix:uid", 65534);
        assertThatThrownBy(() -> EmbeddedCredentials.of(home)).hasMessageContaining("belongs to uid 65534");
    }

    @Test
    void aNewPasswordFileIsTheOwnersAlone() throws Exception {
        EmbeddedCredentials made = EmbeddedCredentials.of(home);
        assertThat(made.generated()).isTrue();
        assertThat(Files.getPosixFilePermissions(home.resolve(".database-password")))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(EmbeddedCredentials.of(home).password()).isEqualTo(made.password());
    }

    @Test
    void thePasswordReachesSingleUserPostgresAsOneQuotedLiteral() {
        assertThat(PostgresCluster.setPasswordStatement(PASSWORD))
                .isEqualTo("ALTER ROLE postgres PASSWORD '" + PASSWORD + "';\n\n");
        assertThat(PostgresCluster.setPasswordStatement("x';DROP ROLE postgres;--"))
                .isEqualTo("ALTER ROLE postgres PASSWORD 'x'';DROP ROLE postgres;--';\n\n");
        assertThatThrownBy(() -> PostgresCluster.setPasswordStatement("nul\0byte")).isInstanceOf(IllegalArgumentException.class);
    }
}
