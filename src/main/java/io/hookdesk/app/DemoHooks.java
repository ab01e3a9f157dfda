package io.hookdesk.app;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;

/**
 * The demo hooks of the embedded demo database, carried in the jar ({@code demo-hooks/} on the class path, copied from
 * {@code local/} by the build) and unpacked into {@code $HOOKDESK_HOME/demo-hooks}. They keep what they "provision" in
 * {@code demo-provisioned/} beside themselves, so under the home: never in the installation directory (which a
 * package purge must leave empty) and never in another home. A file is rewritten only when the jar's differs (an
 * upgrade), through a temporary file and a rename, so a hook running meanwhile reads either version whole.
 */
final class DemoHooks {

    static final String DIRECTORY = "demo-hooks";
    private static final List<String> EXECUTABLES = List.of("service_hook", "service_hook-example", "account_hook",
            "resources/mailbox", "resources/radius");
    private static final List<String> FILES = List.of("resources/common.sh");

    private DemoHooks() {
    }

    /** Unpacks the demo hooks into {@code directory}; false when this build carries none (then nothing is written). */
    static boolean unpack(Path directory) {
        if (DemoHooks.class.getResource("/" + DIRECTORY + "/service_hook") == null) {
            return false;
        }
        try {
            // HookDesk refuses hooks in a directory its group or others may write: not at the mercy of the umask.
            for (Path dir : List.of(directory, directory.resolve("resources"))) {
                Files.createDirectories(dir);
                Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
            for (String name : EXECUTABLES) {
                write(directory, name, "rwxr-xr-x");
            }
            for (String name : FILES) {
                write(directory, name, "rw-r--r--");
            }
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unpack the demo hooks into " + directory + ": " + e.getMessage(), e);
        }
    }

    private static void write(Path directory, String name, String permissions) throws IOException {
        byte[] content;
        try (InputStream in = DemoHooks.class.getResourceAsStream("/" + DIRECTORY + "/" + name)) {
            if (in == null) {
                throw new IOException("the jar has no " + DIRECTORY + "/" + name);
            }
            content = in.readAllBytes();
        }
        Path target = directory.resolve(name);
        if (Files.isRegularFile(target) && Arrays.equals(Files.readAllBytes(target), content)) {
            return;
        }
        Files.createDirectories(target.getParent());
        Path tmp = target.resolveSibling("." + target.getFileName() + ".new");
        Files.write(tmp, content);
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString(permissions));
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
