package io.hookdesk.hook.run;

import io.hookdesk.os.Executables;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Signals process groups through one long-lived {@code /bin/sh} and its builtin {@code kill}. Java can signal a
 * single process but not a group, and starting {@code /bin/kill} after every hook cost as much as starting the hook
 * itself (about 2 ms, measured by the save benchmark); with this shell it is a line on a pipe and an answer back.
 *
 * <p>The shell starts on first use, in a session of its own (through {@code setsid}, where there is one), and ends
 * when HookDesk does, because its stdin closes. Its own session, not HookDesk's process group: a HookDesk killed with
 * its whole group ({@code kill -9 -- -PGID}, {@code timeout -s KILL}) must not take its watchdog with it. If it is gone or does not answer within the bound, {@link #signal} returns false and the
 * caller falls back to {@code /bin/kill}; the next call starts a new shell. Thread-safe: one request at a time.
 *
 * <p><b>The watchdog.</b> The shell also keeps the groups of the hooks that run now ({@link #watch}, {@link #free}).
 * When its stdin closes while some run, HookDesk has ended without stopping them (SIGKILL, a crash, SIGTERM): the
 * shell then sends them SIGTERM and, half a second later, SIGKILL, so no hook goes on provisioning a change whose
 * transaction died with HookDesk. It ignores INT, HUP, TERM and PIPE, so that even without {@code setsid} a Ctrl+C in
 * the terminal, which reaches HookDesk's whole process group, does not end it before it has done that.
 */
final class GroupSignaller {

    /** One request per line, {@code SIGNAL PGID}; one answer per line, kill's exit status. */
    private static final String SCRIPT = String.join("\n",
            "trap '' INT HUP TERM PIPE",
            "w=' '",
            "while read -r s p; do",
            "  case \"$s\" in",
            "    WATCH) w=\"$w$p \"; echo 0 ;;",
            "    FREE) n=' '; for g in $w; do [ \"$g\" = \"$p\" ] || n=\"$n$g \"; done; w=$n; echo 0 ;;",
            "    *) kill -s \"$s\" -- \"-$p\" 2>/dev/null; echo \"$?\" ;;",
            "  esac",
            "done",
            "[ \"$w\" = ' ' ] && exit 0",
            "for g in $w; do kill -s TERM -- \"-$g\" 2>/dev/null; done",
            "sleep 0.5",
            "for g in $w; do kill -s KILL -- \"-$g\" 2>/dev/null; done");
    private static final String GONE = "\0gone";

    private final Path shell;
    /** Puts the shell in a session of its own; empty: the shell stays in HookDesk's group (and dies with it). */
    private final Optional<Path> setsid;
    private final long answerMillis;
    /** The groups the shell watches, kept here too so that a new shell can be told them again. */
    private final Set<Long> watched = new LinkedHashSet<>();
    private Process process;
    private Writer requests;
    private BlockingQueue<String> answers;

    GroupSignaller(Path shell, long answerMillis) {
        this(shell, Executables.SETSID, answerMillis);
    }

    GroupSignaller(Path shell, Optional<Path> setsid, long answerMillis) {
        this.shell = shell;
        this.setsid = setsid;
        this.answerMillis = answerMillis;
    }

    /**
     * Sends {@code signal} (a name such as TERM or KILL) to every process in group {@code pgid}. True when the shell
     * ran kill (an empty group, kill's "no such process", counts: there was nothing left to signal); false when
     * the shell could not be used.
     */
    synchronized boolean signal(String signal, long pgid) {
        if (!signal.matches("[A-Z0-9]+") || signal.equals("WATCH") || signal.equals("FREE") || pgid <= 1) {
            throw new IllegalArgumentException("signal " + signal + " to group " + pgid);
        }
        return request(signal, pgid);
    }

    /**
     * Has the shell kill group {@code pgid} if HookDesk ends before {@link #free} is called for it. False when the
     * shell could not be used (then nothing outlives HookDesk's own clean-up but a hook in a group it never saw).
     */
    synchronized boolean watch(long pgid) {
        if (pgid <= 1) {
            throw new IllegalArgumentException("group " + pgid);
        }
        watched.add(pgid);
        return request("WATCH", pgid);
    }

    /** The group's hook is over: the shell forgets it. */
    synchronized void free(long pgid) {
        if (watched.remove(pgid) && process != null && process.isAlive()) {
            request("FREE", pgid);
        }
    }

    private boolean request(String signal, long pgid) {
        // A shell that died since the last call (someone killed it, Ctrl-C in a terminal) fails at the write:
        // start a new one, once.
        for (int attempt = 0; attempt < 2; attempt++) {
            if (!running()) {
                return false;
            }
            try {
                requests.write(signal + " " + pgid + "\n");
                requests.flush();
            } catch (IOException e) {
                stop();
                continue;
            }
            String answer;
            try {
                answer = answers.poll(answerMillis, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                // The request is written and kill will run; the answer is abandoned, so this shell's answers would
                // no longer match their requests: retire it.
                Thread.currentThread().interrupt();
                stop();
                return true;
            }
            if (answer == null || answer.equals(GONE)) {
                stop();
                return false;
            }
            return true;
        }
        return false;
    }

    private boolean running() {
        if (process != null && process.isAlive()) {
            return true;
        }
        stop();
        if (!Files.isExecutable(shell)) {
            return false;
        }
        try {
            List<String> command = new ArrayList<>();
            // setsid execs the shell in place (the JVM's child leads no group), so the pid below is the shell's.
            setsid.ifPresent(s -> command.add(s.toString()));
            command.addAll(List.of(shell.toString(), "-c", SCRIPT));
            process = new ProcessBuilder(command)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
        } catch (IOException e) {
            process = null;
            return false;
        }
        requests = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.US_ASCII);
        BlockingQueue<String> queue = new LinkedBlockingQueue<>();
        answers = queue;
        BufferedReader from = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.US_ASCII));
        Thread reader = new Thread(() -> {
            try (from) {
                for (String line; (line = from.readLine()) != null; ) {
                    queue.add(line);
                }
            } catch (IOException e) {
                // the shell is gone; said below
            }
            queue.add(GONE);
        }, "hook-group-signaller");
        reader.setDaemon(true);
        reader.start();
        // A shell that replaces one that died must know the hooks that run now.
        for (long pgid : watched) {
            try {
                requests.write("WATCH " + pgid + "\n");
                requests.flush();
                queue.poll(answerMillis, TimeUnit.MILLISECONDS);
            } catch (IOException e) {
                return true;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return true;
            }
        }
        return true;
    }

    private void stop() {
        if (process != null) {
            process.destroyForcibly();
        }
        close();
    }

    /**
     * Ends the shell by closing its input, as HookDesk's own end would: with no group left to watch it exits at once.
     * A later request starts a new one.
     */
    synchronized void close() {
        if (requests != null) {
            try {
                requests.close();
            } catch (IOException ignored) {
                // the shell is already gone
            }
        }
        process = null;
        requests = null;
        answers = null;
    }

    /** The shell's pid while it runs, for tests. */
    synchronized long pid() {
        return process == null ? -1 : process.pid();
    }
}
