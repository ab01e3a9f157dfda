package io.hookdesk.db.embedded;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * PostgreSQL's programs run only from a tree no other local user can change, and only while it is what the archive
 * unpacked (issue 19 item 1).
 */
class PostgresBinariesTest {

    private static final Path SETPRIV = Path.of("/usr/bin/setpriv");
    private static final int NOBODY = 65534;

    @TempDir
    Path dir;

    /**
     * What another account did to HookDesk before: zonky unpacked into {@code ${java.io.tmpdir}/embedded-pg/PG-<md5 of
     * the archive>} and reused whatever held an {@code .exists} marker there. Here "nobody" plants that directory, with
     * a {@code pg_ctl}, {@code initdb} and {@code postgres} that record who ran them, in a sticky temporary directory
     * like /tmp; a HookDesk started with that temporary directory must open its home without running any of them.
     */
    @Test
    void programsAnotherUserPlantsInTheSharedTemporaryDirectoryNeverRun() throws Exception {
        assumeRootWithSetpriv();
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path tmp = Files.createDirectory(dir.resolve("tmp"));
        Files.setAttribute(tmp, "unix:mode", 01777);
        Path ran = tmp.resolve("planted-program-ran");
        Path pg = tmp.resolve("embedded-pg").resolve("PG-" + archiveMd5());
        String plant = """
                set -e
                mkdir -p "$1/bin"
                chmod -R 0777 "$(dirname "$1")"
                for p in pg_ctl initdb postgres; do
                  printf '#!/bin/sh\\necho "$(id -u) ran %s" >> "%s"\\nexit 1\\n' "$p" "$2" > "$1/bin/$p"
                  chmod 0755 "$1/bin/$p"
                done
                touch "$1/.exists"
                """;
        Process planting = new ProcessBuilder(SETPRIV.toString(), "--reuid=" + NOBODY, "--regid=" + NOBODY, "--clear-groups",
                "sh", "-c", plant, "plant", pg.toString(), ran.toString()).redirectErrorStream(true).start();
        assertThat(planting.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(planting.exitValue()).as(new String(planting.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isZero();
        assertThat((Integer) Files.getAttribute(pg.resolve("bin/pg_ctl"), "unix:uid")).isEqualTo(NOBODY);

        Path home = dir.resolve("home");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.io.tmpdir=" + tmp, "-cp", System.getProperty("java.class.path"), OpenHomeMain.class.getName(),
                home.toString()));
        Process jvm = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(jvm.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(jvm.waitFor(180, TimeUnit.SECONDS)).isTrue();

        assertThat(ran).as("a planted program ran").doesNotExist();
        assertThat(output).contains("OPENED");
        assertThat(jvm.exitValue()).as(output).isZero();
    }

    @Test
    void aCacheDirectoryAnotherUserOwnsOrMayWriteIsRefused() throws Exception {
        Path home = dir.resolve("home");
        Path groupWritable = Files.createDirectories(dir.resolve("group/hookdesk"));
        Files.setPosixFilePermissions(groupWritable, PosixFilePermissions.fromString("rwxrwx---"));
        assertThatThrownBy(() -> PostgresBinaries.inCache(groupWritable, home))
                .hasMessageContaining("refusing to run PostgreSQL")
                .hasMessageContaining(groupWritable + " is writable by its group");
        assertThat(groupWritable).isEmptyDirectory();

        Path aboveIsOpen = Files.createDirectories(dir.resolve("open"));
        Files.setPosixFilePermissions(aboveIsOpen, PosixFilePermissions.fromString("rwxrwxrwx"));
        assertThatThrownBy(() -> PostgresBinaries.inCache(aboveIsOpen.resolve("cache/hookdesk"), home))
                .hasMessageContaining(aboveIsOpen + " is writable by its group and others");

        Assumptions.assumeTrue(isRoot(), "giving a directory to another user needs root");
        Path others = Files.createDirectories(dir.resolve("others/hookdesk"));
        Files.setAttribute(others, "unix:uid", NOBODY);
        assertThatThrownBy(() -> PostgresBinaries.inCache(others, home))
                .hasMessageContaining(others + " belongs to uid " + NOBODY);
        assertThat(others).isEmptyDirectory();
    }

    @Test
    void aChangedOrAddedFileInTheUnpackedTreeIsFoundAndTheTreeUnpackedAgain() throws Exception {
        Path home = dir.resolve("home");
        Path cache = dir.resolve("cache/hookdesk");
        PostgresBinaries first = PostgresBinaries.inCache(cache, home);
        Path tree = first.root();
        assertThat(Files.getPosixFilePermissions(tree)).isEqualTo(PosixFilePermissions.fromString("rwx------"));
        assertThat(Files.getPosixFilePermissions(cache)).isEqualTo(PosixFilePermissions.fromString("rwx------"));
        assertThat(PostgresBinaries.mismatch(tree)).isNull();
        Path pgCtl = tree.resolve("bin/pg_ctl");
        byte[] genuine = Files.readAllBytes(pgCtl);

        Files.writeString(pgCtl, "#!/bin/sh\nid -u > /tmp/owned\n", StandardOpenOption.APPEND);
        assertThat(PostgresBinaries.mismatch(tree)).contains("differs from the archive");

        PostgresBinaries again = PostgresBinaries.inCache(cache, home);
        assertThat(again.root()).isEqualTo(tree);
        assertThat(Files.readAllBytes(pgCtl)).as("unpacked again from the archive").isEqualTo(genuine);
        assertThat(PostgresBinaries.mismatch(tree)).isNull();

        // An installed image's copy is checked the same way, but HookDesk cannot mend it: refused.
        assertThat(PostgresBinaries.ofTree(tree, home).root()).isEqualTo(tree);
        Files.writeString(tree.resolve("lib/libextra.so"), "planted");
        assertThat(PostgresBinaries.mismatch(tree)).contains("differs from the archive");
        assertThatThrownBy(() -> PostgresBinaries.ofTree(tree, home)).hasMessageContaining("reinstall HookDesk");
        Files.delete(tree.resolve("lib/libextra.so"));
        Files.setPosixFilePermissions(tree.resolve("bin"), PosixFilePermissions.fromString("rwxrwxrwx"));
        assertThat(PostgresBinaries.mismatch(tree)).contains("bin may be changed by another user");
    }

    @Test
    void theCacheIsXdgCacheHomeWhenAbsoluteElseDotCacheInTheHome() {
        Path home = Path.of("/home/csr");
        assertThat(PostgresBinaries.cacheRoot(java.util.Map.of("XDG_CACHE_HOME", "/var/cache/csr"), home))
                .isEqualTo(Path.of("/var/cache/csr/hookdesk"));
        assertThat(PostgresBinaries.cacheRoot(java.util.Map.of("XDG_CACHE_HOME", "relative"), home))
                .isEqualTo(Path.of("/home/csr/.cache/hookdesk"));
        assertThat(PostgresBinaries.cacheRoot(java.util.Map.of(), home)).isEqualTo(Path.of("/home/csr/.cache/hookdesk"));
    }

    private static String archiveMd5() throws Exception {
        try (InputStream in = PostgresBinariesTest.class.getClassLoader().getResourceAsStream("postgres-linux-x86_64.txz")) {
            assertThat(in).as("zonky's archive on the class path").isNotNull();
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(in.readAllBytes()));
        }
    }

    private static boolean isRoot() throws IOException {
        return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid") == 0;
    }

    private static void assumeRootWithSetpriv() throws IOException {
        Assumptions.assumeTrue(isRoot() && Files.isExecutable(SETPRIV),
                "planting as another user needs root and setpriv (util-linux)");
    }
}
