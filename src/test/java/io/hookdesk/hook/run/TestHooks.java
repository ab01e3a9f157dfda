package io.hookdesk.hook.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.awaitility.Awaitility.await;

/** Writing real hook scripts for tests, and checking on the processes they leave. */
final class TestHooks {

    private TestHooks() {
    }

    /** Writes an executable {@code /bin/sh} script (mode 700) named {@code name} in {@code dir}. */
    static Path shellHook(Path dir, String name, String body) throws IOException {
        return script(dir, name, "#!/bin/sh\n" + body + "\n");
    }

    static Path script(Path dir, String name, String text) throws IOException {
        Path hook = dir.resolve(name);
        Files.writeString(hook, text, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(hook, PosixFilePermissions.fromString("rwx------"));
        return hook;
    }

    /**
     * Whether the process is gone: no {@code /proc/<pid>} or a zombie, which has stopped running and only waits for
     * its parent (init in a container may be slow to reap). Polls up to {@code waitMillis}, since death after
     * SIGKILL is quick but not instant.
     */
    /** Waits (a generous minute) until the hook has written {@code file}, a pid and its newline; returns it. */
    static Path awaitWritten(Path file) {
        await("the hook writes " + file).atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(20))
                .until(() -> Files.exists(file) && Files.readString(file).endsWith("\n"));
        return file;
    }

    static boolean dead(long pid, long waitMillis) throws InterruptedException {
        long deadline = System.nanoTime() + waitMillis * 1_000_000;
        do {
            if (!running(pid)) {
                return true;
            }
            Thread.sleep(20);
        } while (System.nanoTime() < deadline);
        return !running(pid);
    }

    private static boolean running(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // The state follows the command name, which is in parentheses and may itself hold ") ".
            char state = stat.charAt(stat.lastIndexOf(')') + 2);
            return state != 'Z' && state != 'X';
        } catch (IOException e) {
            return false;
        }
    }

    static long readPid(Path file) throws IOException {
        return Long.parseLong(Files.readString(file).trim());
    }

    /** A small environment of the kind a hook gets. */
    static Map<String, String> env(String... keyValues) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", "/usr/bin:/bin");
        for (int i = 0; i < keyValues.length; i += 2) {
            env.put(keyValues[i], keyValues[i + 1]);
        }
        return env;
    }
}
