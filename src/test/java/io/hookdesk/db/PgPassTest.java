package io.hookdesk.db;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;

/** ~/.pgpass is read as libpq reads it, so CSRs keep one password file for psql and HookDesk. */
class PgPassTest {

    @TempDir
    Path dir;

    private Path pgpass(String content, String perms) throws Exception {
        Path file = dir.resolve(".pgpass");
        Files.writeString(file, content);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(perms));
        return file;
    }

    @Test
    void firstMatchingLineWinsWithWildcardsAndEscapes() throws Exception {
        Path file = pgpass("""
                # comment
                other:5432:billmax:alice:wrong
                billing.example.net:5432:billmax:alice:pa\\:ss\\\\word
                *:*:*:alice:fallback
                """, "rw-------");
        assertThat(PgPass.lookup(file, "billing.example.net", 5432, "billmax", "alice")).contains("pa:ss\\word");
        assertThat(PgPass.lookup(file, "elsewhere", 6543, "x", "alice")).contains("fallback");
        assertThat(PgPass.lookup(file, "billing.example.net", 5432, "billmax", "bob")).isEmpty();
    }

    @Test
    void fileReadableByOthersIsIgnoredLikeLibpqDoes() throws Exception {
        Path file = pgpass("*:*:*:alice:secret\n", "rw-r--r--");
        assertThat(PgPass.lookup(file, "h", 5432, "d", "alice")).isEmpty();
    }

    @Test
    void settingsNeverPrintThePassword() {
        DatabaseSettings settings = new DatabaseSettings("jdbc:postgresql://db.example.net:5433/billmax", "hookdesk",
                "typed-secret", dir);
        assertThat(settings.toString()).doesNotContain("typed-secret").contains("********");
        assertThat(settings.describe()).isEqualTo("jdbc:postgresql://db.example.net:5433/billmax as hookdesk");
    }
}
