package io.hookdesk.hook.run;

import io.hookdesk.os.ProcessStat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The hooks running now, so that none outlives the HookDesk that started it, and the record of any that had to be
 * stopped because HookDesk ended.
 *
 * <p>Three layers, for three ways of ending. HookDesk closing or told to stop (window closed, Ctrl+C, SIGTERM): it
 * stops the hooks itself ({@link #stopAll}) and says so. HookDesk killed (SIGKILL, a crash, its whole process group
 * killed): the group-signalling shell, in a session of its own, sees its input close and kills the groups it watches
 * ({@link GroupSignaller}). And for the record: each running hook has a marker file in {@code directory}; a marker left
 * by a process that no longer runs is dealt with by the next HookDesk that starts on the home ({@link #reportAbandoned}):
 * a hook whose group still runs (the watchdog was killed too) is stopped then, after checking that the group is still
 * that hook's (the leader's start time and the machine's boot, from {@code /proc}), and {@code hooks.log} says which
 * hook, for which record, was stopped, or plainly that it could not be. A hook that had exited 0 before HookDesk ended
 * has that outcome in its marker ({@link PendingCommit}): the line says it provisioned, and whether the database
 * committed the change.
 *
 * <p>Thread-safe.
 */
public final class InFlightHooks {

    private static final Logger LOG = LoggerFactory.getLogger(InFlightHooks.class);

    /** How long the next start lets a stopped group clean up after SIGTERM before SIGKILL. */
    private static final long LEFTOVER_GRACE_MS = 500;
    /** How long the next start waits for a killed group to be gone, and for the database to decide a commit. */
    private static final long SETTLE_MS = 5_000;
    private static final String EXITED_0 = "exited 0";
    /** A remote runner's marker of a hook it stopped because its client went away ({@link #stopAllForClient}). */
    private static final String STOPPED = "stopped";

    private final Path directory;
    /** Where this HookDesk's saves go ({@code Database.description()}): a pending commit is checked only there. */
    private final String database;
    /**
     * For a hook runner ({@link HookServer}): which HookDesk its markers belong to, so that only that HookDesk's next
     * connection is told of them; null for HookDesk's own markers.
     */
    private final String client;
    private final ProcessHandle self = ProcessHandle.current();
    /** This boot of the machine, read once: every marker names it. */
    private final Optional<String> boot = ProcessStat.bootId();
    /** When this process started, read once: every marker names it. */
    private final Optional<String> selfStarted = self.info().startInstant().map(Instant::toString);
    private final Map<Long, Running> running = new ConcurrentHashMap<>();
    /** Groups {@link #stopAllForClient} stopped, for a {@link #mark} that comes after it. */
    private final java.util.Set<Long> stoppedForClient = ConcurrentHashMap.newKeySet();
    /**
     * Set once the client has gone ({@link #stopAllForClient}): where its lines go. A hook whose start was under way as
     * the client went is counted in after the stop went through the running ones, and is stopped as it is counted in.
     */
    private volatile Consumer<String> clientGone;
    private volatile long clientGoneGraceMillis;

    private record Running(ProcessGroup group, Path marker, String description) {
    }

    /**
     * What the database says of a transaction a marker names: {@code committed}, {@code aborted}, {@code in progress},
     * or null when it no longer knows (PostgreSQL's {@code txid_status}). Throws when it cannot be asked.
     */
    @FunctionalInterface
    public interface Transactions {
        String status(String transaction);
    }

    /** Markers in {@code directory} (created when first needed), which belongs to one HookDesk home; null for none. */
    public InFlightHooks(Path directory) {
        this(directory, null);
    }

    /** The same, for saves to {@code database} (its description, never a password). */
    public InFlightHooks(Path directory, String database) {
        this(directory, database, null);
    }

    /** A hook runner's markers, in its own account's {@code directory}, for the HookDesk {@code client}. */
    InFlightHooks(Path directory, String database, String client) {
        this.directory = directory;
        this.database = database;
        this.client = client;
    }

    /** What a hook run is, in the words of the log: {@code service_hook for service 12 (update) by alice}. */
    static String describe(Path hook, Map<String, String> env) {
        String table = env.getOrDefault("HOOK_TABLE", "?");
        String number = env.getOrDefault("NEW_number", env.getOrDefault("OLD_number", "?"));
        String operation = ("1".equals(env.get("HOOK_REPROVISION")) ? "run again"
                : "1".equals(env.get("HOOK_COMPENSATE")) ? "undoing a failed cascade's change"
                : "1".equals(env.get("NEW")) ? "create" : "update")
                // Which account-wide action it was part of: the line about each of its hooks names the same one.
                + (env.containsKey("HOOK_CASCADE_FROM") ? ", cascade from " + env.get("HOOK_CASCADE_FROM") : "");
        String csr = env.getOrDefault("HOOK_CSR", "");
        return hook + " for " + table + " " + number + " (" + operation + ")" + (csr.isEmpty() ? "" : " by " + csr);
    }

    /** The HookDesk a runner's markers belong to; null for HookDesk's own. */
    String client() {
        return client;
    }

    /** Counts the hook as running (so {@link #stopAll} stops it); its marker follows with {@link #mark}. */
    void started(ProcessGroup group, long pgid, Path hook, Map<String, String> env) {
        String description = describe(hook, env);
        Path marker = directory == null ? null : directory.resolve(self.pid() + "-" + pgid);
        running.put(pgid, new Running(group, marker, description));
        Consumer<String> gone = clientGone;
        if (gone != null) {
            // The connection ended between this hook's start and now: it must not go on provisioning alone, nor be
            // forgotten. On record first, then stopped like the others, its marker saying so.
            mark(pgid);
            stopAllForClient(clientGoneGraceMillis, gone);
        }
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
        selfStarted.ifPresent(t -> p.setProperty("processStarted", t));
        p.setProperty("hookStarted", Instant.now().toString());
        // Who the hook is, so that the next start can stop its group if it outlives this HookDesk and its watchdog,
        // and leave alone a group that has since come to carry the same number.
        p.setProperty("group", Long.toString(pgid));
        ProcessStat.of(pgid).ifPresent(leader -> p.setProperty("groupStarted", Long.toString(leader.startTicks())));
        boot.ifPresent(b -> p.setProperty("boot", b));
        if (database != null) {
            p.setProperty("database", database);
        }
        if (client != null) {
            p.setProperty("client", client);
        }
        try {
            Files.createDirectories(directory);
            // Written aside and renamed into place: a HookDesk killed while writing leaves no half a marker, which the
            // next start would report as a stopped hook without saying which.
            Path partial = directory.resolve("." + r.marker.getFileName() + ".partial");
            try (var out = Files.newBufferedWriter(partial, StandardCharsets.UTF_8)) {
                p.store(out, "a hook HookDesk is running; removed when it ends");
            }
            Files.move(partial, r.marker, StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            LOG.warn("could not write {}: if HookDesk is killed while this hook runs, hooks.log will not say so", r.marker, e);
        }
        if (stoppedForClient.remove(pgid)) {
            // Stopped because the client went away while the marker was being written: kept, saying so.
            appendStopped(r);
        } else if (!running.containsKey(pgid)) {
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
     * The hook of group {@code pgid} exited 0 and its save will now commit: the marker says so, on disk (appended in
     * one write and forced) before this returns, and stays until {@code commit} is closed.
     */
    void exitedZero(long pgid, PendingCommit commit) {
        Running r = running.remove(pgid);
        if (r == null || r.marker == null) {
            return;
        }
        // With the commit held, a transaction a remote client names only now (PendingCommit.learnLater) is either in
        // these lines or appended after them.
        synchronized (commit) {
            StringBuilder lines = new StringBuilder()
                    .append("outcome=").append(EXITED_0).append('\n')
                    .append("hookExited=").append(Instant.now()).append('\n');
            if (commit.transactionId() != null) {
                lines.append("transaction=").append(commit.transactionId()).append('\n');
            }
            try {
                append(r.marker, lines.toString());
                commit.attach(r.marker);
            } catch (IOException e) {
                LOG.warn("could not record in {} that {} exited 0: if HookDesk is killed before the commit, nothing will "
                        + "say that it provisioned", r.marker, r.description, e);
            }
        }
    }

    /** Appends {@code lines} to {@code marker} in one write, on disk before this returns. */
    static void append(Path marker, String lines) throws IOException {
        try (FileChannel channel = FileChannel.open(marker, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            ByteBuffer bytes = ByteBuffer.wrap(lines.getBytes(StandardCharsets.ISO_8859_1));
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
            channel.force(false);
        }
    }

    /**
     * A hook runner's {@link #stopAll}, when its client's connection has ended: each hook still running is stopped and
     * its marker kept, saying so, for that HookDesk's next connection ({@link #reportAbandoned(String, Consumer,
     * Consumer)}); {@code log} gets a line for each, for the runner's own log.
     */
    void stopAllForClient(long graceMillis, Consumer<String> log) {
        clientGoneGraceMillis = graceMillis;
        clientGone = log;
        for (Long pgid : List.copyOf(running.keySet())) {
            Running r = running.get(pgid);
            // A hook that has ended is left to its run, which records how (an exit 0 is on record until settled).
            if (r == null || !r.group.alive() || !running.remove(pgid, r)) {
                continue;
            }
            stoppedForClient.add(pgid);
            r.group.terminate(graceMillis);
            log.accept(r.description + " was stopped because the connection to HookDesk ended while it ran");
            if (r.marker != null && Files.exists(r.marker) && stoppedForClient.remove(pgid)) {
                appendStopped(r);
            }
        }
    }

    private static void appendStopped(Running r) {
        try {
            append(r.marker, "outcome=" + STOPPED + "\nstopped=" + Instant.now() + "\n");
        } catch (IOException e) {
            LOG.warn("could not record in {} that {} was stopped", r.marker, r.description, e);
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
     * Deals with the hooks of HookDesk processes on this home that ended while a hook ran or before its commit was
     * confirmed (killed, crashed), hands {@code log} a line for each, its verb first, and forgets them: a hook whose
     * group still runs is stopped now; a hook that had exited 0 is reported as provisioned, with what
     * {@code transactions} says of its commit. Markers of processes that still run are theirs and stay.
     */
    public void reportAbandoned(Consumer<String> log, Transactions transactions) {
        reportAbandoned(null, log, p -> log.accept(provisionedLine(p, database, transactions)));
    }

    /**
     * The same, leaving the database's part to the caller: each abandoned marker of {@code client} (null: markers that
     * name no client, HookDesk's own) gives {@code log} a line, or, for a hook that had exited 0, {@code exitedZero} its
     * marker, which {@link #provisionedLine} turns into a line where the database can be asked. A hook runner answers
     * its client's question with these.
     */
    void reportAbandoned(String client, Consumer<String> log, Consumer<Properties> exitedZero) {
        if (directory == null || !Files.isDirectory(directory)) {
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
            if (!Objects.equals(client, p.getProperty("client")) || stillRuns(pid, p.getProperty("processStarted"))) {
                continue;
            }
            String hook = p.getProperty("hook", marker.getFileName().toString());
            String started = " (started " + p.getProperty("hookStarted", "?") + ")";
            if (EXITED_0.equals(p.getProperty("outcome"))) {
                exitedZero.accept(p);
            } else if (STOPPED.equals(p.getProperty("outcome"))) {
                log.accept("STOPPED: " + hook + " was stopped by the hook runner (pid " + pid + ") at "
                        + p.getProperty("stopped", "?") + " because its connection to HookDesk ended while it ran; the "
                        + "change was rolled back" + started);
            } else {
                long group = parse(p.getProperty("group", marker.getFileName().toString().replaceFirst("^\\d+-", "")));
                log.accept(leftOverLine(hook, pid, group, p) + started);
            }
            deleteQuietly(marker);
        }
    }

    /** What became of a hook that was running when its HookDesk ended; stops its group if it still runs. */
    private String leftOverLine(String hook, long pid, long group, Properties p) {
        LeftOver left = leftOver(group, p);
        if (left.members.isEmpty()) {
            return "STOPPED: " + stoppedLine(hook, pid, "ended");
        }
        if (!left.confirmed) {
            return "NOT STOPPED: " + hook + " may still run: HookDesk (pid " + pid + ") ended while it ran, and processes "
                    + pids(left.members) + " are in its process group " + group + ", but HookDesk cannot confirm they are "
                    + "this hook's (" + left.why + "), so it left them alone; if they are, stop them with: kill -KILL -- -"
                    + group + ". The change was rolled back";
        }
        List<ProcessStat> remaining = stop(group, p);
        if (remaining.isEmpty()) {
            return "STOPPED: " + hook + " was still running after HookDesk (pid " + pid + ") ended while it ran (its "
                    + "watchdog had ended too); stopped at this start by HookDesk (pid " + self.pid() + "); the change "
                    + "was rolled back";
        }
        return "NOT STOPPED: " + hook + " still runs although HookDesk (pid " + pid + ") ended while it ran: HookDesk (pid "
                + self.pid() + ") could not stop processes " + pids(remaining) + " of its process group " + group
                + "; stop them with: kill -KILL -- -" + group + ". The change was rolled back";
    }

    /** The live processes of the hook's group, and whether they are known to be the hook's. */
    private record LeftOver(List<ProcessStat> members, boolean confirmed, String why) {
    }

    private static LeftOver leftOver(long group, Properties p) {
        if (group <= 1) {
            return new LeftOver(List.of(), true, "");
        }
        String boot = p.getProperty("boot");
        if (boot != null && !ProcessStat.bootId().map(boot::equals).orElse(true)) {
            return new LeftOver(List.of(), true, ""); // the machine has restarted since: nothing of it runs
        }
        List<ProcessStat> members = ProcessStat.group(group);
        long started = parse(p.getProperty("groupStarted"));
        if (members.isEmpty()) {
            return new LeftOver(members, true, "");
        }
        if (started < 0) {
            return new LeftOver(members, false, "its marker does not say when the hook started");
        }
        Optional<ProcessStat> leader = ProcessStat.of(group);
        if (leader.isPresent() && leader.get().startTicks() != started) {
            // The number is another process's now; it could only be given out once the hook's whole group was gone.
            return new LeftOver(List.of(), true, "");
        }
        // The hook made itself leader of a session of that number; what it started came after it.
        List<ProcessStat> hooks = members.stream().filter(m -> m.session() == group && m.startTicks() >= started).toList();
        if (hooks.size() < members.size()) {
            return new LeftOver(members, false, "some of them are in another session or started before the hook");
        }
        return new LeftOver(hooks, true, "");
    }

    /** SIGTERM to the hook's processes, a moment's grace, SIGKILL; what is left of them after that. */
    private static List<ProcessStat> stop(long group, Properties p) {
        leftOver(group, p).members.forEach(m -> ProcessHandle.of(m.pid()).ifPresent(ProcessHandle::destroy));
        List<ProcessStat> left = settle(group, p, LEFTOVER_GRACE_MS);
        // Killed one by one until none is left: a process may start another between a look at the group and the kill.
        for (int round = 0; round < 5 && !left.isEmpty(); round++) {
            left.forEach(m -> ProcessHandle.of(m.pid()).ifPresent(ProcessHandle::destroyForcibly));
            left = settle(group, p, SETTLE_MS / 5);
        }
        return left;
    }

    private static List<ProcessStat> settle(long group, Properties p, long millis) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        List<ProcessStat> left = leftOver(group, p).members;
        while (!left.isEmpty() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            left = leftOver(group, p).members;
        }
        return left;
    }

    /**
     * A hook that had exited 0 when its HookDesk ended (or, run by a hook runner, when its connection to HookDesk did),
     * before the commit was confirmed; {@code database} is where this HookDesk's saves go.
     */
    static String provisionedLine(Properties p, String database, Transactions transactions) {
        String hook = p.getProperty("hook", "a hook");
        String pid = p.getProperty("pid", "?");
        String exited = hook + " exited 0 at " + p.getProperty("hookExited", "?") + ", so it provisioned, but "
                + (p.getProperty("client") == null ? "HookDesk (pid " + pid + ") ended before it confirmed the commit"
                : "the connection between HookDesk and the hook runner (pid " + pid + ") ended before HookDesk confirmed "
                + "the commit");
        String transaction = p.getProperty("transaction");
        String unknown;
        if (transaction == null) {
            unknown = "the marker does not name its transaction";
        } else if (!Objects.equals(database, p.getProperty("database"))) {
            unknown = "it was saved to " + p.getProperty("database", "another database") + ", not to "
                    + (database == null ? "the database this start uses" : database);
        } else {
            String status;
            try {
                status = decided(transaction, transactions);
            } catch (RuntimeException e) {
                status = "unknown (" + e.getMessage() + ")";
            }
            if ("committed".equals(status)) {
                return "PROVISIONED, COMMITTED: " + exited + "; the database has the change committed (transaction "
                        + transaction + "): provisioning and database agree";
            }
            if ("aborted".equals(status)) {
                return "PROVISIONED, NOT COMMITTED: " + exited + ", and the database rolled the change back (transaction "
                        + transaction + "): the provisioned system is ahead of the database; check it, then save the "
                        + "record again";
            }
            unknown = "the database says " + (status == null ? "it no longer knows transaction " + transaction
                    : status + " of transaction " + transaction);
        }
        return "PROVISIONED, COMMIT NOT CONFIRMED: " + exited + "; whether the change committed cannot be said ("
                + unknown + "): compare the record with the provisioned system";
    }

    /** The transaction's status, waiting a few seconds while a server still finishes the commit of a killed client. */
    private static String decided(String transaction, Transactions transactions) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(SETTLE_MS);
        String status = transactions.status(transaction);
        while ("in progress".equals(status) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            status = transactions.status(transaction);
        }
        return status;
    }

    private static String pids(List<ProcessStat> processes) {
        return String.join(", ", processes.stream().map(m -> Long.toString(m.pid())).toList());
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
