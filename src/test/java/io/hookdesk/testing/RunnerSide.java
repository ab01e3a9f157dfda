package io.hookdesk.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The far side of a hook runner test, for {@link HookAccount} ({@code account:}) and {@link SshHost} ({@code ssh://}):
 * an OS account the runner runs as, a copy of this build it can run as HookDesk's runner, and a hooks directory only
 * that account can read; with the commands the fixtures make them with. Closing it deletes the directory.
 */
public abstract class RunnerSide implements AutoCloseable {

    private final Layout layout;

    /** What {@link #layout} made. */
    protected record Layout(String account, Path base, Path runner, Path hooks) {
    }

    protected RunnerSide(Layout layout) {
        this.layout = layout;
    }

    /**
     * How the runner's JVM is started. Tests start many short-lived runners, which C1 alone starts fastest; a benchmark
     * measures the runner as the installed launcher starts it, with the options of {@code installer/hookdesk-runner}.
     */
    public enum RunnerJvm {
        QUICK_START("-Xshare:auto -XX:TieredStopAtLevel=1"),
        AS_SHIPPED("-Xshare:auto " + shippedOptions(Path.of("installer", "hookdesk-runner")));

        final String options;

        RunnerJvm(String options) {
            this.options = options;
        }
    }

    /** The JVM options the installed runner's launcher starts it with: its {@code runner_jvm="..."} line. */
    static String shippedOptions(Path launcher) {
        try {
            return Files.readAllLines(launcher, StandardCharsets.UTF_8).stream()
                    .filter(line -> line.startsWith("runner_jvm=\"") && line.endsWith("\""))
                    .map(line -> line.substring("runner_jvm=\"".length(), line.length() - 1))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException(launcher + " has no runner_jvm=\"...\" line"));
        } catch (IOException e) {
            throw new UncheckedIOException("the runner's launcher " + launcher + " could not be read", e);
        }
    }

    /** In a new directory named {@code prefix...}: the runner, and {@code hooks/} owned by {@code account}, 0700. */
    static Layout layout(String prefix, String account, RunnerJvm jvm) throws IOException {
        Path base = Files.createTempDirectory(prefix);
        Files.setPosixFilePermissions(base, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path runner = installRunner(base, jvm);
        Path hooks = ownedDirectory(base.resolve("hooks"), account);
        Files.setPosixFilePermissions(hooks, PosixFilePermissions.fromString("rwx------"));
        return new Layout(account, base, runner, hooks);
    }

    /**
     * Makes the OS account {@code name} unless it exists: no home ({@code /nonexistent}), login shell {@code shell}, a
     * system account or a person's, in {@code groups}.
     */
    static void ensureAccount(String name, boolean system, String shell, String... groups) {
        if (run("getent", "passwd", name) == 0) {
            return;
        }
        List<String> command = new ArrayList<>(List.of("useradd"));
        if (system) {
            command.add("--system");
        }
        command.addAll(List.of("--no-create-home", "--home-dir", "/nonexistent", "--shell", shell));
        if (groups.length > 0) {
            command.addAll(List.of("-G", String.join(",", groups)));
        }
        command.add(name);
        must(command.toArray(String[]::new));
    }

    public Path base() {
        return layout.base();
    }

    /** The runner's launcher ({@code hookdesk}), which every account may run. */
    public Path runner() {
        return layout.runner();
    }

    public Path hooks() {
        return layout.hooks();
    }

    /** Writes a file into the hooks directory as the account would have it. */
    public Path install(String name, String content, String mode) throws IOException {
        return owned(layout.hooks().resolve(name), content, mode, layout.account());
    }

    /** A directory only the account may write (others may look): where a test's hook "provisions". */
    public Path accountOnlyDirectory(String name) throws IOException {
        return ownedDirectory(layout.base().resolve(name), layout.account());
    }

    @Override
    public void close() {
        run("rm", "-rf", layout.base().toString());
    }

    /** A copy of this build (classes and libraries but PostgreSQL's binaries) with a launcher, readable by every account. */
    static Path installRunner(Path base, RunnerJvm jvm) throws IOException {
        Path lib = Files.createDirectories(base.resolve("lib"));
        List<String> entries = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(":")) {
            Path p = Path.of(entry);
            String name = p.getFileName().toString();
            if (Files.isDirectory(p) && p.endsWith("classes") && !p.toString().endsWith("test-classes")) {
                Path classes = base.resolve("classes");
                must("cp", "-r", p.toString(), classes.toString());
                entries.add(classes.toString());
            } else if (name.endsWith(".jar") && !name.contains("postgres-binaries")) {
                Files.copy(p, lib.resolve(name));
                entries.add(lib.resolve(name).toString());
            }
        }
        must("chmod", "-R", "a+rX", base.toString());
        Path bin = Files.createDirectories(base.resolve("bin"));
        Path launcher = bin.resolve("hookdesk");
        String java = ProcessHandle.current().info().command().orElse("java");
        Files.writeString(launcher, "#!/bin/sh\n# The runner needs a UTF-8 locale to hand hooks any customer's name.\n"
                + "LC_ALL=C.UTF-8; export LC_ALL\nexec " + java + " " + jvm.options + " -cp '"
                + String.join(":", entries) + "' io.hookdesk.app.Main \"$@\"\n", StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
        return launcher;
    }

    /** {@code file} with {@code content} and {@code mode}, owned by {@code account}. */
    static Path owned(Path file, String content, String mode, String account) throws IOException {
        Files.writeString(file, content, StandardCharsets.UTF_8);
        must("chown", account + ":" + account, file.toString());
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
        return file;
    }

    /** {@code dir}, made, owned by {@code account}, 0755: only it may write there. */
    static Path ownedDirectory(Path dir, String account) throws IOException {
        Files.createDirectories(dir);
        must("chown", account + ":" + account, dir.toString());
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        return dir;
    }

    static void must(String... command) {
        int status = run(command);
        if (status != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed with status " + status);
        }
    }

    static int run(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return -1;
            }
            return p.exitValue();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
