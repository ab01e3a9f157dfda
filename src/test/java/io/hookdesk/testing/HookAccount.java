package io.hookdesk.testing;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What the .deb sets up for {@code hook.runner=account:hookdesk-hooks}, made for real on this machine: the system
 * account {@code hookdesk-hooks}, a CSR account in group {@code hookdesk-csr}, a copy of HookDesk that other accounts
 * can run (the test class path lives under root's 0700 home), a hooks directory only the hook account can read, and a
 * sudoers drop-in (checked with {@code visudo -c}) that lets the group start that runner as the account and nothing
 * else. The runner keeps its markers of runs in a directory of the account's ({@code --state}), since the account's
 * home is {@code /nonexistent}. Tests skip, saying why, where sudo, useradd or visudo are missing or this is not root.
 */
public final class HookAccount implements AutoCloseable {

    public static final String ACCOUNT = "hookdesk-hooks";
    public static final String GROUP = "hookdesk-csr";
    public static final String CSR = "hookdesk-e2e-csr";

    private final Path base;
    private final Path hooks;
    private final Path runner;
    private final Path sudoers;
    private final Path state;

    private HookAccount(Path base, Path hooks, Path runner, Path sudoers, Path state) {
        this.state = state;
        this.base = base;
        this.hooks = hooks;
        this.runner = runner;
        this.sudoers = sudoers;
    }

    /** Skips the calling test when this machine cannot have a second account and sudo. */
    public static void assumeAvailable() {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "account: runner tests make OS accounts: run as root");
        for (String tool : List.of("/usr/bin/sudo", "/usr/sbin/visudo", "/usr/sbin/useradd", "/usr/sbin/groupadd",
                "/usr/sbin/runuser")) {
            Assumptions.assumeTrue(Files.isExecutable(Path.of(tool)), tool + " is missing: install sudo and passwd "
                    + "(.ci/run does) to run the account: runner tests");
        }
    }

    public static HookAccount create() throws IOException {
        assumeAvailable();
        if (run("getent", "group", GROUP) != 0) {
            must("groupadd", "--system", GROUP);
        }
        if (run("getent", "passwd", ACCOUNT) != 0) {
            must("useradd", "--system", "--no-create-home", "--home-dir", "/nonexistent", "--shell", "/usr/sbin/nologin",
                    ACCOUNT);
        }
        if (run("getent", "passwd", CSR) != 0) {
            must("useradd", "--no-create-home", "--home-dir", "/nonexistent", "--shell", "/bin/sh", "-G", GROUP, CSR);
        }
        Path base = Files.createTempDirectory("hookdesk-account-test");
        Files.setPosixFilePermissions(base, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path runner = installRunner(base);
        Path hooks = Files.createDirectories(base.resolve("hooks"));
        must("chown", ACCOUNT + ":" + ACCOUNT, hooks.toString());
        Files.setPosixFilePermissions(hooks, PosixFilePermissions.fromString("rwx------"));
        Path state = ownedDirectory(base.resolve("state"), ACCOUNT);
        Files.setPosixFilePermissions(state, PosixFilePermissions.fromString("rwx------"));
        Path sudoers = Path.of("/etc/sudoers.d/hookdesk-test-" + ProcessHandle.current().pid());
        String line = sudoersLine(runner, hooks, state);
        Path draft = base.resolve("sudoers");
        Files.writeString(draft, line, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(draft, PosixFilePermissions.fromString("r--r-----"));
        must("visudo", "-c", "-q", "-f", draft.toString());
        Files.move(draft, sudoers, StandardCopyOption.ATOMIC_MOVE);
        return new HookAccount(base, hooks, runner, sudoers, state);
    }

    /** The drop-in as the docs give it: group hookdesk-csr may start exactly this runner as the account, no password. */
    static String sudoersLine(Path runner, Path hooks, Path state) {
        return "%" + GROUP + " ALL=(" + ACCOUNT + ") NOPASSWD: " + runner + " runhook --serve " + hooks + " --state "
                + state + "\n";
    }

    /** A copy of this build (classes and libraries but PostgreSQL's binaries) with a launcher, readable by every account. */
    static Path installRunner(Path base) throws IOException {
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
                + "LC_ALL=C.UTF-8; export LC_ALL\nexec " + java + " -Xshare:auto -XX:TieredStopAtLevel=1 -cp '"
                + String.join(":", entries) + "' io.hookdesk.app.Main \"$@\"\n", StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
        return launcher;
    }

    public Path hooks() {
        return hooks;
    }

    public Path runner() {
        return runner;
    }

    /** Where the runner keeps its markers of runs. */
    public Path state() {
        return state;
    }

    public Path base() {
        return base;
    }

    /** The command HookDesk starts, run as the CSR: sudo, through the drop-in, exactly as on a workstation. */
    public List<String> commandAsCsr() {
        return List.of("runuser", "-u", CSR, "--", "sudo", "-n", "-u", ACCOUNT, runner.toString(), "runhook", "--serve",
                hooks.toString(), "--state", state.toString());
    }

    /** Writes a file into the hooks directory as the hook account would have it. */
    public Path install(String name, String content, String mode) throws IOException {
        return owned(hooks.resolve(name), content, mode, ACCOUNT);
    }

    /** A directory only the hook account may write (others may look): where the test's hook "provisions". */
    public Path accountOnlyDirectory(String name) throws IOException {
        return ownedDirectory(base.resolve(name), ACCOUNT);
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

    /** Runs a command as the CSR; its exit status. */
    public static int asCsr(String... command) {
        List<String> c = new ArrayList<>(List.of("runuser", "-u", CSR, "--"));
        c.addAll(List.of(command));
        return run(c.toArray(String[]::new));
    }

    @Override
    public void close() throws IOException {
        Files.deleteIfExists(sudoers);
        run("rm", "-rf", base.toString());
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
