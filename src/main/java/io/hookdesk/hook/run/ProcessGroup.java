package io.hookdesk.hook.run;

import io.hookdesk.os.Executables;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A hook process together with everything it started, so that all of it can be ended at once.
 *
 * <p>The hook is started through util-linux {@code setsid}, which (the JVM's child not being a group leader) calls
 * setsid() and execs the hook in place: the hook's pid is also its session and process group id, and
 * {@code kill -- -pgid} reaches every process the hook started, including background children that its shell
 * has already forgotten and that were re-parented to init. {@code setsid -f} is not used: it forks, and the pid the
 * JVM sees would no longer be the group's.
 *
 * <p>Without setsid the hook runs directly and only {@link ProcessHandle#descendants()} can be reached. That misses
 * children whose parent already exited (a subshell's {@code sleep 300 &} is re-parented at once), so such a child
 * may keep stdout open until the runner stops waiting for it. It is a fallback for systems without util-linux,
 * not an equal.
 *
 * <p>The group is signalled once more after the hook exits. If nothing is left in it, its id is free and the kernel
 * could in principle hand it to a new group leader between the hook's exit and that signal; with a pid space of
 * millions and a window of milliseconds this is accepted.
 */
final class ProcessGroup {

    /** Resolved once: util-linux setsid, or empty to run hooks directly. */
    static final Optional<Path> SETSID = Executables.SETSID;
    private static final Optional<Path> KILL = Executables.find("kill", Path.of("/bin/kill"), Path.of("/usr/bin/kill"));
    private static final long KILL_COMMAND_WAIT_MS = 2_000;

    private final Process process;
    private final boolean ownGroup;
    /** Signals groups without starting a process per signal; {@link #KILL} is the fallback. */
    private final GroupSignaller signaller;

    ProcessGroup(Process process, boolean ownGroup, GroupSignaller signaller) {
        this.process = process;
        this.ownGroup = ownGroup && KILL.isPresent();
        this.signaller = signaller;
    }

    /** The command that starts {@code hook} with no arguments, in a group of its own when {@code setsid} is given. */
    static List<String> command(Optional<Path> setsid, Path hook) {
        List<String> command = new ArrayList<>();
        setsid.ifPresent(s -> command.add(s.toString()));
        command.add(hook.toString());
        return command;
    }

    /** Asks the whole group to stop (SIGTERM), waits up to {@code graceMillis} for the hook, then kills what is left. */
    void terminate(long graceMillis) {
        signal("TERM");
        try {
            process.waitFor(graceMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        kill();
    }

    /** True while the hook itself runs. */
    boolean alive() {
        return process.isAlive();
    }

    /** Kills everything in the group at once (SIGKILL); used for what a hook left behind when it exited. */
    void kill() {
        signal("KILL");
    }

    private void signal(String name) {
        if (ownGroup && (signaller.signal(name, process.pid()) || runKill(name))) {
            return;
        }
        // Children first: once the hook is gone, its children are re-parented and no longer its descendants.
        List<ProcessHandle> all = new ArrayList<>(process.descendants().toList());
        all.add(process.toHandle());
        for (ProcessHandle handle : all) {
            if (name.equals("KILL")) {
                handle.destroyForcibly();
            } else {
                handle.destroy();
            }
        }
    }

    /** {@code kill -s NAME -- -pgid}; false if kill could not be run at all. */
    private boolean runKill(String name) {
        ProcessBuilder builder = new ProcessBuilder(KILL.orElseThrow().toString(), "-s", name, "--", "-" + process.pid())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                // "No such process" once the group is empty is expected, not news.
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        try {
            Process kill = builder.start();
            kill.getOutputStream().close();
            if (!kill.waitFor(KILL_COMMAND_WAIT_MS, TimeUnit.MILLISECONDS)) {
                kill.destroyForcibly();
            }
            return true;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }
}
