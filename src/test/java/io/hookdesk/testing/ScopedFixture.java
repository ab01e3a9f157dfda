package io.hookdesk.testing;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A test fixture that is its own JUnit extension: it makes a temporary directory, sets itself up in it and, when done,
 * tears itself down and deletes the directory. A test class then says in one {@code @RegisterExtension} field what it
 * needs instead of repeating a {@code @TempDir} and set-up and tear-down methods, and the fixtures share this one
 * life cycle instead of each writing it again.
 *
 * <p>Per class, in a static field, the fixture serves all the class's tests (for speed: one database); per test, in an
 * instance field, every test gets a fresh one (for isolation).
 */
public abstract class ScopedFixture implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback,
        AfterEachCallback {

    private final boolean perClass;
    private final String prefix;
    private Path dir;

    /** @param prefix names the temporary directory, so that one left behind says which tests made it */
    protected ScopedFixture(boolean perClass, String prefix) {
        this.perClass = perClass;
        this.prefix = prefix;
    }

    /** Sets the fixture up in its new, empty temporary directory. */
    protected abstract void start(Path dir) throws Exception;

    /** Releases what {@link #start} opened; must cope with a start that failed part-way. */
    protected abstract void stop() throws Exception;

    /** For a per-class fixture, what to undo after each test so that no test sees another's leftovers. */
    protected void afterEachShared() {
    }

    protected final boolean perClass() {
        return perClass;
    }

    @Override
    public final void beforeAll(ExtensionContext context) throws Exception {
        if (perClass) {
            begin();
        }
    }

    @Override
    public final void beforeEach(ExtensionContext context) throws Exception {
        if (!perClass) {
            begin();
        } else if (dir == null) {
            throw new IllegalStateException("a per-class " + getClass().getSimpleName()
                    + " must be registered in a static field");
        }
    }

    @Override
    public final void afterEach(ExtensionContext context) throws Exception {
        if (!perClass) {
            end();
        } else {
            afterEachShared();
        }
    }

    @Override
    public final void afterAll(ExtensionContext context) throws Exception {
        if (perClass) {
            end();
        }
    }

    private void begin() throws Exception {
        dir = Files.createTempDirectory(prefix);
        start(dir);
    }

    /** Stops the fixture and deletes the directory; copes with a {@link #begin} that failed part-way. */
    private void end() throws Exception {
        try {
            stop();
        } finally {
            if (dir != null) {
                deleteRecursively(dir);
                dir = null;
            }
        }
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
