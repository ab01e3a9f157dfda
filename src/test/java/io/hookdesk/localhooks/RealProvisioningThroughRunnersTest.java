package io.hookdesk.localhooks;

import io.hookdesk.app.AppConfig;
import io.hookdesk.app.AppContext;
import io.hookdesk.hook.run.HookHost;
import io.hookdesk.hook.run.RemoteHookHost;
import io.hookdesk.model.HookRun;
import io.hookdesk.model.Origin;
import io.hookdesk.records.LoadedRecord;
import io.hookdesk.save.FailureLog;
import io.hookdesk.save.SaveOutcome;
import io.hookdesk.save.SaveRequest;
import io.hookdesk.save.SaveResult;
import io.hookdesk.testing.HookAccount;
import io.hookdesk.testing.SshHost;
import io.hookdesk.testing.TestApp;
import io.hookdesk.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.hookdesk.model.HookedTable.SERVICE;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 23's FreeRADIUS test: the example framework's {@code service_hook} provisioning a real FreeRADIUS
 * ({@link RealServers}) once through each runner that keeps the provisioning secret from the CSR:
 * {@code account:hookdesk-hooks} (a real second account, the runner started by a CSR account through a real
 * visudo-checked sudoers drop-in) and {@code ssh://} (a real sshd on loopback, a forced {@code restrict,command=}).
 * The hooks, radius.conf and the RADIUS database's password file lie in the runner account's 0700 directory, which
 * the CSR account cannot read. FreeRADIUS's own client ({@code radtest}) says what each save did: a save makes the
 * login work, a suspension stops it, and a failing hook leaves RADIUS as it was.
 */
class RealProvisioningThroughRunnersTest {

    @RegisterExtension
    static final RealServers SERVERS = new RealServers();

    private static final List<AutoCloseable> CLOSE = new ArrayList<>();
    private static HookAccount account;
    private static SshHost ssh;

    @BeforeAll
    static void setUp() throws Exception {
        account = HookAccount.create();
        CLOSE.add(account);
        SERVERS.installRunnerHooks(account.hooks(), HookAccount.ACCOUNT);
        ssh = SshHost.start();
        CLOSE.add(ssh);
        ssh.trustHostKey();
        ssh.authorize(ssh.forcedCommand("alice"));
        SERVERS.installRunnerHooks(ssh.hooks(), SshHost.ACCOUNT);
    }

    @AfterAll
    static void tearDown() throws Exception {
        for (int i = CLOSE.size() - 1; i >= 0; i--) {
            CLOSE.get(i).close();
        }
        CLOSE.clear();
    }

    @Test
    void theHookAccountProvisionsRadiusWithASecretTheCsrCannotRead() throws Exception {
        HookHost host = new RemoteHookHost("account:" + HookAccount.ACCOUNT, account.hooks().toString(),
                account.commandAsCsr(), Duration.ofSeconds(60));
        provisionsRadius(wire(account.hooks(), host), "acct");
        assertThat(HookAccount.asCsr("cat", account.hooks().resolve("radius.pgpass").toString())).isNotZero();
        assertThat(HookAccount.asCsr("cat", account.hooks().resolve("radius.conf").toString())).isNotZero();
    }

    @Test
    void theBillingServerProvisionsRadiusOverSsh() throws Exception {
        RemoteHookHost production = RemoteHookHost.ssh(ssh.url(), SshHost.ACCOUNT, "127.0.0.1", ssh.port(),
                AppConfig.DEFAULT_RUNNER_COMMAND, ssh.hooks(), Duration.ofSeconds(60));
        HookHost host = new RemoteHookHost(ssh.url(), ssh.hooks().toString(), ssh.withTestKeys(production.command()),
                Duration.ofSeconds(60), "127.0.0.1", ssh.port());
        provisionsRadius(wire(ssh.hooks(), host), "ssh");
        // The CSR account the hook account's fixture made: no more able to read the billing server's secret.
        assertThat(HookAccount.asCsr("cat", ssh.hooks().resolve("radius.pgpass").toString())).isNotZero();
    }

    /** Open, suspend, reopen, and a rename refused by radius-sql, each asked of FreeRADIUS with radtest. */
    private static void provisionsRadius(AppContext app, String prefix) throws Exception {
        String login = prefix + ".ann";
        SaveResult opened = RealProvisioningTest.open(app, login, "ann-Pass1", 1);
        assertCommitted(opened);
        long service = opened.number();
        assertThat(opened.hook().stdout()).contains("radius: opened login '" + login + "' for service " + service);
        assertThat(lastRun(app, service).hookRunner()).isEqualTo(app.hooks().where());
        assertThat(SERVERS.radiusAccepts(login, "ann-Pass1")).isTrue();
        assertThat(SERVERS.radiusAccepts(login, "wrong")).isFalse();

        assertCommitted(update(app, service, Map.of("state", "2")));
        assertThat(SERVERS.radiusAccepts(login, "ann-Pass1")).isFalse();

        assertCommitted(update(app, service, Map.of("state", "0")));
        assertThat(SERVERS.radiusAccepts(login, "ann-Pass1")).isTrue();

        // A login someone put in radcheck by hand: radius-sql refuses to take it over, and undoes nothing because it
        // did nothing; the save rolls back.
        String taken = prefix + ".hand";
        try (var c = java.sql.DriverManager.getConnection(SERVERS.radiusDatabaseUrl(), "postgres", null);
             var s = c.createStatement()) {
            s.execute("INSERT INTO radcheck (username, attribute, op, value) VALUES ('" + taken
                    + "', 'Cleartext-Password', ':=', 'hand')");
        }
        List<String> radiusBefore = SERVERS.radiusRows();

        SaveResult refused = update(app, service, Map.of("d01", taken, "d02", "ann-Pass2"));

        assertThat(refused.outcome()).as(refused.message() + "\n" + refused.hook()).isEqualTo(SaveOutcome.HOOK_FAILED);
        assertThat(refused.hook().stderr()).contains("'" + taken + "'");
        assertThat(lastRun(app, service).outcome()).isEqualTo("rolled_back");
        assertThat(SERVERS.radiusRows()).isEqualTo(radiusBefore);
        assertThat(SERVERS.radiusAccepts(login, "ann-Pass1")).isTrue();
        assertThat(SERVERS.radiusAccepts(taken, "ann-Pass2")).isFalse();
        assertThat(SERVERS.radiusAccepts(taken, "hand")).isTrue();
        assertThat(app.records().load(SERVICE, service).orElseThrow().row().get("d01")).isEqualTo(login);
    }

    private static AppContext wire(Path hooks, HookHost host) throws Exception {
        Path home = Files.createTempDirectory("hookdesk-runner-radius-home");
        AppConfig config = new AppConfig(home, null, null, null, hooks, Duration.ofSeconds(60), home.resolve("logs/hooks.log"));
        AppContext app = AppContext.wire(config, TestDatabase.withDemoData(), FailureLog.NONE, Clock.systemUTC(),
                TestApp.CLIENT_ENV, host);
        CLOSE.add(() -> {
            app.close();
            RealServers.run(List.of("rm", "-rf", home.toString()), Path.of("/"));
        });
        return app;
    }

    private static SaveResult update(AppContext app, long service, Map<String, String> changes) {
        LoadedRecord r = app.records().load(SERVICE, service).orElseThrow();
        return app.saves().save(SaveRequest.update(SERVICE, service, changes, r.version(), Origin.DESKTOP, "alice"));
    }

    private static HookRun lastRun(AppContext app, long service) {
        return app.records().history(SERVICE, service, 1).get(0);
    }

    private static void assertCommitted(SaveResult r) {
        assertThat(r.outcome()).as(r.message() + "\n" + r.hook()).isEqualTo(SaveOutcome.COMMITTED);
    }
}
