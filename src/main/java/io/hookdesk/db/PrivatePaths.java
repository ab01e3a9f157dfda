package io.hookdesk.db;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;

/**
 * Files and directories only the user running HookDesk may change: how its home, the PostgreSQL binaries and the
 * hook log are made and checked, so another local account can neither plant what HookDesk runs nor aim what it writes.
 *
 * <p>Two rules. Directories HookDesk creates are created mode 0700 whatever the umask, and a directory it did not
 * create is never chmod'ed (a {@code log.file} in {@code /tmp} must not take {@code /tmp}'s sticky bit away). A path
 * HookDesk relies on is trusted only when every directory from it up to the user's home (or up to {@code /} when it
 * is outside the home) belongs to root or the user and is not writable by group or others, unless it is a sticky
 * directory of root's such as {@code /tmp}, where others cannot rename or remove what is not theirs.
 */
public final class PrivatePaths {

    private PrivatePaths() {
    }

    /** The uid of this process (the owner of {@code /proc/self}), as the kernel compares it with files' owners. */
    public static int currentUid() {
        try {
            return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        } catch (IOException | UnsupportedOperationException e) {
            throw new IllegalStateException("cannot tell which user runs HookDesk (/proc/self: " + e.getMessage() + ")", e);
        }
    }

    /**
     * Creates {@code dir} and any missing parents, each one HookDesk creates mode 0700 (set explicitly, so a umask
     * of 0 cannot open it); directories that already exist are left exactly as they are.
     */
    public static void createDirectories(Path dir) throws IOException {
        Deque<Path> missing = new ArrayDeque<>();
        for (Path p = dir.toAbsolutePath().normalize(); p != null && !Files.isDirectory(p); p = p.getParent()) {
            missing.push(p);
        }
        while (!missing.isEmpty()) {
            Path p = missing.pop();
            try {
                Files.createDirectory(p, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } catch (FileAlreadyExistsException raced) {
                if (!Files.isDirectory(p)) {
                    throw raced;
                }
                continue; // another process made it meanwhile: not ours to chmod
            }
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwx------"));
        }
    }

    /**
     * Why {@code path} (a directory or file) cannot be trusted, or null when it can: it, and every directory above it up
     * to the home {@code home} (or up to {@code /} outside it), belongs to root or the user {@code uid} and is not
     * writable by group or others, sticky directories of root's excepted. Symbolic links on the way are resolved first,
     * so what is checked is what is used; the caller uses the real path ({@link Path#toRealPath}).
     */
    public static String untrusted(Path path, Path home, int uid) throws IOException {
        Path real = path.toRealPath();
        Path realHome = home == null ? null : realOrNull(home);
        boolean inHome = realHome != null && real.startsWith(realHome);
        for (Path p = real; p != null; p = p.getParent()) {
            Map<String, Object> a = Files.readAttributes(p, "unix:mode,uid", LinkOption.NOFOLLOW_LINKS);
            int mode = (Integer) a.get("mode");
            int owner = (Integer) a.get("uid");
            boolean directory = (mode & 0170000) == 0040000;
            String kind = directory ? "directory" : "file";
            if (owner != uid && owner != 0) {
                return "the " + kind + " " + p + " belongs to uid " + owner + ", neither root nor the user running HookDesk (uid "
                        + uid + "), who could change it";
            }
            boolean writableByOthers = (mode & 0022) != 0;
            boolean stickyRoots = directory && (mode & 01000) != 0 && owner == 0;
            // The path itself must be closed even when sticky: in a sticky directory others still add entries.
            if (writableByOthers && (p.equals(real) || !stickyRoots)) {
                return "the " + kind + " " + p + " is writable by " + ((mode & 0020) != 0 && (mode & 0002) != 0 ? "its group and others"
                        : (mode & 0020) != 0 ? "its group" : "others") + ", who could change it";
            }
            if (inHome && p.equals(realHome)) {
                break;
            }
        }
        return null;
    }

    private static Path realOrNull(Path p) {
        try {
            return p.toRealPath();
        } catch (IOException e) {
            return null;
        }
    }
}
