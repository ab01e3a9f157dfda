package io.hookdesk.bench;

import io.hookdesk.app.AppConfig;
import io.hookdesk.app.AppContext;
import io.hookdesk.db.Database;
import io.hookdesk.hook.run.HookHost;
import io.hookdesk.hook.run.RemoteHookHost;
import io.hookdesk.model.HookedTable;
import io.hookdesk.model.Origin;
import io.hookdesk.save.FailureLog;
import io.hookdesk.save.SaveRequest;
import io.hookdesk.save.SaveResult;
import io.hookdesk.testing.HookAccount;
import io.hookdesk.testing.HookScripts;
import io.hookdesk.testing.RunnerSide.RunnerJvm;
import io.hookdesk.testing.SshHost;
import io.hookdesk.testing.TestApp;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * A save with a no-op hook (issue 23) through each hook runner against the local runner, in the same rounds: local,
 * {@code account:} (a real second account, the runner started once through runuser and sudo and kept, its JVM started as the
 * installed launcher starts it), and
 * {@code ssh://} to a real OpenSSH server on loopback (one connection kept). Each variant saves its own range of
 * services, so none waits on another's row lock.
 */
final class RunnerBench {

    static final String SECTION = "Hook runners";
    private static final int SERVICES = 2_000;
    private static final int POOL = 200;

    private final BenchServer server;
    private final Path work;
    private final int warmup;
    private final int rounds;

    RunnerBench(BenchServer server, Path work, int warmup, int rounds) {
        this.server = server;
        this.work = work;
        this.warmup = warmup;
        this.rounds = rounds;
    }

    void run(Report report) throws Exception {
        Path hooksDir = Files.createDirectories(work.resolve("hooks"));
        new HookScripts(hooksDir).install(HookedTable.SERVICE, "exit 0");
        try (HookAccount account = HookAccount.create(RunnerJvm.AS_SHIPPED); SshHost ssh = SshHost.start(RunnerJvm.AS_SHIPPED);
             Database db = server.scratch(SERVICES)) {
            account.install(HookedTable.SERVICE.hookName(), "#!/bin/sh\nexit 0\n", "rwx------");
            ssh.install(HookedTable.SERVICE.hookName(), "#!/bin/sh\nexit 0\n", "rwx------");
            ssh.trustHostKey();
            ssh.authorize(ssh.forcedCommand("bench"));
            Duration timeout = Duration.ofSeconds(60);
            HookHost accountHost = new RemoteHookHost("account:" + HookAccount.ACCOUNT, account.hooks().toString(),
                    account.commandAsCsr(), timeout);
            RemoteHookHost sshCommand = RemoteHookHost.ssh(ssh.url(), SshHost.ACCOUNT, "127.0.0.1", ssh.port(),
                    AppConfig.DEFAULT_RUNNER_COMMAND, ssh.hooks(), timeout);
            HookHost sshHost = new RemoteHookHost(ssh.url(), ssh.hooks().toString(), ssh.withTestKeys(sshCommand.command()),
                    timeout, "127.0.0.1", ssh.port());
            Path home = Files.createDirectories(work.resolve("home"));
            try (AppContext local = TestApp.wire(db, home, hooksDir, timeout, FailureLog.NONE);
                 AppContext viaAccount = wire(db, home, hooksDir, accountHost);
                 AppContext viaSsh = wire(db, home, hooksDir, sshHost)) {
                int[] counter = {0};
                Rounds r = new Rounds()
                        .add("local", () -> Rounds.time(() -> save(local, 1, counter)))
                        .add("account:", () -> Rounds.time(() -> save(viaAccount, 1 + POOL, counter)))
                        .add("ssh:// (loopback)", () -> Rounds.time(() -> save(viaSsh, 1 + 2 * POOL, counter)));
                r.run(warmup, 0);
                Map<String, Samples> s = r.run(0, rounds);
                Samples floor = s.get("local");
                report.add(new Result("save, no-op hook, account: runner (median)", "<= local + 1 ms", "ms",
                        floor.medianMs(), s.get("account:").medianMs(), Result.Kind.AT_MOST, floor.medianMs() + 1, null));
                report.add(new Result("save, no-op hook, ssh:// on loopback (median)", "<= local + 3 ms", "ms",
                        floor.medianMs(), s.get("ssh:// (loopback)").medianMs(), Result.Kind.AT_MOST, floor.medianMs() + 3, null));
                s.forEach((name, samples) -> report.detail(SECTION, name + ": " + samples.describe()));
                report.detail(SECTION, String.format(Locale.ROOT, "%d warm-up rounds then %d measured rounds, every runner "
                        + "once per round in rotating order; the runners were started once, at the first save", warmup, rounds));
            }
        }
    }

    private static AppContext wire(Database db, Path home, Path hooksDir, HookHost host) {
        AppConfig config = new AppConfig(home, null, null, null, hooksDir, Duration.ofSeconds(60), home.resolve("logs/hooks.log"));
        return AppContext.wire(config, db, FailureLog.NONE, Clock.systemUTC(), TestApp.CLIENT_ENV, host);
    }

    private static void save(AppContext app, int first, int[] counter) {
        int number = first + counter[0] % POOL;
        SaveResult s = app.saves().save(SaveRequest.update(HookedTable.SERVICE, number,
                Map.of("d03", "AC:DE:48:" + String.format("%08X", counter[0]++)), null, Origin.DESKTOP, "bench"));
        if (!s.committed() || !s.hookRan()) {
            throw new IllegalStateException("save did not commit with its hook: " + s.message());
        }
    }
}
