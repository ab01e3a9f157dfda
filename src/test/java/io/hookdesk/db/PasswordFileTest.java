package io.hookdesk.db;

import io.hookdesk.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * pgjdbc reads ~/.pgpass itself, whatever its mode; HookDesk keeps libpq's rule that a password file group or others
 * may use is not used, by refusing to connect with one.
 */
class PasswordFileTest {

    private static final String PROPERTY = "org.postgresql.pgpassfile";

    @TempDir
    Path dir;

    private Path pgpass(String name, String perms) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, "*:*:*:*:secret\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(perms));
        return file;
    }

    private static Properties system(String home, String property) {
        Properties p = new Properties();
        p.setProperty("user.home", home);
        if (property != null) {
            p.setProperty(PROPERTY, property);
        }
        return p;
    }

    @Test
    void isFoundWherePgjdbcLooksForIt() throws Exception {
        Path home = pgpass(".pgpass", "rw-------");
        Path env = pgpass("env-pgpass", "rw-------");
        Path prop = pgpass("prop-pgpass", "rw-------");
        assertThat(PasswordFile.location(Map.of(), system(dir.toString(), null))).contains(home);
        assertThat(PasswordFile.location(Map.of("PGPASSFILE", env.toString()), system(dir.toString(), null))).contains(env);
        assertThat(PasswordFile.location(Map.of("PGPASSFILE", env.toString()), system(dir.toString(), prop.toString())))
                .contains(prop);
        assertThat(PasswordFile.location(Map.of(), system(dir.toString(), prop.toUri().toString()))).contains(prop);
        assertThat(PasswordFile.location(Map.of("PGPASSFILE", dir.resolve("none").toString()), system(dir.toString(), null)))
                .isEmpty();
    }

    @Test
    void aFileGroupOrOthersMayUseIsRefusedNamingTheFix() throws Exception {
        for (String mode : new String[] {"rw-r-----", "rw----r--", "rw--w----", "rw------x"}) {
            Path file = pgpass(".pgpass", mode);
            assertThatThrownBy(() -> PasswordFile.requirePrivate(Map.of(), system(dir.toString(), null)))
                    .as(mode)
                    .isInstanceOf(DatabaseUnavailableException.class)
                    .hasMessage("The password file " + file + " can be used by group or others (mode " + mode + "), so "
                            + "HookDesk will not connect with it (psql ignores it too). Run: chmod 600 " + file);
        }
        pgpass(".pgpass", "r--------");
        PasswordFile.requirePrivate(Map.of(), system(dir.toString(), null));
        Files.delete(dir.resolve(".pgpass"));
        PasswordFile.requirePrivate(Map.of(), system(dir.toString(), null));
    }

    /** Through Database.open, before pgjdbc is given the chance to read the file; with the password given, no file is read. */
    @Test
    void openingAnExternalDatabaseWithASharedPasswordFileConnectsToNothing() throws Exception {
        Path shared = pgpass("shared-pgpass", "rw-r--r--");
        String url;
        try (Database db = TestDatabase.fresh()) {
            url = db.description();
        }
        String before = System.getProperty(PROPERTY);
        System.setProperty(PROPERTY, shared.toString());
        try {
            assertThatThrownBy(() -> Database.open(new DatabaseSettings(url, "postgres", null, dir)))
                    .isInstanceOf(DatabaseUnavailableException.class)
                    .hasMessageContaining("chmod 600 " + shared);
            Database.open(new DatabaseSettings(url, "postgres", "typed-in", dir)).close();
            Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rw-------"));
            Database.open(new DatabaseSettings(url, "postgres", null, dir)).close();
        } finally {
            if (before == null) {
                System.clearProperty(PROPERTY);
            } else {
                System.setProperty(PROPERTY, before);
            }
        }
    }
}
