package io.hookdesk.os;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/** Finds the system's commands: first where Debian installs them, then on {@code PATH}; absolute paths only. */
public final class Executables {

    /**
     * util-linux {@code setsid}, resolved once: it puts a process in a session (and process group) of its own. Hooks
     * start through it, and so do the processes that must outlive HookDesk's own group (the embedded server's guard,
     * the hook watchdog). Empty on a system without util-linux.
     */
    public static final Optional<Path> SETSID = find("setsid", Path.of("/usr/bin/setsid"), Path.of("/bin/setsid"));

    private Executables() {
    }

    /** The first regular executable file among {@code usual}, then {@code name} in each absolute {@code PATH} entry. */
    public static Optional<Path> find(String name, Path... usual) {
        String path = System.getenv("PATH");
        Stream<Path> onPath = path == null ? Stream.empty()
                : Stream.of(path.split(":")).filter(d -> !d.isEmpty()).map(d -> Path.of(d, name));
        return Stream.concat(Stream.of(usual), onPath)
                .filter(p -> p.isAbsolute() && Files.isRegularFile(p) && Files.isExecutable(p))
                .findFirst();
    }
}
