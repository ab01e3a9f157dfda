package io.hookdesk.app;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeAndTimeBasedRollingPolicy;
import ch.qos.logback.core.util.FileSize;
import io.hookdesk.hook.EnvValues;
import io.hookdesk.save.FailureLog;
import io.hookdesk.save.Masking;
import io.hookdesk.save.SaveRequest;
import io.hookdesk.save.SaveResult;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.Map;

/**
 * The file where failed non-interactive saves go (default {@code $HOOKDESK_HOME/logs/hooks.log}), rolled daily
 * and by size. Each entry is self-contained: someone reading only this file must understand what happened,
 * so it names the table, record, operation, CSR, outcome, exit status, duration and the hook's full output.
 */
public final class HookLogFile implements FailureLog, AutoCloseable {

    private final Path file;
    private final Logger logger;
    private final RollingFileAppender<ILoggingEvent> appender;

    public HookLogFile(Path file) {
        this.file = file;
        restrict(file);
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();

        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%d{yyyy-MM-dd HH:mm:ss.SSS XXX} %msg%n");
        encoder.start();

        appender = new RollingFileAppender<>();
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
    }

    /**
     * The log holds the hooks' output and the changes' values: only the user running HookDesk may read it. Its
     * directory is made (or tightened to) 0700 and the file 0600 before anything is written; rolled files inherit the
     * directory's protection. A directory HookDesk cannot tighten (another owner's) is left as it is, with a warning.
     */
    private static void restrict(Path file) {
        java.nio.file.attribute.FileAttribute<?> ownerOnlyDir =
                java.nio.file.attribute.PosixFilePermissions.asFileAttribute(java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        java.util.Set<java.nio.file.attribute.PosixFilePermission> ownerOnlyFile =
                java.nio.file.attribute.PosixFilePermissions.fromString("rw-------");
        Path dir = file.toAbsolutePath().getParent();
        try {
            if (!java.nio.file.Files.isDirectory(dir)) {
                java.nio.file.Files.createDirectories(dir, ownerOnlyDir);
            }
            java.nio.file.Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
            if (!java.nio.file.Files.exists(file)) {
                java.nio.file.Files.createFile(file, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(ownerOnlyFile));
            }
            java.nio.file.Files.setPosixFilePermissions(file, ownerOnlyFile);
        } catch (java.io.IOException | UnsupportedOperationException e) {
            LoggerFactory.getLogger(HookLogFile.class).warn("could not restrict {} to its owner: {}", file, e.toString());
        }
    }

    public Path file() {
        return file;
    }

    @Override
    public void record(SaveRequest request, SaveResult r) {
        logger.info(format(request, r));
    }

    @Override
    public void hookStopped(String line) {
        logger.info("STOPPED: " + line);
    }

    @Override
    public void hookReport(String line) {
        logger.info(line);
    }

    /** The entry for one failed save, as it appears in the file after the timestamp. */
    static String format(SaveRequest request, SaveResult r) {
        StringBuilder b = new StringBuilder();
        boolean timedOut = r.hookRan() && r.hook().kind() == io.hookdesk.hook.HookOutcome.Kind.TIMED_OUT;
        b.append(timedOut ? "TIMED OUT" : r.outcome().label().toUpperCase(java.util.Locale.ROOT)).append(": ")
                .append(r.operation().label()).append(' ').append(r.table())
                .append(r.number() == null ? " (new record)" : " " + r.number())
                .append(" by ").append(request.csr().isEmpty() ? "(unknown)" : EnvValues.oneLine(request.csr()))
                .append(" via ").append(request.origin().name().toLowerCase(java.util.Locale.ROOT)).append('\n');
        b.append("  result:   ").append(EnvValues.oneLine(r.message())).append('\n');
        if (!r.fieldErrors().isEmpty()) {
            r.fieldErrors().forEach((c, m) -> b.append("  field:    ").append(EnvValues.oneLine(c)).append(": ").append(EnvValues.oneLine(m)).append('\n'));
        }
        if (!request.changes().isEmpty()) {
            StringBuilder changes = new StringBuilder();
            request.changes().forEach((c, v) -> changes.append(changes.length() == 0 ? "" : " ").append(EnvValues.oneLine(c)).append('=')
                    .append(io.hookdesk.model.Secrets.isSecret(request.table(), c) ? io.hookdesk.model.Secrets.MASK : EnvValues.oneLine(v)));
            b.append("  changes:  ").append(changes).append('\n');
        }
        if (r.hookRan()) {
            b.append("  hook:     ").append(EnvValues.oneLine(r.hookStatus().path().toString())).append('\n');
            b.append("  status:   ").append(EnvValues.oneLine(r.hook().reason())).append('\n');
            b.append("  exit:     ").append(r.hook().exitCode() != null ? "code " + r.hook().exitCode()
                    : "none (" + r.hook().kind().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + ")");
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
            // Every line of the output is prefixed; a carriage return inside one could still hide the prefix on a terminal.
            b.append("    | ").append(line.replace("\r", "\\r")).append('\n');
        }
    }

    @Override
    public void close() {
        logger.detachAppender(appender);
        appender.stop();
    }
}
