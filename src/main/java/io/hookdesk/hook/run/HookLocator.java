package io.hookdesk.hook.run;

import io.hookdesk.model.HookStatus;
import io.hookdesk.model.HookedTable;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds {@code <table>_hook} in the hooks directory and checks that it is safe to run, as sshd's StrictModes does:
 * a regular executable file that only root or the user running HookDesk can change, in a directory of which the same
 * holds, and so for every directory above it up to {@code /} (a root-owned directory with the sticky bit, such as
 * {@code /tmp}, is acceptable: others may add to it but not replace what is in it). A configured hooks directory that
 * does not exist or cannot be read refuses every hook: provisioning is never turned off by a typing mistake.
 *
 * <p><b>Symbolic links.</b> The path is walked from {@code /} one name at a time, as the kernel resolves it, and every
 * directory consulted on the way is checked, including the directory that holds a symlinked hooks directory (or any
 * link above it) and every directory a link's target passes through. What is started is the verified path
 * ({@link HookStatus#verified()}): the hooks directory's real path and the hook's name, so that a link somewhere on
 * the configured path that is retargeted between the check and the start changes nothing. (The hook file itself may
 * be a link, kept so that a script installed under several names still sees its own in {@code $0}: it lies in a
 * directory that was checked, whose links nobody else can replace.)
 */
public final class HookLocator {

    private final Path directory;
    /** The user HookDesk runs as, who with root may own the hooks. */
    private final String runningUser;
    /**
     * Owners' names by uid, as the system named them when first seen: every save checks its hook and each directory
     * above it, and asking the system for an owner's name (a read of the user database each time) was about half of
     * that check's cost.
     */
    private final Map<Integer, String> ownerNames = new ConcurrentHashMap<>();

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

    /** Why the hooks directory cannot be used (it does not exist, is not a directory, cannot be read), or null. */
    public String directoryProblem() {
        if (!Files.exists(directory)) {
            return "the hooks directory " + directory + " does not exist; no save to a hooked table is allowed until it "
                    + "does (to work without hooks, point --hooks-dir or hooks.dir at an empty directory)";
        }
        if (!Files.isDirectory(directory)) {
            return "the hooks directory " + directory + " is not a directory";
        }
        if (!Files.isReadable(directory) || !Files.isExecutable(directory)) {
            return "the hooks directory " + directory + " cannot be read by " + runningUser;
        }
        return null;
    }

    public HookStatus locate(HookedTable table) {
        Path hook = directory.resolve(table.hookName());
        String unusable = directoryProblem();
        if (unusable != null) {
            return new HookStatus(HookStatus.State.DIRECTORY_UNUSABLE, hook, "Refusing to save: " + unusable + ".");
        }
        if (!Files.exists(hook, LinkOption.NOFOLLOW_LINKS) && !Files.exists(hook)) {
            return new HookStatus(HookStatus.State.ABSENT, hook, "no " + table.hookName() + " in " + directory);
        }
        if (!Files.isRegularFile(hook)) {
            return new HookStatus(HookStatus.State.NOT_A_FILE, hook,
                    hook + " is not a regular file (a dangling link or a directory); remove it or point it at the hook");
        }
        Path verified;
        try {
            Resolution resolution = new Resolution();
            Path realDirectory = resolution.walk(directory.getRoot(), directory);
            verified = realDirectory.resolve(table.hookName());
            Path real = resolution.walk(realDirectory, Path.of(table.hookName()));
            if (resolution.unsafe != null) {
                return new HookStatus(HookStatus.State.UNSAFE_PERMISSIONS, hook, resolution.unsafe);
            }
            if (!Files.isExecutable(real)) {
                return new HookStatus(HookStatus.State.NOT_EXECUTABLE, hook,
                        hook + " exists but is not executable; make it executable with: chmod 755 " + hook);
            }
        } catch (IOException | UnsupportedOperationException e) {
            return new HookStatus(HookStatus.State.NOT_A_FILE, hook, "cannot check " + hook + ": " + e.getMessage());
        }
        return new HookStatus(HookStatus.State.READY, hook, hook.toString(), verified);
    }

    /**
     * One path resolved as the kernel resolves it, name by name with each symbolic link followed where it is met,
     * checking every directory it steps into and the file it ends at ({@link #changeableByOthers}): one
     * {@code lstat} per name. {@link #unsafe} keeps the first problem found.
     */
    private final class Resolution {
        /** Linux gives up after 40 links in one resolution (ELOOP); so does this. */
        private static final int MAX_LINKS = 40;
        private final Set<Path> checked = new HashSet<>();
        private int links;
        String unsafe;

        /** Resolves {@code path} from {@code from} (a real directory, already checked, or {@code /}); its real path. */
        Path walk(Path from, Path path) throws IOException {
            Path current = path.isAbsolute() ? path.getRoot() : from;
            check(current, Files.readAttributes(current, "unix:mode,uid", LinkOption.NOFOLLOW_LINKS));
            for (Path name : path) {
                String n = name.toString();
                if (n.equals(".")) {
                    continue;
                }
                if (n.equals("..")) {
                    // current is a real path, so its parent is what ".." names.
                    current = current.getParent() == null ? current : current.getParent();
                    continue;
                }
                Path next = current.resolve(n);
                Map<String, Object> attributes = Files.readAttributes(next, "unix:mode,uid", LinkOption.NOFOLLOW_LINKS);
                if (((Integer) attributes.get("mode") & 0170000) == 0120000) {
                    if (++links > MAX_LINKS) {
                        throw new IOException("too many levels of symbolic links");
                    }
                    // The link's directory (current) is checked: nobody else can replace the link.
                    current = walk(current, Files.readSymbolicLink(next));
                } else {
                    check(next, attributes);
                    current = next;
                }
            }
            return current;
        }

        private void check(Path path, Map<String, Object> attributes) throws IOException {
            if (unsafe == null && checked.add(path)) {
                unsafe = changeableByOthers(path, attributes);
            }
        }
    }

    /**
     * A message if the file or directory can be changed by anyone but root and the running user: it belongs to someone
     * else, or its group or others may write it (except a root-owned directory with the sticky bit). Null if it is safe.
     * From one stat of the path: owner and full mode, the sticky bit included (one more the first time an owner is seen).
     */
    private String changeableByOthers(Path path, Map<String, Object> attributes) throws IOException {
        int mode = (Integer) attributes.get("mode");
        boolean directory = (mode & 0170000) == 0040000;
        String kind = directory ? "directory" : "file";
        String owner = ownerName((Integer) attributes.get("uid"), path);
        if (!owner.equals("root") && !owner.equals(runningUser)) {
            return "refusing to run: the " + kind + " " + path + " belongs to " + owner + ", who is "
                    + (runningUser.equals("root") ? "not root (the user running HookDesk)"
                            : "neither root nor " + runningUser + " (the user running HookDesk)") + ", so " + owner + " could change what provisioning runs; "
                    + "fix with: chown root " + path;
        }
        boolean group = (mode & 0020) != 0;
        boolean others = (mode & 0002) != 0;
        boolean sticky = (mode & 01000) != 0;
        if (!group && !others || directory && sticky && owner.equals("root")) {
            return null;
        }
        String who = group && others ? "its group and others" : group ? "its group" : "others";
        return "refusing to run: the " + kind + " " + path + " is writable by " + who
                + ", so anyone there could change what provisioning runs; fix with: chmod go-w " + path;
    }

    /** The name of the user {@code uid}, asked of the system once per uid through {@code path}, which it owned. */
    private String ownerName(int uid, Path path) throws IOException {
        String known = ownerNames.get(uid);
        if (known != null) {
            return known;
        }
        // uid and name from one stat, so a change of owner since the first cannot pair a uid with another's name.
        Map<String, Object> owner = Files.readAttributes(path, "unix:uid,owner");
        String name = ((UserPrincipal) owner.get("owner")).getName();
        ownerNames.put((Integer) owner.get("uid"), name);
        if ((Integer) owner.get("uid") != uid) {
            throw new IOException("its owner changed while it was being checked");
        }
        return name;
    }
}
