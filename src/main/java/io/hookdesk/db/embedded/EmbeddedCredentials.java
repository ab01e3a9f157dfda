package io.hookdesk.db.embedded;

import io.hookdesk.db.PrivatePaths;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Map;

/**
 * The password of a home's embedded server, and the {@code pg_hba.conf} that makes it the only way in.
 *
 * <p>Generated when the home first needs it (32 random letters and digits, about 190 bits) and kept in
 * {@code .database-password}, created readable by its owner only: another OS account on the workstation can neither
 * read it nor connect without it. An existing file is refused unless it is a plain file of the user's with no
 * permission for group or others (0600). The server admits password logins ({@code scram-sha-256}) over 127.0.0.1 and ::1
 * and refuses everything else; it has no Unix socket (pgjdbc would need a native library to use one).
 */
final class EmbeddedCredentials {

    static final String USER = "postgres";
    private static final String FILE = ".database-password";
    /** The first line of a pg_hba.conf HookDesk wrote; any other file is replaced at the next start of a stopped server. */
    static final String HBA_MARKER = "# HookDesk: password logins from this machine only";
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

    private final Path file;
    private final String password;
    private final boolean generated;

    private EmbeddedCredentials(Path file, String password, boolean generated) {
        this.file = file;
        this.password = password;
        this.generated = generated;
    }

    /** The home's password, generated now if it has none. */
    static EmbeddedCredentials of(Path home) {
        Path file = home.resolve(FILE);
        try {
            if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
                refuseUnlessPrivate(file);
                String password = Files.readString(file, StandardCharsets.US_ASCII).trim();
                if (!password.isEmpty()) {
                    if (!password.chars().allMatch(c -> c > ' ' && c < 127)) {
                        throw new IOException("it holds characters other than printable ASCII; remove it to have a new password made");
                    }
                    return new EmbeddedCredentials(file, password, false);
                }
            }
            String password = generate();
            // Written whole, with its permissions from the start, then moved into place: never readable by others,
            // never half-written.
            Path tmp = home.resolve(FILE + ".new");
            Files.deleteIfExists(tmp);
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(tmp, password + "\n", StandardCharsets.US_ASCII);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return new EmbeddedCredentials(file, password, true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write the database password in " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * An existing password file is used only when it is a plain file of the user's that nobody else may read or write:
     * one another account could read gives the database away, one it could write (or a link it could aim) chooses the
     * password HookDesk trusts.
     */
    private static void refuseUnlessPrivate(Path file) throws IOException {
        Map<String, Object> a = Files.readAttributes(file, "unix:mode,uid", LinkOption.NOFOLLOW_LINKS);
        int mode = (Integer) a.get("mode");
        int owner = (Integer) a.get("uid");
        int uid = PrivatePaths.currentUid();
        if ((mode & 0170000) != 0100000) {
            throw new IOException("it is not a plain file (a symbolic link?); HookDesk uses only a file of its own there");
        }
        if (owner != uid) {
            throw new IOException("it belongs to uid " + owner + ", not to the user running HookDesk (uid " + uid
                    + "); fix with: chown " + uid + " " + file);
        }
        if ((mode & 0077) != 0) {
            throw new IOException("its mode is " + Integer.toOctalString(mode & 0777) + ", so others may read or change it; "
                    + "fix with: chmod 600 " + file + " (and, if others could read it, remove it to have a new password made)");
        }
    }

    private static String generate() {
        SecureRandom random = new SecureRandom();
        StringBuilder b = new StringBuilder(32);
        for (int i = 0; i < 32; i++) {
            b.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return b.toString();
    }

    String password() {
        return password;
    }

    Path file() {
        return file;
    }

    /** True when the password was made by this call: a server made before it does not know it yet. */
    boolean generated() {
        return generated;
    }

    /** True when {@code pgHba} is the file {@link #hba()} writes. */
    static boolean hbaIsOurs(Path pgHba) {
        try {
            return Files.exists(pgHba) && Files.readAllLines(pgHba, StandardCharsets.UTF_8).stream()
                    .findFirst().filter(HBA_MARKER::equals).isPresent();
        } catch (IOException e) {
            return false;
        }
    }

    /** Password logins from this machine; no trust, no Unix socket, no replication; no matching line means refused. */
    static String hba() {
        return HBA_MARKER + "\n"
                + "# Written by HookDesk at each start of a stopped server; edits are replaced.\n"
                + "# TYPE  DATABASE  USER  ADDRESS       METHOD\n"
                + "host    all       all   127.0.0.1/32  scram-sha-256\n"
                + "host    all       all   ::1/128       scram-sha-256\n"
                + "local   all       all                 reject\n";
    }

    @Override
    public String toString() {
        return "EmbeddedCredentials[" + file + ", password=********]";
    }
}
