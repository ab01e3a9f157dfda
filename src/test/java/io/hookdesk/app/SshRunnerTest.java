package io.hookdesk.app;

import io.hookdesk.hook.run.RemoteHookHost;
import io.hookdesk.model.HookCancellation;
import io.hookdesk.model.HookOutcome;
import io.hookdesk.model.HookRun;
import io.hookdesk.model.Origin;
import io.hookdesk.model.Row;
import io.hookdesk.records.LoadedRecord;
import io.hookdesk.save.FailureLog;
import io.hookdesk.save.SaveOutcome;
import io.hookdesk.save.SaveRequest;
import io.hookdesk.save.SaveResult;
import io.hookdesk.testing.SshHost;
import io.hookdesk.testing.TestApp;
import io.hookdesk.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static io.hookdesk.model.HookedTable.SERVICE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code hook.runner=ssh://...} end to end (issue 23) against a real OpenSSH server on a loopback port with its own
 * host key and authorized_keys (a forced {@code restrict,command=}), through HookDesk's own ssh command line: saves,
 * failure, the connection cut mid-hook, an unknown host key, a missing runner.
 */
class SshRunnerTest {

    private static SshHost ssh;
    private static AppContext app;
    private static RemoteHookHost host;
    private static Path provisioned;
    /** What the runner told this HookDesk of its runs that ended after their connection did (hooks.log's lines). */
    private static final List<String> REPORTS = new java.util.concurrent.CopyOnWriteArrayList<>();

    @BeforeAll
    static void setUp() throws IOException {
        ssh = SshHost.start();
        ssh.trustHostKey();
        ssh.authorize(ssh.forcedCommand("alice"));
        provisioned = ssh.accountOnlyDirectory("provisioned");
        ssh.install("secret", "mail-api-token-7\n", "rw-------");
        host = host(Duration.ofSeconds(60));
        Path home = Files.createTempDirectory("hookdesk-ssh-home");
        AppConfig config = new AppConfig(home, null, null, null, ssh.hooks(), Duration.ofSeconds(60),
                home.resolve("logs/hooks.log"));
        app = AppContext.wire(config, TestDatabase.withDemoData(), new FailureLog() {
            @Override
            public void record(SaveRequest request, SaveResult result) {
            }

            @Override
            public void hookReport(String line) {
                REPORTS.add(line);
            }
        }, Clock.systemUTC(), TestApp.CLIENT_ENV, host);
    }

    /** HookDesk's own ssh command for the test's URL, given the test's key and known_hosts. */
    private static RemoteHookHost host(Duration timeout) {
        RemoteHookHost production = RemoteHookHost.ssh(ssh.url(), SshHost.ACCOUNT, "127.0.0.1", ssh.port(), AppConfig.DEFAULT_RUNNER_COMMAND,
                ssh.hooks(), timeout);
        return new RemoteHookHost(ssh.url(), ssh.hooks().toString(), ssh.withTestKeys(production.command()), timeout,
                "127.0.0.1", ssh.port());
    }

    @AfterAll
    static void tearDown() {
        if (app != null) {
            app.close();
        }
        if (ssh != null) {
            ssh.close();
        }
    }

    @BeforeEach
    void noOutputYet() throws IOException {
        for (String f : List.of("out", "pids")) {
            Files.deleteIfExists(provisioned.resolve(f));
        }
    }

    @Test
    void saveRunsTheHookOnTheHostAsItsAccount() throws IOException {
        hook("printf '%s|%s|%s\\n' \"$(id -un)\" \"$NEW_d01\" \"$(cat \"$(dirname \"$0\")/secret\")\" > "
                + provisioned.resolve("out") + "\necho done");

        SaveResult r = save(Map.of("d01", "over-ssh"), HookCancellation.none());

        assertThat(r.outcome()).as(r.message()).isEqualTo(SaveOutcome.COMMITTED);
        assertThat(r.hook().stdout()).isEqualTo("done\n");
        assertThat(Files.readString(provisioned.resolve("out"), StandardCharsets.UTF_8))
                .isEqualTo(SshHost.ACCOUNT + "|over-ssh|mail-api-token-7\n");
        assertThat(app.records().load(SERVICE, 1).orElseThrow().row().get("d01")).isEqualTo("over-ssh");
        assertThat(app.saves().hookStatus(SERVICE).ready()).isTrue();
    }

    @Test
    void failingHookOnTheHostRollsBack() throws IOException {
        Row before = row();
        hook("echo 'mailbox exists' >&2; exit 4");

        SaveResult r = save(Map.of("d01", "never"), HookCancellation.none());

        assertThat(r.outcome()).isEqualTo(SaveOutcome.HOOK_FAILED);
        assertThat(r.hook().exitCode()).isEqualTo(4);
        assertThat(r.hook().stderr()).isEqualTo("mailbox exists\n");
        assertThat(row()).isEqualTo(before);
    }

    @Test
    void connectionCutMidHookRollsBackWithTheResultUnknown() throws Exception {
        Row before = row();
        hook("sleep 300 &\necho $$ $! > " + provisioned.resolve("pids") + ".tmp && mv " + provisioned.resolve("pids")
                + ".tmp " + provisioned.resolve("pids") + "\nwait");
        CompletableFuture<SaveResult> saving = CompletableFuture.supplyAsync(() -> save(Map.of("d01", "cut"),
                HookCancellation.none()));
        await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(provisioned.resolve("pids")));
        long[] pids = Arrays.stream(Files.readString(provisioned.resolve("pids")).trim().split(" "))
                .mapToLong(Long::parseLong).toArray();
        ProcessHandle client = ProcessHandle.current().descendants()
                .filter(p -> p.info().command().orElse("").endsWith("/ssh"))
                .filter(p -> String.join(" ", p.info().arguments().orElse(new String[0])).contains(Integer.toString(ssh.port())))
                .findFirst().orElseThrow();

        client.destroyForcibly(); // the connection is gone, as when the network drops

        SaveResult r = saving.join();
        assertThat(r.outcome()).isEqualTo(SaveOutcome.HOOK_FAILED);
        assertThat(r.hook().kind()).isEqualTo(HookOutcome.Kind.TIMED_OUT);
        assertThat(r.message()).contains("result unknown").contains("may have acted").contains("rolled back");
        assertThat(row()).isEqualTo(before);
        HookRun audit = app.records().history(SERVICE, 1, 1).get(0);
        assertThat(audit.outcome()).isEqualTo("timed_out");
        assertThat(audit.hookRunner()).isEqualTo(ssh.url());
        // sshd closed the runner's stdin: the runner stopped the hook's group on the host.
        for (long pid : pids) {
            await().atMost(Duration.ofSeconds(30)).until(() -> ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true));
        }
        // The next save starts a new connection, once the old runner has ended (until then its marker is a live one's),
        // and is told what became of the hook.
        awaitRunnersGone();
        hook("exit 0");
        assertThat(save(Map.of("d01", "after-cut"), HookCancellation.none()).outcome()).isEqualTo(SaveOutcome.COMMITTED);
        assertThat(REPORTS).singleElement().asString()
                .startsWith("STOPPED: " + ssh.hooks().resolve(SERVICE.hookName()) + " for service 1 (update)")
                .contains("because its connection to HookDesk ended while it ran")
                .endsWith("(hook runner " + ssh.url() + ")");
    }

    @Test
    void unknownHostKeyIsRefusedShowingItsFingerprint() throws IOException {
        Path knownHosts = ssh.base().resolve("known_hosts");
        String trusted = Files.readString(knownHosts);
        Files.writeString(knownHosts, "");
        try (RemoteHookHost stranger = host(Duration.ofSeconds(10))) {
            String problem = stranger.hostProblem();
            assertThat(problem).contains("host key").contains("SHA256:").contains("known_hosts");
            String fingerprint = fingerprint(ssh.base().resolve("host_ed25519.pub"));
            assertThat(problem).contains(fingerprint);
            assertThat(stranger.locate(SERVICE).refused()).isTrue();
        } finally {
            Files.writeString(knownHosts, trusted);
        }
    }

    @Test
    void missingRunnerIsRefusedSayingWhatToInstall() throws IOException {
        ssh.authorize("restrict,command=\"/opt/nowhere/hookdesk runhook --serve " + ssh.hooks() + "\"");
        try (RemoteHookHost nowhere = host(Duration.ofSeconds(10))) {
            String problem = nowhere.hostProblem();
            assertThat(problem).contains("did not start").contains("not found").contains("installed");
        } finally {
            ssh.authorize(ssh.forcedCommand("alice"));
        }
    }

    /** Waits until every runner that left a marker of a run has ended. */
    private static void awaitRunnersGone() throws IOException {
        try (var markers = Files.list(ssh.state())) {
            for (Path marker : markers.toList()) {
                java.util.Properties p = new java.util.Properties();
                try (var in = Files.newBufferedReader(marker)) {
                    p.load(in);
                }
                long runner = Long.parseLong(p.getProperty("pid"));
                await().atMost(Duration.ofSeconds(60)).until(() -> ProcessHandle.of(runner).map(h -> !h.isAlive()).orElse(true));
            }
        }
    }

    private static String fingerprint(Path pub) {
        try {
            Process p = new ProcessBuilder("ssh-keygen", "-l", "-f", pub.toString()).start();
            String line = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return line.split(" ")[1];
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static void hook(String body) throws IOException {
        ssh.install(SERVICE.hookName(), "#!/bin/sh\n" + body + "\n", "rwx------");
    }

    private static Row row() {
        return app.records().load(SERVICE, 1).orElseThrow().row();
    }

    private static SaveResult save(Map<String, String> changes, HookCancellation cancel) {
        LoadedRecord r = app.records().load(SERVICE, 1).orElseThrow();
        return app.saves().save(SaveRequest.update(SERVICE, 1, changes, r.version(), Origin.DESKTOP, "alice"), cancel);
    }
}
