package io.hookdesk.db;

import org.postgresql.PGEnvironment;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

/**
 * The PostgreSQL password file pgjdbc reads when no password is given, found where pgjdbc looks for it: the system
 * property {@code org.postgresql.pgpassfile}, else {@code PGPASSFILE}, else {@code ~/.pgpass}. pgjdbc reads the
 * passwords itself but whatever the file's mode; libpq (psql) ignores a file that group or others may use, and HookDesk
 * refuses to connect with one, so a password others can read is never sent.
 */
final class PasswordFile {

    private static final Set<PosixFilePermission> PRIVATE = Set.of(PosixFilePermission.OWNER_READ,
            PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE);

    private PasswordFile() {
    }

    /** The file pgjdbc would read under this environment and these system properties, if it exists. */
    static Optional<Path> location(Map<String, String> env, Properties system) {
        String named = nonBlank(system.getProperty(PGEnvironment.ORG_POSTGRESQL_PGPASSFILE.getName()));
        if (named == null) {
            named = nonBlank(env.get(PGEnvironment.PGPASSFILE.getName()));
        }
        Path file = named == null ? Path.of(system.getProperty("user.home"), ".pgpass")
                : named.startsWith("file:") ? Path.of(URI.create(named)) : Path.of(named);
        return Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
    }

    /** Fails, naming the file and the fix, if pgjdbc would read a password file that group or others may use. */
    static void requirePrivate(Map<String, String> env, Properties system) {
        Optional<Path> file = location(env, system);
        if (file.isEmpty()) {
            return;
        }
        Set<PosixFilePermission> permissions;
        try {
            permissions = Files.getPosixFilePermissions(file.get());
        } catch (UnsupportedOperationException e) {
            return; // not a POSIX file system (Windows): its access lists are the owner's business, as for libpq
        } catch (IOException e) {
            throw new DatabaseUnavailableException("Cannot check the password file " + file.get() + ": " + e.getMessage(), e);
        }
        if (!PRIVATE.containsAll(permissions)) {
            throw new DatabaseUnavailableException("The password file " + file.get() + " can be used by group or others ("
                    + "mode " + PosixFilePermissions.toString(permissions) + "), so HookDesk will "
                    + "not connect with it (psql ignores it too). Run: chmod 600 " + file.get(), null);
        }
    }

    private static String nonBlank(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
