package io.hookdesk.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** A copy of the repository's {@code local/} for a test to run, so tests never write into the shipped directory. */
public final class ShippedHooks {

    public static final Path SHIPPED = Path.of("local").toAbsolutePath();

    private ShippedHooks() {
    }

    /** Copies {@code local/} (modes kept, owned by the copier, provisioned files left behind) to {@code target} and returns it. */
    public static Path copyTo(Path target) {
        try (Stream<Path> files = Files.walk(SHIPPED)) {
            for (Path source : (Iterable<Path>) files::iterator) {
                Path relative = SHIPPED.relativize(source);
                if (relative.startsWith("demo-provisioned") || relative.startsWith("provisioned")) {
                    continue;
                }
                Path copy = target.resolve(relative.toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(copy);
                } else {
                    // Not COPY_ATTRIBUTES: as root that keeps the owner of the checkout, and the locator refuses
                    // hooks owned by anyone but root or the user running the tests. The mode is what matters.
                    Files.copy(source, copy);
                    Files.setPosixFilePermissions(copy, Files.getPosixFilePermissions(source));
                }
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
