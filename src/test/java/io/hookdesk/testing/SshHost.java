package io.hookdesk.testing;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.awaitility.Awaitility.await;

/**
 * A real OpenSSH server for the {@code ssh://} runner tests, on a loopback port with its own host key, config and
 * {@code authorized_keys}, logging in a hook account of its own ({@code hookdesk-e2e-ssh}, with a shell: sshd runs
 * even a forced command through it) whose hooks directory only it can read; HookDesk's runner installed beside it. The
 * client's key and known_hosts are the test's, never root's own. Skips where sshd or ssh are missing.
 */
public final class SshHost extends RunnerSide {

    public static final String ACCOUNT = "hookdesk-e2e-ssh";

    private final Path base;
    private final Process sshd;
    private final int port;
    private final Path clientKey;
    private final Path knownHosts;
    private final Path authorizedKeys;

    private SshHost(Layout side, Process sshd, int port, Path clientKey, Path knownHosts,
                    Path authorizedKeys) {
        super(side);
        this.base = side.base();
        this.sshd = sshd;
        this.port = port;
        this.clientKey = clientKey;
        this.knownHosts = knownHosts;
        this.authorizedKeys = authorizedKeys;
    }

    public static SshHost start() throws IOException {
        return start(RunnerJvm.QUICK_START);
    }

    /** The same with the runner's JVM started as {@code jvm} says. */
    public static SshHost start(RunnerJvm jvm) throws IOException {
        HookAccount.assumeAvailable();
        for (String tool : List.of("/usr/sbin/sshd", "/usr/bin/ssh", "/usr/bin/ssh-keygen", "/usr/bin/ssh-keyscan")) {
            Assumptions.assumeTrue(Files.isExecutable(Path.of(tool)), tool + " is missing: install openssh-server and "
                    + "openssh-client (.ci/run does) to run the ssh:// runner tests");
        }
        RunnerSide.ensureAccount(ACCOUNT, true, "/bin/sh");
        // sshd refuses a locked account ("!" in shadow) for any login; a "*" password is no password, but not locked.
        RunnerSide.must("usermod", "-p", "*", ACCOUNT);
        Layout side = layout("hookdesk-ssh-test", ACCOUNT, jvm);
        Files.setPosixFilePermissions(ownedDirectory(side.base().resolve("state"), ACCOUNT),
                PosixFilePermissions.fromString("rwx------"));
        Path base = side.base();
        Path hostKey = base.resolve("host_ed25519");
        RunnerSide.must("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", hostKey.toString());
        Path clientKey = base.resolve("client_ed25519");
        RunnerSide.must("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", clientKey.toString());
        Path authorized = base.resolve("authorized_keys");
        Files.writeString(authorized, "", StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(authorized, PosixFilePermissions.fromString("rw-r--r--"));
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        Path config = base.resolve("sshd_config");
        Files.writeString(config, String.join("\n",
                "Port " + port, "ListenAddress 127.0.0.1", "HostKey " + hostKey, "PidFile " + base.resolve("sshd.pid"),
                "AuthorizedKeysFile " + authorized, "PasswordAuthentication no", "KbdInteractiveAuthentication no",
                "UsePAM no", "PermitRootLogin no",
                // The test's authorized_keys lies under /tmp (world-writable, sticky), which StrictModes refuses.
                "StrictModes no", "AllowUsers " + ACCOUNT, "LogLevel INFO", ""), StandardCharsets.UTF_8);
        Files.createDirectories(Path.of("/run/sshd"));
        Process sshd = new ProcessBuilder("/usr/sbin/sshd", "-D", "-e", "-f", config.toString())
                .redirectErrorStream(true).redirectOutput(base.resolve("sshd.log").toFile()).start();
        int listening = port;
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            if (!sshd.isAlive()) {
                throw new IllegalStateException("sshd ended: " + Files.readString(base.resolve("sshd.log")));
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", listening), 1000);
                return true;
            } catch (IOException e) {
                return false;
            }
        });
        Path knownHosts = base.resolve("known_hosts");
        Files.writeString(knownHosts, "", StandardCharsets.UTF_8);
        return new SshHost(side, sshd, port, clientKey, knownHosts, authorized);
    }

    /** Trusts the host's key, as an administrator does after checking its fingerprint. */
    public void trustHostKey() throws IOException {
        String pub = Files.readString(base.resolve("host_ed25519.pub"), StandardCharsets.UTF_8).trim();
        Files.writeString(knownHosts, "[127.0.0.1]:" + port + " " + pub + "\n", StandardCharsets.UTF_8);
    }

    /** Puts the test's key in authorized_keys with {@code options} ({@code restrict,command="..."}) in front. */
    public void authorize(String options) throws IOException {
        String pub = Files.readString(Path.of(clientKey + ".pub"), StandardCharsets.UTF_8).trim();
        Files.writeString(authorizedKeys, (options.isEmpty() ? "" : options + " ") + pub + "\n", StandardCharsets.UTF_8);
    }

    /**
     * {@code restrict,command="RUNNER runhook --serve HOOKS --caller alice --state STATE"}: the forced command the docs
     * give, with a state directory of the account's for its markers of runs (its home is /nonexistent).
     */
    public String forcedCommand(String caller) {
        return "restrict,command=\"" + runner() + " runhook --serve " + hooks() + " --caller " + caller + " --state "
                + state() + "\"";
    }

    /** Where the runner keeps its markers of runs. */
    public Path state() {
        return base.resolve("state");
    }

    public String url() {
        return "ssh://" + ACCOUNT + "@127.0.0.1:" + port + hooks();
    }

    public int port() {
        return port;
    }

    /** {@code command}, HookDesk's ssh command line, given the test's key and known_hosts instead of the user's own. */
    public List<String> withTestKeys(List<String> command) {
        List<String> c = new ArrayList<>(command);
        c.addAll(1, List.of("-i", clientKey.toString(), "-o", "IdentitiesOnly=yes", "-o", "UserKnownHostsFile=" + knownHosts,
                "-o", "GlobalKnownHostsFile=/dev/null"));
        return c;
    }

    public String log() throws IOException {
        return Files.readString(base.resolve("sshd.log"), StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        sshd.destroy();
        super.close();
    }
}
