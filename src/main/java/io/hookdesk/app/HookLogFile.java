package io.hookdesk.app;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeAndTimeBasedRollingPolicy;
import ch.qos.logback.core.util.FileSize;
import io.hookdesk.db.PrivatePaths;
import io.hookdesk.model.EnvValues;
import io.hookdesk.model.Secrets;
import io.hookdesk.save.FailureLog;
import io.hookdesk.save.Masking;
import io.hookdesk.save.SaveRequest;
import io.hookdesk.save.SaveResult;
import org.slf4j.LoggerFactory;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The file where failed non-interactive saves go (default {@code $HOOKDESK_HOME/logs/hooks.log}), rolled daily
 * and by size. Each entry is self-contained: someone reading only this file must understand what happened,
 * so it names the table, record, operation, CSR, outcome, exit status, duration and the hook's full output.
 */
public final class HookLogFile implements FailureLog, AutoCloseable {

    private final Path file;
    private final Logger logger;
    private final OwnFileAppender appender;
    private int unwritten;
    private String unwrittenProblem;

    public HookLogFile(Path file) {
        this.file = file;
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();

        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%d{yyyy-MM-dd HH:mm:ss.SSS XXX} %msg%n");
        encoder.start();

        appender = new OwnFileAppender();
        appender.setContext(context);
        appender.setName("hooks-" + file);
        appender.setFile(file.toString());
        SizeAndTimeBasedRollingPolicy<ILoggingEvent> policy = new SizeAndTimeBasedRollingPolicy<>();
        policy.setContext(context);
        policy.setParent(appender);
        policy.setFileNamePattern(file + ".%d{yyyy-MM-dd}.%i.gz");
        policy.setMaxFileSize(FileSize.valueOf("20MB"));
        policy.setMaxHistory(90);
        policy.setTotalSizeCap(FileSize.valueOf("2GB"));
        policy.start();
        appender.setRollingPolicy(policy);
        appender.setEncoder(encoder);
        appender.start();

        // A logger of its own per file, not additive: these entries belong in hooks.log only.
        logger = context.getLogger("hookdesk.hooks." + Integer.toHexString(file.toString().hashCode()));
        logger.setAdditive(false);
        // The application's root level is WARN (logback.xml); these entries must be written whatever it is.
        logger.setLevel(ch.qos.logback.classic.Level.INFO);
        logger.addAppender(appender);
        // Diagnostics with their stack traces come here too: stderr shows them as one line at most (logback.xml).
        context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(appender);
        context.getLogger(DIAGNOSTICS).addAppender(appender);
    }

    /** The logger whose entries go to the log file only (an unexpected error's details, said in one line elsewhere). */
    public static final String DIAGNOSTICS = "hookdesk.diagnostics";

    /**
     * The log holds the hooks' output and the changes' values: only the user running HookDesk may read or aim it. It is
     * opened as logback's own file appender would, and at each roll-over, but: its directory and every one above it must
     * be root's or the user's and closed to group and others (sticky ones of root's above it excepted, as for hooks),
     * so nobody else can plant a link or a file in it; missing directories are created 0700 and an existing one is never
     * chmod'ed; an existing file must be a plain file of the user's, never a symbolic link (opened without following
     * one, and checked again after opening to be the same file); a new file is created 0600, exclusively. A write that
     * fails (a full disk) is noted, not lost silently: {@link #unwritten()} says so, and the command line with it.
     */
    static final class OwnFileAppender extends RollingFileAppender<ILoggingEvent> {

        private volatile String problem;
        private final AtomicLong failures = new AtomicLong();

        @Override
        public void openFile(String name) throws IOException {
            streamWriteLock.lock();
            try {
                OutputStream out = openOwnFile(Path.of(name).toAbsolutePath());
                setOutputStream(new FilterOutputStream(out) {
                    @Override
                    public void write(byte[] b, int off, int len) {
                        try {
                            out.write(b, off, len);
                        } catch (IOException e) {
                            noteFailure(e);
                        }
                    }

                    @Override
                    public void flush() {
                        try {
                            out.flush();
                        } catch (IOException e) {
                            noteFailure(e);
                        }
                    }
                });
                problem = null;
            } catch (IOException e) {
                problem = e.getMessage();
                throw e;
            } finally {
                streamWriteLock.unlock();
            }
        }

        private void noteFailure(IOException e) {
            problem = e.getMessage() == null ? e.toString() : e.getMessage();
            failures.incrementAndGet();
        }

        /** Why the file cannot be written, or null. */
        String problem() {
            return problem;
        }

        long failures() {
            return failures.get();
        }
    }

    /** Opens {@code file} for appending under the rules of {@link OwnFileAppender}; an IOException says why not. */
    static OutputStream openOwnFile(Path file) throws IOException {
        Path dir = file.getParent();
        if (!Files.isDirectory(dir)) {
            PrivatePaths.createDirectories(dir);
        }
        int uid = PrivatePaths.currentUid();
        String unsafe = PrivatePaths.untrusted(dir, Path.of(System.getProperty("user.home")), uid);
        if (unsafe != null) {
            throw new IOException("refusing to write the log " + file + ": " + unsafe
                    + "; put log.file in a directory of your own");
        }
        LinkOption noFollow = LinkOption.NOFOLLOW_LINKS;
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rw-------")));
        } catch (FileAlreadyExistsException exists) {
            // O_CREAT|O_EXCL: whatever is there, a link included, was not followed; it is checked below
        }
        Map<String, Object> before = Files.readAttributes(file, "unix:mode,uid,ino,dev", noFollow);
        int mode = (Integer) before.get("mode");
        if ((mode & 0170000) != 0100000) {
            throw new IOException("refusing to write the log " + file + ": it is not a plain file (a symbolic link?)");
        }
        if ((Integer) before.get("uid") != uid) {
            throw new IOException("refusing to write the log " + file + ": it belongs to uid " + before.get("uid")
                    + ", not to the user running HookDesk (uid " + uid + ")");
        }
        OutputStream out = Files.newOutputStream(file, noFollow, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND);
        Map<String, Object> after = Files.readAttributes(file, "unix:ino,dev", noFollow);
        if (!after.get("ino").equals(before.get("ino")) || !after.get("dev").equals(before.get("dev"))) {
            out.close();
            throw new IOException("refusing to write the log " + file + ": it was replaced while it was being opened");
        }
        if ((mode & 0077) != 0) {
            // The user's own file, opened to others (an older HookDesk, a copy): closed again.
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        }
        return out;
    }

    /** Entries that could not be written so far, and why the last one could not. */
    @Override
    public synchronized Unwritten unwritten() {
        return unwritten == 0 ? Unwritten.NONE : new Unwritten(unwritten, unwrittenProblem);
    }

    /** Writes one entry and notes whether it reached the file: logback itself reports no failure to its caller. */
    private synchronized void write(String entry) {
        long failuresBefore = appender.failures();
        if (appender.isStarted()) {
            logger.info(entry);
        }
        if (!appender.isStarted() || appender.failures() != failuresBefore) {
            unwritten++;
            unwrittenProblem = appender.problem() != null ? appender.problem() : "the log is not open";
        }
    }

    public Path file() {
        return file;
    }

    @Override
    public void record(SaveRequest request, SaveResult r) {
        write(format(request, r));
    }

    @Override
    public void hookStopped(String line) {
        write("STOPPED: " + line);
    }

    @Override
    public void hookReport(String line) {
        logger.info(line);
    }

    /** The entry for one failed save, as it appears in the file after the timestamp. */
    static String format(SaveRequest request, SaveResult r) {
        StringBuilder b = new StringBuilder();
        b.append(r.recordedAs().label().toUpperCase(Locale.ROOT)).append(": ")
                .append(r.operation().label()).append(' ').append(r.table())
                .append(r.number() == null ? " (new record)" : " " + r.number())
                .append(" by ").append(request.csr().isEmpty() ? "(unknown)" : EnvValues.oneLine(request.csr()))
                .append(" via ").append(request.origin().name().toLowerCase(Locale.ROOT)).append('\n');
        b.append("  result:   ").append(EnvValues.oneLine(r.message())).append('\n');
        if (!r.fieldErrors().isEmpty()) {
            r.fieldErrors().forEach((c, m) -> b.append("  field:    ").append(EnvValues.oneLine(c)).append(": ").append(EnvValues.oneLine(m)).append('\n'));
        }
        if (!request.changes().isEmpty()) {
            StringBuilder changes = new StringBuilder();
            request.changes().forEach((c, v) -> changes.append(changes.length() == 0 ? "" : " ").append(EnvValues.oneLine(c)).append('=')
                    .append(Secrets.isSecret(request.table(), c) ? Secrets.MASK : EnvValues.oneLine(v)));
            b.append("  changes:  ").append(changes).append('\n');
        }
        if (r.hookRan()) {
            b.append("  hook:     ").append(EnvValues.oneLine(r.hookStatus().path().toString())).append('\n');
            b.append("  status:   ").append(EnvValues.oneLine(r.hook().reason())).append('\n');
            b.append("  exit:     ").append(r.hook().exitCode() != null ? "code " + r.hook().exitCode()
                    : "none (" + r.hook().kind().name().toLowerCase(Locale.ROOT).replace('_', ' ') + ")");
            if (r.hook().signal() != null) {
                b.append(", signal ").append(r.hook().signal());
            }
            b.append('\n');
            b.append("  duration: ").append(r.hook().duration().toMillis()).append(" ms\n");
            Map<String, String> env = r.environment();
            block(b, "stdout", Masking.output(r.table(), env, r.hook().stdout()));
            block(b, "stderr", Masking.output(r.table(), env, r.hook().stderr()));
        } else {
            if (r.hookStatus() != null && r.hookStatus().refused()) {
                b.append("  hook:     ").append(EnvValues.oneLine(r.hookStatus().path().toString())).append(" (not run)\n");
            }
            b.append("  duration: ").append(r.duration().toMillis()).append(" ms (no hook ran)\n");
        }
        return b.toString().stripTrailing();
    }

    private static void block(StringBuilder b, String name, String text) {
        if (text == null || text.isEmpty()) {
            b.append("  ").append(name).append(":   (empty)\n");
            return;
        }
        b.append("  ").append(name).append(":\n");
        // A final newline ends the last line; it does not start an empty one.
        String body = text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
        for (String line : body.split("\n", -1)) {
            // Every line of the output is prefixed, and escaped as values are: a carriage return, an ESC sequence or a
            // line separator in it could otherwise hide the prefix or drive the terminal of whoever reads the log.
            b.append("    | ").append(EnvValues.forTerminal(line)).append('\n');
        }
    }

    @Override
    public void close() {
        logger.detachAppender(appender);
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.getLogger(Logger.ROOT_LOGGER_NAME).detachAppender(appender);
        context.getLogger(DIAGNOSTICS).detachAppender(appender);
        appender.stop();
    }
}
