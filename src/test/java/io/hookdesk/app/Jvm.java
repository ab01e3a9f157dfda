package io.hookdesk.app;

import io.hookdesk.os.Executables;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Another HookDesk process for tests: a JVM on the test class path, its output read line by line. */
final class Jvm implements AutoCloseable {

    private final Process process;
    private final Writer in;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<String> all = java.util.Collections.synchronizedList(new ArrayList<>());

    private Jvm(Process process) {
        this.process = process;
        this.in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = out.readLine()) != null; ) {
                    all.add(line);
                    lines.add(line);
                }
            } catch (IOException e) {
                // the process ended
            }
        }, "jvm-output-" + process.pid());
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts {@code main} with {@code args}, stderr merged into stdout. */
    static Jvm start(Class<?> main, String... args) throws IOException {
        return start(null, List.of(), main, args);
    }

    /** The same in {@code workingDirectory} (null: this one's), with {@code jvmOptions} such as {@code -Duser.home=...}. */
    static Jvm start(Path workingDirectory, List<String> jvmOptions, Class<?> main, String... args) throws IOException {
        return start(List.of(), workingDirectory, jvmOptions, List.of(), main, args);
    }

    /** The same without the environment variables {@code unset} (a machine with no {@code DISPLAY}, say). */
    static Jvm start(Path workingDirectory, List<String> jvmOptions, List<String> unset, Class<?> main, String... args)
            throws IOException {
        return start(List.of(), workingDirectory, jvmOptions, unset, main, args);
    }

    /**
     * The same, leading a process group (and session) of its own through {@code setsid}, as a terminal or
     * {@code timeout} would start it: the group can then be killed whole without the test's JVM in it.
     */
    static Jvm leadingItsGroup(Class<?> main, String... args) throws IOException {
        return start(List.of(Executables.SETSID.orElseThrow().toString()), null, List.of(), List.of(), main, args);
    }

    private static Jvm start(List<String> prefix, Path workingDirectory, List<String> jvmOptions, List<String> unset,
                             Class<?> main, String... args) throws IOException {
        List<String> command = new ArrayList<>(prefix);
        command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dorg.jooq.no-logo=true", "-Dorg.jooq.no-tips=true"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        if (workingDirectory != null) {
            builder.directory(workingDirectory.toFile());
        }
        builder.environment().put("LC_ALL", "C.UTF-8");
        unset.forEach(builder.environment()::remove);
        return new Jvm(builder.start());
    }

    /** Waits for a line starting with {@code prefix} and returns it; fails with everything said so far. */
    String await(String prefix, long seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            String line = lines.poll(100, TimeUnit.MILLISECONDS);
            if (line != null && line.startsWith(prefix)) {
                return line;
            }
            if (line == null && !process.isAlive() && lines.isEmpty()) {
                break;
            }
        }
        throw new AssertionError("no line '" + prefix + "...' from " + process.pid() + "; it said:\n" + output());
    }

    void send(String line) throws IOException {
        in.write(line + "\n");
        in.flush();
    }

    /** Closes its stdin (a {@link HomeUserMain} then closes and exits) and waits; returns the exit code. */
    int finish(long seconds) throws IOException, InterruptedException {
        in.close();
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            throw new AssertionError("process " + process.pid() + " did not end; it said:\n" + output());
        }
        return process.exitValue();
    }

    int waitFor(long seconds) throws InterruptedException {
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            throw new AssertionError("process " + process.pid() + " did not end; it said:\n" + output());
        }
        return process.exitValue();
    }

    Process process() {
        return process;
    }

    String output() {
        synchronized (all) {
            return String.join("\n", all);
        }
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
