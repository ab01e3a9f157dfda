package io.hookdesk.cli;

import io.hookdesk.hook.run.HookServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * {@code hookdesk runhook --serve DIR}: the hook runner HookDesk starts through sudo ({@code account:NAME}) or SSH,
 * speaking frames on stdin and stdout, never meant for a person's terminal. Needs no database.
 */
@Command(name = "runhook", description = {"Serve hook runs for HookDesk over stdin/stdout (hook.runner account: or ssh://).",
        "Runs <table>_hook from DIR only, as the account it runs as; logs every run with the caller to syslog."})
final class RunhookCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--serve", required = true, paramLabel = "DIR", description = "the hooks directory to run hooks from")
    Path directory;

    @Option(names = "--caller", paramLabel = "NAME", description = "who is calling, for the log (an SSH key's command= "
            + "names its owner); default: SUDO_USER, else this account")
    String caller;

    @Option(names = "--log", paramLabel = "FILE", description = "also append each line to FILE")
    Path logFile;

    @Option(names = "--state", paramLabel = "DIR", description = "where to keep a marker of each run, so that a HookDesk "
            + "killed while its hook ran or before its commit is told at its next start; default: ~/.hookdesk/runhook-running "
            + "when this account may write there")
    Path state;

    @Override
    public Integer call() throws IOException {
        String who = caller != null ? caller : System.getenv("SUDO_USER") != null ? System.getenv("SUDO_USER")
                : System.getProperty("user.name");
        String ssh = System.getenv("SSH_CONNECTION");
        String from = who + (ssh == null ? "" : " from " + ssh.split(" ")[0]);
        PrintWriter err = spec.commandLine().getErr();
        SystemLog syslog = new SystemLog();
        Consumer<String> log = line -> {
            String stamped = Instant.now() + " " + line;
            synchronized (err) {
                err.println(stamped);
                err.flush();
            }
            if (logFile != null) {
                try {
                    Files.writeString(logFile, stamped + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                            StandardOpenOption.APPEND);
                } catch (IOException e) {
                    err.println("runhook: cannot append to " + logFile + ": " + e.getMessage());
                }
            }
            // On the log's own thread: the save does not wait for syslog.
            syslog.log(line);
        };
        Path markers = state != null ? state : defaultState();
        log.accept("serving " + directory + " for " + from + (markers == null ? "; keeping no markers of runs (no --state, "
                + "and this account may not write ~/.hookdesk)" : "; markers of runs in " + markers));
        // stdout carries only frames: the raw descriptor, not a writer that a stray print could share.
        int runs = new HookServer(directory, markers, from, log).serve(new FileInputStream(FileDescriptor.in),
                new FileOutputStream(FileDescriptor.out));
        log.accept("client " + from + " closed the connection after " + runs + " run(s)");
        syslog.close();
        return ExitCodes.OK;
    }

    /**
     * {@code ~/.hookdesk/runhook-running} of the account the runner runs as, if it may write there (the .deb makes
     * {@code /var/lib/hookdesk/.hookdesk} for hookdesk-hooks, whose home is {@code /var/lib/hookdesk}); else null.
     */
    private static Path defaultState() {
        String home = System.getenv("HOME");
        if (home == null || home.isBlank()) {
            return null;
        }
        Path dot = Path.of(home, ".hookdesk");
        boolean writable = Files.isDirectory(dot) ? Files.isWritable(dot) : Files.isDirectory(dot.getParent())
                && Files.isWritable(dot.getParent());
        return writable ? dot.resolve("runhook-running") : null;
    }
}
