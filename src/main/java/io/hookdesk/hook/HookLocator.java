package io.hookdesk.hook;

import io.hookdesk.model.HookedTable;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;

/**
 * Finds {@code <table>_hook} in the hooks directory and checks that it is safe to run: a regular executable file
 * that only root or the user running HookDesk can change, in a directory of which the same holds (the rule sshd and
 * sudo apply to what they run). Directories above the hooks directory are not checked.
 */
public final class HookLocator {

    private final Path directory;
    /** The user HookDesk runs as, who with root may own the hooks. */
    private final String runningUser;

    public HookLocator(Path directory) {
        this(directory, ProcessHandle.current().info().user().orElse(System.getProperty("user.name")));
    }

    HookLocator(Path directory, String runningUser) {
        this.directory = directory.toAbsolutePath().normalize();
        this.runningUser = runningUser;
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
            String unsafe = changeableByOthers(real);
            if (unsafe == null) {
                unsafe = changeableByOthers(real.getParent());
            }
            if (unsafe == null && !real.getParent().equals(directory.toRealPath())) {
                unsafe = changeableByOthers(directory.toRealPath());
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

    /**
     * A message if the file or directory can be changed by anyone but root and the running user: it belongs to someone
     * else, or its group or others may write it. Null if it is safe.
     */
    private String changeableByOthers(Path path) throws IOException {
        PosixFileAttributes attributes = Files.readAttributes(path, PosixFileAttributes.class);
        String kind = attributes.isDirectory() ? "directory" : "file";
        String owner = attributes.owner().getName();
        if (!owner.equals("root") && !owner.equals(runningUser)) {
            return "refusing to run: the " + kind + " " + path + " belongs to " + owner + ", who is neither root nor "
                    + runningUser + " (the user running HookDesk), so " + owner + " could change what provisioning runs; "
                    + "fix with: chown root " + path;
        }
        Set<PosixFilePermission> perms = attributes.permissions();
        boolean group = perms.contains(PosixFilePermission.GROUP_WRITE);
        boolean others = perms.contains(PosixFilePermission.OTHERS_WRITE);
        if (!group && !others) {
            return null;
        }
        String who = group && others ? "its group and others" : group ? "its group" : "others";
        return "refusing to run: the " + kind + " " + path + " is writable by " + who
                + ", so anyone there could change what provisioning runs; fix with: chmod go-w " + path;
    }
}
