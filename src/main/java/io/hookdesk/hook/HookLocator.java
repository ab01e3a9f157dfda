package io.hookdesk.hook;

import io.hookdesk.model.HookedTable;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;

/** Finds {@code <table>_hook} in the hooks directory and checks that it is safe to run. */
public final class HookLocator {

    private final Path directory;

    public HookLocator(Path directory) {
        this.directory = directory.toAbsolutePath().normalize();
    }

    public Path directory() {
        return directory;
    }

    public HookStatus locate(HookedTable table) {
        Path hook = directory.resolve(table.hookName());
        if (!Files.exists(hook, LinkOption.NOFOLLOW_LINKS) && !Files.exists(hook)) {
            return new HookStatus(HookStatus.State.ABSENT, hook, "no " + table.hookName() + " in " + directory);
        }
        if (!Files.isRegularFile(hook)) {
            return new HookStatus(HookStatus.State.NOT_A_FILE, hook,
                    hook + " is not a regular file (a dangling link or a directory); remove it or point it at the hook");
        }
        try {
            Path real = hook.toRealPath();
            String unsafe = writableByOthers(real);
            if (unsafe == null) {
                unsafe = writableByOthers(real.getParent());
            }
            if (unsafe == null && !real.getParent().equals(directory.toRealPath())) {
                unsafe = writableByOthers(directory.toRealPath());
            }
            if (unsafe != null) {
                return new HookStatus(HookStatus.State.UNSAFE_PERMISSIONS, hook, unsafe);
            }
            if (!Files.isExecutable(real)) {
                return new HookStatus(HookStatus.State.NOT_EXECUTABLE, hook,
                        hook + " exists but is not executable; make it executable with: chmod 755 " + hook);
            }
        } catch (IOException | UnsupportedOperationException e) {
            return new HookStatus(HookStatus.State.NOT_A_FILE, hook, "cannot check " + hook + ": " + e.getMessage());
        }
        return new HookStatus(HookStatus.State.READY, hook, hook.toString());
    }

    /** A message if the file or directory can be changed by someone other than its owner, else null. */
    private static String writableByOthers(Path path) throws IOException {
        Set<PosixFilePermission> perms = Files.getPosixFilePermissions(path);
        boolean group = perms.contains(PosixFilePermission.GROUP_WRITE);
        boolean others = perms.contains(PosixFilePermission.OTHERS_WRITE);
        if (!group && !others) {
            return null;
        }
        String who = group && others ? "its group and others" : group ? "its group" : "others";
        String kind = Files.isDirectory(path) ? "directory" : "file";
        return "refusing to run: the " + kind + " " + path + " is writable by " + who
                + ", so anyone there could change what provisioning runs; fix with: chmod go-w " + path;
    }
}
