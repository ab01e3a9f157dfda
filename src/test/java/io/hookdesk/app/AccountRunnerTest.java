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
import io.hookdesk.testing.HookAccount;
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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static io.hookdesk.model.HookedTable.SERVICE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code hook.runner=account:hookdesk-hooks} end to end on this machine (issue 23): a real second OS account, a real
 * sudoers drop-in for group hookdesk-csr, the runner started by the CSR's account through sudo, and saves through the
 * one save path. The hook reads a secret the CSR cannot read and writes where only the hook account may.
 */
class AccountRunnerTest {

    private static HookAccount account;
    private static AppContext app;
    private static Path provisioned;
    private static Path home;

    @BeforeAll
    static void setUp() throws IOException {
        account = HookAccount.create();
        provisioned = account.accountOnlyDirectory("provisioned");
        account.install("secret", "radius-db-password-42\n", "rw-------");
        home = Files.createTempDirectory("hookdesk-account-home");
        RemoteHookHost host = new RemoteHookHost("account:" + HookAccount.ACCOUNT, account.hooks().toString(),
                account.commandAsCsr(), Duration.ofSeconds(60));
        AppConfig config = new AppConfig(home, null, null, null, account.hooks(), Duration.ofSeconds(60),
                home.resolve("logs/hooks.log"));
        app = AppContext.wire(config, TestDatabase.withDemoData(), FailureLog.NONE, Clock.systemUTC(), TestApp.CLIENT_ENV, host);
    }

    @AfterAll
    static void tearDown() throws IOException {
        if (app != null) {
            app.close();
        }
        if (account != null) {
            account.close();
        }
    }

    @BeforeEach
    void noOutputYet() throws IOException {
        for (String f : List.of("out", "pids")) {
            Files.deleteIfExists(provisioned.resolve(f));
        }
    }

    @Test
    void hookRunsAsTheAccountWithASecretTheCsrCannotRead() throws IOException {
        hook("secret=$(cat \"$(dirname \"$0\")/secret\")\n"
                + "printf '%s|%s|%s|%s\\n' \"$(id -un)\" \"$NEW_d01\" \"$secret\" \"$HOOK_CSR\" > " + provisioned.resolve("out")
                + "\necho provisioned");

        SaveResult r = save(Map.of("d01", "jdoe-account"), HookCancellation.none());

        assertThat(r.outcome()).as(r.message()).isEqualTo(SaveOutcome.COMMITTED);
        assertThat(r.hook().stdout()).isEqualTo("provisioned\n");
        String out = Files.readString(provisioned.resolve("out"), StandardCharsets.UTF_8);
        assertThat(out).isEqualTo(HookAccount.ACCOUNT + "|jdoe-account|radius-db-password-42|" + app.saves().identity() + "\n");
        assertThat(Files.getOwner(provisioned.resolve("out")).getName()).isEqualTo(HookAccount.ACCOUNT);
        assertThat(row().get("d01")).isEqualTo("jdoe-account");
        // What the CSR's own account can do without HookDesk: neither read the secret nor change what was provisioned.
        assertThat(HookAccount.asCsr("cat", account.hooks().resolve("secret").toString())).isNotZero();
        assertThat(HookAccount.asCsr("ls", account.hooks().toString())).isNotZero();
        assertThat(HookAccount.asCsr("sh", "-c", "echo x > " + provisioned.resolve("out"))).isNotZero();
        // ... and sudo lets it start nothing else as the account.
        assertThat(HookAccount.asCsr("sudo", "-n", "-u", HookAccount.ACCOUNT, "/bin/cat",
                account.hooks().resolve("secret").toString())).isNotZero();
        assertThat(HookAccount.asCsr("sudo", "-n", "-u", HookAccount.ACCOUNT, account.runner().toString(), "runhook",
                "--serve", "/etc")).isNotZero();
        assertThat(app.saves().hookStatus(SERVICE).ready()).isTrue();
        assertThat(app.saves().hooksPlace()).contains("account:" + HookAccount.ACCOUNT);
    }

    @Test
    void failingHookRollsBackWithItsOutput() throws IOException {
        Row before = row();
        hook("echo 'radius: login taken'; echo 'on stderr' >&2; exit 3");

        SaveResult r = save(Map.of("d01", "never-saved"), HookCancellation.none());

        assertThat(r.outcome()).isEqualTo(SaveOutcome.HOOK_FAILED);
        assertThat(r.hook().exitCode()).isEqualTo(3);
        assertThat(r.hook().stdout()).isEqualTo("radius: login taken\n");
        assertThat(r.hook().stderr()).isEqualTo("on stderr\n");
        assertThat(r.message()).contains("exited with status 3").contains("rolled back");
        assertThat(row()).isEqualTo(before);
        HookRun audit = app.records().history(SERVICE, 1, 1).get(0);
        assertThat(audit.outcome()).isEqualTo("rolled_back");
        assertThat(audit.hookRunner()).isEqualTo("account:" + HookAccount.ACCOUNT);
    }

    /**
     * The save no longer asks the runner about the hook again right before the start (a round trip per save): the
     * runner's own check as it starts the hook refuses one loosened since the save's first look, and it does not run.
     */
    @Test
    void aHookLoosenedAfterTheFirstLookIsRefusedByTheRunnerAndDoesNotRun() throws IOException {
        hook("touch " + provisioned.resolve("out"));
        try (RemoteHookHost host = new RemoteHookHost("account:" + HookAccount.ACCOUNT, account.hooks().toString(),
                account.commandAsCsr(), Duration.ofSeconds(60))) {
            var first = host.locate(SERVICE);
            assertThat(first.ready()).as(first.message()).isTrue();
            Files.setPosixFilePermissions(account.hooks().resolve(SERVICE.hookName()),
                    java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwx---"));

            var now = host.beforeStart(SERVICE, first);
            HookOutcome o = host.run(SERVICE, now, env(), HookCancellation.none(), null);

            assertThat(now).isSameAs(first);
            assertThat(o.kind()).isEqualTo(HookOutcome.Kind.START_FAILED);
            assertThat(o.reason()).contains("refusing to run").contains("writable by");
            assertThat(provisioned.resolve("out")).doesNotExist();
        }
    }

    @Test
    void timeoutKillsTheHooksGroupOnTheAccountsSide() throws IOException {
        RemoteHookHost quick = new RemoteHookHost("account:" + HookAccount.ACCOUNT, account.hooks().toString(),
                account.commandAsCsr(), Duration.ofSeconds(2));
        try (quick) {
            hook(sleeper());
            HookOutcome o = quick.run(SERVICE, quick.locate(SERVICE), env(), HookCancellation.none(), null);
            assertThat(o.kind()).isEqualTo(HookOutcome.Kind.TIMED_OUT);
            assertThat(o.reason()).contains("timed out after 2 s");
            // Read after the run: by then the runner has killed them, and they were the account's (see cancel's test).
            assertGone(Arrays.stream(Files.readString(provisioned.resolve("pids")).trim().split(" "))
                    .mapToLong(Long::parseLong).toArray());
        }
    }

    @Test
    void cancelKillsTheHooksGroupOnTheAccountsSide() throws Exception {
        Row before = row();
        hook(sleeper());
        HookCancellation cancel = new HookCancellation();
        CompletableFuture<SaveResult> saving = CompletableFuture.supplyAsync(() -> save(Map.of("d01", "cancelled"), cancel));
        long[] pids = pids();
        cancel.cancel();

        SaveResult r = saving.join();

        assertThat(r.outcome()).isEqualTo(SaveOutcome.CANCELLED);
        assertThat(r.hook().reason()).contains("cancelled by the user");
        assertGone(pids);
        assertThat(row()).isEqualTo(before);
    }

    @Test
    void hookDeskKilledMidHookLeavesNothingOfTheHookAndItsNextStartIsTold() throws Exception {
        hook(sleeper());
        try (Jvm desk = killable("desk-a")) {
            desk.await("ready", 120);
            long[] pids = pids();

            desk.process().destroyForcibly(); // SIGKILL: no shutdown hook, no goodbye to the runner

            // Its end closed the runner's stdin; the runner killed the hook's group and ended itself.
            assertGone(pids);
        }

        List<String> report = nextStart("desk-a");

        assertThat(report).singleElement().asString()
                .startsWith("STOPPED: " + account.hooks().resolve(SERVICE.hookName()) + " for service 1 (update)")
                .contains("because its connection to HookDesk ended while it ran; the change was rolled back")
                .endsWith("(hook runner account:" + HookAccount.ACCOUNT + ")");
        assertThat(nextStart("desk-a")).as("told once").isEmpty();
    }

    /**
     * The hook exits 0 and HookDesk is killed before its commit is confirmed: the runner keeps that on record, and the
     * next start of that HookDesk (and of no other) is told the hook provisioned, and that the database rolled back.
     */
    @Test
    void hookDeskKilledAfterTheHookExitedZeroIsToldAtItsNextStartThatItProvisioned() throws Exception {
        hook("exit 0");
        try (Jvm desk = killable("desk-b")) {
            desk.await("ready", 120);
            assertThat(desk.await("ended", 120)).contains("exited with status 0");

            desk.process().destroyForcibly(); // between the hook's exit 0 and the commit
        }

        assertThat(nextStart("desk-other")).as("another HookDesk's runs are not its to report").isEmpty();
        List<String> report = nextStart("desk-b");

        assertThat(report).singleElement().asString()
                .startsWith("PROVISIONED, NOT COMMITTED: " + account.hooks().resolve(SERVICE.hookName()) + " for service 1")
                .contains("the connection between HookDesk and the hook runner")
                .contains("the database rolled the change back (transaction ")
                .endsWith("(hook runner account:" + HookAccount.ACCOUNT + ")");
        assertThat(nextStart("desk-b")).as("told once").isEmpty();
    }

    /** A HookDesk process (RemoteRunMain) calling itself {@code client}, its saves to the tests' database. */
    private static Jvm killable(String client) throws IOException {
        List<String> args = new ArrayList<>(List.of(account.hooks().toString(), client, databaseUrl()));
        args.addAll(account.commandAsCsr());
        return Jvm.start(RemoteRunMain.class, args.toArray(String[]::new));
    }

    /**
     * What the runner tells HookDesk {@code client} when it connects again, once the runners of the killed HookDesks
     * ({@code desk-...}) have ended (until then their markers are a live runner's).
     */
    private static List<String> nextStart(String client) throws IOException {
        try (var markers = Files.list(account.state())) {
            for (Path marker : markers.toList()) {
                java.util.Properties p = new java.util.Properties();
                try (var in = Files.newBufferedReader(marker)) {
                    p.load(in);
                }
                if (!p.getProperty("client", "").startsWith("desk-")) {
                    continue; // the test app's own runner, alive, settling its last save
                }
                long runner = Long.parseLong(p.getProperty("pid"));
                await().atMost(Duration.ofSeconds(60)).until(() -> ProcessHandle.of(runner).map(h -> !h.isAlive()).orElse(true));
            }
        }
        List<String> report = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (RemoteHookHost next = new RemoteHookHost("account:" + HookAccount.ACCOUNT, account.hooks().toString(),
                account.commandAsCsr(), Duration.ofSeconds(60))) {
            next.reportAbandoned(client, databaseUrl(), report::add, app.saves()::transactionStatus);
            assertThat(next.hostProblem()).isNull();
        }
        return report;
    }

    private static String databaseUrl() {
        return TestDatabase.url(app.database().dsl().fetchValue("SELECT current_database()").toString());
    }

    /** The hook: writes its own pid and its background child's, then waits for the child (five minutes). */
    private static String sleeper() {
        return "sleep 300 &\necho $$ $! > " + provisioned.resolve("pids") + ".tmp && mv " + provisioned.resolve("pids")
                + ".tmp " + provisioned.resolve("pids") + "\nwait";
    }

    /** The hook's processes, once it has said who they are. */
    static long[] pids() {
        Path file = provisioned.resolve("pids");
        await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(file));
        try {
            long[] pids = Arrays.stream(Files.readString(file).trim().split(" ")).mapToLong(Long::parseLong).toArray();
            for (long pid : pids) {
                assertThat(ProcessHandle.of(pid)).as("hook process %d runs", pid).isPresent();
                assertThat(ProcessHandle.of(pid).orElseThrow().info().user()).contains(HookAccount.ACCOUNT);
            }
            return pids;
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    static void assertGone(long[] pids) {
        for (long pid : pids) {
            await().atMost(Duration.ofSeconds(30)).until(() -> ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true));
        }
    }

    private static void hook(String body) throws IOException {
        account.install(SERVICE.hookName(), "#!/bin/sh\n" + body + "\n", "rwx------");
    }

    private static Map<String, String> env() {
        return Map.of("PATH", "/usr/bin:/bin", "NEW_number", "1", "HOOK_TABLE", "service");
    }

    private static Row row() {
        return app.records().load(SERVICE, 1).orElseThrow().row();
    }

    private static SaveResult save(Map<String, String> changes, HookCancellation cancel) {
        LoadedRecord r = app.records().load(SERVICE, 1).orElseThrow();
        return app.saves().save(SaveRequest.update(SERVICE, 1, changes, r.version(), Origin.DESKTOP, "alice"), cancel);
    }
}
