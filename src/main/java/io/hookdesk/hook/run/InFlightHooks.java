package io.hookdesk.hook.run;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The hooks running now, so that none outlives the HookDesk that started it, and the record of any that had to be
 * stopped because HookDesk ended.
 *
 * <p>Three layers, for three ways of ending. HookDesk closing or told to stop (window closed, Ctrl+C, SIGTERM): it
 * stops the hooks itself ({@link #stopAll}) and says so. HookDesk killed (SIGKILL, a crash): the group-signalling
 * shell sees its input close and kills the groups it watches ({@link GroupSignaller}). And for the record: each running
 * hook has a marker file in {@code directory}; a marker left by a process that no longer runs is reported by the
 * next HookDesk that starts on the home ({@link #reportAbandoned}), so {@code hooks.log} says which hook, for which
 * record, was stopped and that its change was rolled back (the transaction died with its connection).
 *
 * <p>Thread-safe.
 */
public final class InFlightHooks {

    private static final Logger LOG = LoggerFactory.getLogger(InFlightHooks.class);

    private final Path directory;
    private final ProcessHandle self = ProcessHandle.current();
    private final Map<Long, Running> running = new ConcurrentHashMap<>();

    private record Running(ProcessGroup group, Path marker, String description) {
    }

    /** Markers in {@code directory} (created when first needed), which belongs to one HookDesk home; null for none. */
    public InFlightHooks(Path directory) {
        this.directory = directory;
    }

    /** What a hook run is, in the words of the log: {@code service_hook for service 12 (update) by alice}. */
    static String describe(Path hook, Map<String, String> env) {
        String table = env.getOrDefault("HOOK_TABLE", "?");
        String number = env.getOrDefault("NEW_number", env.getOrDefault("OLD_number", "?"));
        String operation = "1".equals(env.get("NEW")) ? "create" : "update";
        String csr = env.getOrDefault("HOOK_CSR", "");
        return hook + " for " + table + " " + number + " (" + operation + ")" + (csr.isEmpty() ? "" : " by " + csr);
    }

    /** Counts the hook as running (so {@link #stopAll} stops it); its marker follows with {@link #mark}. */
    void started(ProcessGroup group, long pgid, Path hook, Map<String, String> env) {
        String description = describe(hook, env);
        Path marker = directory == null ? null : directory.resolve(self.pid() + "-" + pgid);
        running.put(pgid, new Running(group, marker, description));
    }

    /** Writes the hook's marker, once the signalling shell watches its group. */
    void mark(long pgid) {
        Running r = running.get(pgid);
        if (r == null || r.marker == null) {
            return;
        }
        Properties p = new Properties();
        p.setProperty("hook", r.description);
        p.setProperty("pid", Long.toString(self.pid()));
        self.info().startInstant().ifPresent(t -> p.setProperty("processStarted", t.toString()));
        p.setProperty("hookStarted", Instant.now().toString());
        try {
            Files.createDirectories(directory);
            // Written aside and renamed into place: a HookDesk killed while writing leaves no half a marker, which the
            // next start would report as a stopped hook without saying which.
            Path partial = directory.resolve("." + r.marker.getFileName() + ".partial");
            try (var out = Files.newBufferedWriter(partial, StandardCharsets.UTF_8)) {
                p.store(out, "a hook HookDesk is running; removed when it ends");
            }
            Files.move(partial, r.marker, java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            LOG.warn("could not write {}: if HookDesk is killed while this hook runs, hooks.log will not say so", r.marker, e);
        }
        if (!running.containsKey(pgid)) {
            // Stopped or ended while the marker was written: it must not be reported again.
            deleteQuietly(r.marker);
        }
    }

    void ended(long pgid) {
        Running r = running.remove(pgid);
        if (r != null) {
            deleteQuietly(r.marker);
        }
    }

    /**
     * Stops every hook still running (SIGTERM, {@code graceMillis}, SIGKILL to its group) and hands {@code log}
     * a line for each. For HookDesk's own end: a window closed, Ctrl+C, SIGTERM.
     */
    public void stopAll(long graceMillis, Consumer<String> log) {
        for (Long pgid : List.copyOf(running.keySet())) {
            Running r = running.remove(pgid);
            // Taken out first, so the run's own end does not remove the marker before the line is written.
            if (r == null || !r.group.alive()) {
                continue;
            }
            r.group.terminate(graceMillis);
            log.accept(stoppedLine(r.description, self.pid(), "was closing"));
            deleteQuietly(r.marker);
        }
    }

    /** The number of hooks running now. */
    public int count() {
        return running.size();
    }

    /**
     * Reports the hooks of HookDesk processes on this home that ended while a hook ran (killed, crashed), and
     * forgets them. Markers of processes that still run are theirs and stay.
     */
    public void reportAbandoned(Consumer<String> log) {
        if (!Files.isDirectory(directory)) {
            return;
        }
        List<Path> markers;
        try (Stream<Path> files = Files.list(directory)) {
            markers = new ArrayList<>(files.toList());
        } catch (IOException e) {
            LOG.warn("could not read {}", directory, e);
            return;
        }
        for (Path marker : markers) {
            if (marker.getFileName().toString().startsWith(".")) {
                // A marker whose writer was killed before it was complete: its process is gone, nothing to report.
                deleteQuietly(marker);
                continue;
            }
            Properties p = new Properties();
            try (var in = Files.newBufferedReader(marker, StandardCharsets.UTF_8)) {
                p.load(in);
            } catch (IOException | IllegalArgumentException e) {
                deleteQuietly(marker);
                continue;
            }
            long pid = parse(p.getProperty("pid"));
            if (stillRuns(pid, p.getProperty("processStarted"))) {
                continue;
            }
            log.accept(stoppedLine(p.getProperty("hook", marker.getFileName().toString()), pid, "ended")
                    + " (started " + p.getProperty("hookStarted", "?") + ")");
            deleteQuietly(marker);
        }
    }

    static String stoppedLine(String description, long pid, String how) {
        return description + " was stopped because HookDesk (pid " + pid + ") " + how + " while it ran; the change was rolled back";
    }

    private static boolean stillRuns(long pid, String started) {
        Optional<ProcessHandle> p = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        if (p.isEmpty()) {
            return false;
        }
        // A pid the kernel has since given to another process is not the HookDesk that wrote the marker.
        return started == null || p.get().info().startInstant().map(Instant::toString).map(started::equals).orElse(true);
    }

    private static long parse(String pid) {
        try {
            return pid == null ? -1 : Long.parseLong(pid);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static void deleteQuietly(Path marker) {
        if (marker == null) {
            return;
        }
        try {
            Files.deleteIfExists(marker);
        } catch (IOException e) {
            LOG.debug("could not remove {}", marker, e);
        }
    }
}
