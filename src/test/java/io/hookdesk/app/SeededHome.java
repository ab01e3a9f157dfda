package io.hookdesk.app;

import io.hookdesk.db.Database;
import io.hookdesk.db.DatabaseSettings;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

/**
 * A HookDesk home whose embedded server was created, migrated and seeded with the demo once per test JVM, copied into
 * a test's empty home: a process test that is not about the first start then starts where a workstation's second
 * start does, instead of paying initdb and the seed again (a good part of each such test's time). The template's
 * server is stopped (the last user out stops it), so its data directory copies as a whole; the copy keeps the
 * password file that goes with it.
 */
final class SeededHome {

    private static Path template;

    private SeededHome() {
    }

    /** Fills {@code home} (an empty directory) with a copy of the seeded home. */
    static void copyTo(Path home) throws IOException {
        Path from = template();
        try (Stream<Path> all = Files.walk(from)) {
            for (Path p : all.toList()) {
                Path to = home.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(to);
                    Files.setPosixFilePermissions(to, Files.getPosixFilePermissions(p));
                } else {
                    Files.copy(p, to, StandardCopyOption.COPY_ATTRIBUTES, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static synchronized Path template() throws IOException {
        if (template == null) {
            Path t = Files.createTempDirectory("hookdesk-seeded-home");
            try (Database db = Database.open(new DatabaseSettings(null, null, null, t))) {
                db.dsl().fetchOne("SELECT count(*) FROM hookdesk.demo_seed");
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(t)));
            template = t;
        }
        return template;
    }

    private static void delete(Path dir) {
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
