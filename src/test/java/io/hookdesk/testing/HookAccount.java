package io.hookdesk.testing;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/**
 * What the .deb sets up for {@code hook.runner=account:hookdesk-hooks}, made for real on this machine: the system
 * account {@code hookdesk-hooks}, a CSR account in group {@code hookdesk-csr}, a copy of HookDesk that other accounts
 * can run (the test class path lives under root's 0700 home), a hooks directory only the hook account can read, and a
 * sudoers drop-in (checked with {@code visudo -c}) that lets the group start that runner as the account and nothing
 * else. The runner keeps its markers of runs in a directory of the account's ({@code --state}), since the account's
 * home is {@code /nonexistent}. Tests skip, saying why, where sudo, useradd or visudo are missing or this is not root.
 */
public final class HookAccount extends RunnerSide {

    public static final String ACCOUNT = "hookdesk-hooks";
    public static final String GROUP = "hookdesk-csr";
    public static final String CSR = "hookdesk-e2e-csr";

    private final Path sudoers;
    private final Path state;

    private HookAccount(Layout layout, Path sudoers, Path state) {
        super(layout);
        this.sudoers = sudoers;
        this.state = state;
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
        return create(RunnerJvm.QUICK_START);
    }

    /** The same with the runner's JVM started as {@code jvm} says. */
    public static HookAccount create(RunnerJvm jvm) throws IOException {
        assumeAvailable();
        if (RunnerSide.run("getent", "group", GROUP) != 0) {
            RunnerSide.must("groupadd", "--system", GROUP);
        }
        RunnerSide.ensureAccount(ACCOUNT, true, "/usr/sbin/nologin");
        RunnerSide.ensureAccount(CSR, false, "/bin/sh", GROUP);
        Layout side = layout("hookdesk-account-test", ACCOUNT, jvm);
        Path state = ownedDirectory(side.base().resolve("state"), ACCOUNT);
        Files.setPosixFilePermissions(state, PosixFilePermissions.fromString("rwx------"));
        Path sudoers = Path.of("/etc/sudoers.d/hookdesk-test-" + ProcessHandle.current().pid());
        String line = sudoersLine(side.runner(), side.hooks(), state);
        Path draft = side.base().resolve("sudoers");
        Files.writeString(draft, line, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(draft, PosixFilePermissions.fromString("r--r-----"));
        RunnerSide.must("visudo", "-c", "-q", "-f", draft.toString());
        Files.move(draft, sudoers, StandardCopyOption.ATOMIC_MOVE);
        return new HookAccount(side, sudoers, state);
    }

    /** The drop-in as the docs give it: group hookdesk-csr may start exactly this runner as the account, no password. */
    static String sudoersLine(Path runner, Path hooks, Path state) {
        return "%" + GROUP + " ALL=(" + ACCOUNT + ") NOPASSWD: " + runner + " runhook --serve " + hooks + " --state "
                + state + "\n";
    }

    /** Where the runner keeps its markers of runs. */
    public Path state() {
        return state;
    }

    /** The command HookDesk starts, run as the CSR: sudo, through the drop-in, exactly as on a workstation. */
    public List<String> commandAsCsr() {
        return List.of("runuser", "-u", CSR, "--", "sudo", "-n", "-u", ACCOUNT, runner().toString(), "runhook", "--serve",
                hooks().toString(), "--state", state.toString());
    }

    /** Runs a command as the CSR; its exit status. */
    public static int asCsr(String... command) {
        List<String> c = new ArrayList<>(List.of("runuser", "-u", CSR, "--"));
        c.addAll(List.of(command));
        return RunnerSide.run(c.toArray(String[]::new));
    }

    @Override
    public void close() {
        try {
            Files.deleteIfExists(sudoers);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } finally {
            super.close();
        }
    }
}
