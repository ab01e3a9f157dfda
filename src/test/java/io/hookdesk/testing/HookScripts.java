package io.hookdesk.testing;

import io.hookdesk.model.HookedTable;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** Writes real hook scripts into a test's hooks directory. */
public final class HookScripts {

    private final Path dir;

    public HookScripts(Path dir) {
        this.dir = dir;
        try {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path dir() {
        return dir;
    }

    /** Installs {@code <table>_hook} with the given shell body (a {@code #!/bin/sh} line is added). */
    public Path install(HookedTable table, String body) {
        return write(table.hookName(), "#!/bin/sh\n" + body + "\n", "rwxr-xr-x");
    }

    /** Writes a file with exact content and permissions. */
    public Path write(String name, String content, String perms) {
        Path p = dir.resolve(name);
        try {
            Files.writeString(p, content, StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(perms));
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void remove(HookedTable table) {
        try {
            Files.deleteIfExists(dir.resolve(table.hookName()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
