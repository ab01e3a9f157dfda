package io.hookdesk.localhooks;

import io.hookdesk.app.AppContext;
import io.hookdesk.model.HookCancellation;
import io.hookdesk.model.Origin;
import io.hookdesk.model.Row;
import io.hookdesk.records.LoadedRecord;
import io.hookdesk.save.CascadePlan;
import io.hookdesk.save.CascadeResult;
import io.hookdesk.save.FailureLog;
import io.hookdesk.save.SaveOutcome;
import io.hookdesk.save.SaveRequest;
import io.hookdesk.save.SaveResult;
import io.hookdesk.save.StateCascade;
import io.hookdesk.testing.TestApp;
import io.hookdesk.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.hookdesk.model.HookedTable.ACCOUNT;
import static io.hookdesk.model.HookedTable.SERVICE;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The example framework provisioning real systems: HookDesk saves services through {@code SaveService} with
 * {@code service_hook-example} installed as {@code service_hook} and {@code provisioning.conf} choosing
 * {@code radius-sql} and {@code mailbox-dovecot}; FreeRADIUS and Dovecot, started for these tests
 * ({@link RealServers}), are asked with their own clients, {@code radtest} and {@code doveadm auth test}.
 * User 3 of the demo data owns the services these tests create; each test uses logins of its own.
 */
class RealProvisioningTest {

    @RegisterExtension
    static final RealServers SERVERS = new RealServers();

    private static Path home;
    private static AppContext app;

    @BeforeAll
    static void wire() throws IOException {
        home = Files.createTempDirectory("hookdesk-real-home");
        app = TestApp.wire(TestDatabase.withDemoData(), home, SERVERS.hooks(), Duration.ofSeconds(60), FailureLog.NONE);
    }

    @AfterAll
    static void close() throws IOException {
        if (app != null) {
            app.close();
        }
        if (home != null) {
            try (var files = Files.walk(home)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    void openRepasswordSuspendAndCloseReachRadiusAndDovecot() throws Exception {
        SaveResult opened = open("e2e.ann", "first-Pass1", 3);
        assertCommitted(opened);
        long service = opened.number();
        assertThat(opened.hook().stdout()).contains("radius: opened login 'e2e.ann' for service " + service,
                "mailbox: opened login 'e2e.ann' for service " + service);
        assertThat(SERVERS.radiusAccepts("e2e.ann", "first-Pass1")).isTrue();
        assertThat(SERVERS.radiusAccepts("e2e.ann", "wrong")).isFalse();
        assertThat(SERVERS.dovecotAccepts("e2e.ann", "first-Pass1", true)).isTrue();
        Path maildir = SERVERS.homes().resolve("e2e.ann/Maildir");
        assertThat(maildir.resolve("new")).isDirectory();
        assertThat(Files.getOwner(maildir).getName()).isEqualTo("nobody");

        // A password with the characters that break naive quoting: the old one stops working everywhere.
        String second = "it's a $ecret: \"2\"";
        assertCommitted(update(service, Map.of("d02", second)));
        assertThat(SERVERS.radiusAccepts("e2e.ann", second)).isTrue();
        assertThat(SERVERS.radiusAccepts("e2e.ann", "first-Pass1")).isFalse();
        assertThat(SERVERS.dovecotAccepts("e2e.ann", "first-Pass1", false)).isFalse();
        assertThat(SERVERS.dovecotAccepts("e2e.ann", second, true)).isTrue();
        assertThat(opened.hook().stdout() + opened.hook().stderr()).doesNotContain("first-Pass1");

        assertCommitted(update(service, Map.of("state", "2")));
        assertThat(SERVERS.radiusAccepts("e2e.ann", second)).isFalse();
        assertThat(SERVERS.dovecotAccepts("e2e.ann", second, false)).isFalse();
        // suspended, not removed: the password is still there for the reopen
        assertThat(SERVERS.radiusRows()).contains("radcheck|e2e.ann|Cleartext-Password|:=|" + second,
                "radusergroup|e2e.ann|suspended|0|");

        assertCommitted(update(service, Map.of("state", "0")));
        assertThat(SERVERS.radiusAccepts("e2e.ann", second)).isTrue();
        assertThat(SERVERS.dovecotAccepts("e2e.ann", second, true)).isTrue();

        assertCommitted(update(service, Map.of("state", "1")));
        assertThat(SERVERS.radiusAccepts("e2e.ann", second)).isFalse();
        assertThat(SERVERS.dovecotAccepts("e2e.ann", second, false)).isFalse();
        assertThat(SERVERS.radiusRows()).noneMatch(row -> row.contains("|e2e.ann|"));
        assertThat(Files.readString(SERVERS.passwdFile())).doesNotContain("e2e.ann:");
        assertThat(maildir).as("close keeps the mail").isDirectory();
    }

    @Test
    void renameMovesTheLoginAndItsMail() throws Exception {
        SaveResult opened = open("e2e.bea", "bea-Pass1", 3);
        assertCommitted(opened);
        long service = opened.number();
        Path mail = SERVERS.homes().resolve("e2e.bea/Maildir/new/1.hookdesk");
        Files.writeString(mail, "Subject: kept\n\nacross a rename\n");

        assertCommitted(update(service, Map.of("d01", "e2e.beatrice")));

        assertThat(SERVERS.radiusAccepts("e2e.beatrice", "bea-Pass1")).isTrue();
        assertThat(SERVERS.radiusAccepts("e2e.bea", "bea-Pass1")).isFalse();
        assertThat(SERVERS.dovecotAccepts("e2e.beatrice", "bea-Pass1", true)).isTrue();
        assertThat(SERVERS.dovecotAccepts("e2e.bea", "bea-Pass1", false)).isFalse();
        assertThat(SERVERS.homes().resolve("e2e.beatrice/Maildir/new/1.hookdesk")).hasContent("Subject: kept\n\nacross a rename");
        assertThat(SERVERS.homes().resolve("e2e.bea")).doesNotExist();
    }

    @Test
    void aFailingResourceLeavesRadiusTheMailboxAndTheDatabaseAsTheyWere() throws Exception {
        // e2e.cat is a mailbox only (resources 2) of one service; the other service has radius and a mailbox.
        SaveResult mailboxOnly = open("e2e.cat", "cat-Pass1", 2);
        assertCommitted(mailboxOnly);
        SaveResult other = open("e2e.dan", "dan-Pass1", 3);
        assertCommitted(other);
        List<String> radiusBefore = SERVERS.radiusRows();
        String passwdBefore = Files.readString(SERVERS.passwdFile());
        Row before = service(other.number());

        // Renaming to e2e.cat with a new password: radius-sql renames and changes the password, mailbox-dovecot
        // refuses the login of the other service, and the framework undoes both radius steps.
        SaveResult r = update(other.number(), Map.of("d01", "e2e.cat", "d02", "dan-Pass2"));

        assertThat(r.outcome()).as(r.message() + r.hook()).isEqualTo(SaveOutcome.HOOK_FAILED);
        assertThat(r.hook().stdout()).contains("radius: renamed login 'e2e.dan' to 'e2e.cat'", "undoing what this run did");
        assertThat(r.hook().stderr()).contains("login 'e2e.cat' is already used by service " + mailboxOnly.number());
        assertThat(service(other.number())).isEqualTo(before);
        assertThat(SERVERS.radiusRows()).isEqualTo(radiusBefore);
        assertThat(Files.readString(SERVERS.passwdFile())).isEqualTo(passwdBefore);
        assertThat(SERVERS.radiusAccepts("e2e.dan", "dan-Pass1")).isTrue();
        assertThat(SERVERS.radiusAccepts("e2e.cat", "dan-Pass2")).isFalse();
        assertThat(SERVERS.dovecotAccepts("e2e.dan", "dan-Pass1", true)).isTrue();
        assertThat(SERVERS.dovecotAccepts("e2e.cat", "cat-Pass1", true)).isTrue();
    }

    @Test
    void aLoginAlreadyInRadiusButNotHookDesksIsRefusedAndNothingIsSaved() throws Exception {
        // A login someone added to radcheck by hand: radius-sql never takes it over.
        try (var c = java.sql.DriverManager.getConnection(SERVERS.radiusDatabaseUrl(), "postgres", null);
             var s = c.createStatement()) {
            s.execute("INSERT INTO radcheck (username, attribute, op, value) VALUES ('e2e.eve', 'Cleartext-Password', ':=', 'hand')");
        }
        List<String> radiusBefore = SERVERS.radiusRows();

        SaveResult r = open("e2e.eve", "eve-Pass1", 3);

        assertThat(r.outcome()).isEqualTo(SaveOutcome.HOOK_FAILED);
        assertThat(r.hook().stderr()).contains("login 'e2e.eve' is already in RADIUS, not for a HookDesk service");
        assertThat(SERVERS.radiusRows()).isEqualTo(radiusBefore);
        assertThat(SERVERS.radiusAccepts("e2e.eve", "hand")).isTrue();
        assertThat(Files.readString(SERVERS.passwdFile())).doesNotContain("e2e.eve");
    }

    @Test
    void cryptPasswordAndSuspendByRejectWorkAsConfigured() throws Exception {
        Path conf = SERVERS.hooks().resolve("radius.conf");
        String original = Files.readString(conf);
        Files.writeString(conf, original + "password_attribute = Crypt-Password\nsuspend = reject\n");
        try {
            SaveResult opened = open("e2e.fay", "fay-Pass1", 1);
            assertCommitted(opened);
            assertThat(SERVERS.radiusAccepts("e2e.fay", "fay-Pass1")).isTrue();
            assertThat(SERVERS.radiusAccepts("e2e.fay", "fay-Pass2")).isFalse();
            assertThat(SERVERS.radiusRows()).filteredOn(row -> row.startsWith("radcheck|e2e.fay|"))
                    .singleElement().asString().startsWith("radcheck|e2e.fay|Crypt-Password|:=|$6$")
                    .doesNotContain("fay-Pass1");

            assertCommitted(update(opened.number(), Map.of("state", "2")));
            assertThat(SERVERS.radiusAccepts("e2e.fay", "fay-Pass1")).isFalse();
            assertThat(SERVERS.radiusRows()).contains("radcheck|e2e.fay|Auth-Type|:=|Reject");

            assertCommitted(update(opened.number(), Map.of("state", "0")));
            assertThat(SERVERS.radiusAccepts("e2e.fay", "fay-Pass1")).isTrue();
        } finally {
            Files.writeString(conf, original);
        }
    }

    @Test
    void workstationsOpeningOneLoginAtOnceLeaveItWithExactlyOneService() throws Exception {
        // radius-sql run directly, as hooks on four workstations would (each with its own framework lock): the
        // database's advisory lock lets one have the login and tells the others whose it is.
        List<Process> runs = new java.util.ArrayList<>();
        for (int service = 801; service <= 804; service++) {
            ProcessBuilder pb = new ProcessBuilder(SERVERS.hooks().resolve("resources/radius-sql").toString(), "open",
                    "e2e.gus", Integer.toString(service)).directory(SERVERS.hooks().toFile()).redirectErrorStream(true);
            pb.environment().clear();
            pb.environment().putAll(Map.of("PATH", "/usr/bin:/bin", "HOME", home.toString(), "RESOURCE_PASSWORD", "gus-" + service));
            runs.add(pb.start());
        }
        int succeeded = 0;
        List<String> refusals = new java.util.ArrayList<>();
        for (Process run : runs) {
            String output = new String(run.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(run.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            if (run.exitValue() == 0) {
                succeeded++;
            } else {
                refusals.add(output);
            }
        }

        assertThat(succeeded).isEqualTo(1);
        assertThat(refusals).hasSize(3).allMatch(o -> o.matches("(?s)radius: login 'e2e.gus' is already used by service 80[1-4]; choose another login\\s*"));
        assertThat(SERVERS.radiusRows()).filteredOn(row -> row.startsWith("hookdesk_login|e2e.gus|")).hasSize(1);
    }

    /**
     * Issue 21 end to end: suspending an account suspends its two RADIUS services (radtest rejects both), reopening it
     * reopens them (accepted), and a cascade that fails on the third service's hook undoes the hooks before it, the two
     * services' newest first, before rolling back (accepted for both after it).
     */
    @Test
    void anAccountWideSuspensionReachesRadiusForEveryServiceAndAFailedOneIsUndone() throws Exception {
        app.database().dsl().execute("INSERT INTO account (number, state) VALUES (77001, 0); "
                + "INSERT INTO \"user\" (number, account, state, login) VALUES (77001, 77001, 0, 'e2e.cas')");
        long a = openFor(77001, "e2e.casa", "casA-Pass1", 1).number();
        long b = openFor(77001, "e2e.casb", "casB-Pass1", 1).number();
        assertThat(SERVERS.radiusAccepts("e2e.casa", "casA-Pass1")).isTrue();
        assertThat(SERVERS.radiusAccepts("e2e.casb", "casB-Pass1")).isTrue();

        CascadeResult suspended = cascade("2");
        assertThat(suspended.outcome()).as(suspended.message()).isEqualTo(SaveOutcome.COMMITTED);
        assertThat(SERVERS.radiusAccepts("e2e.casa", "casA-Pass1")).isFalse();
        assertThat(SERVERS.radiusAccepts("e2e.casb", "casB-Pass1")).isFalse();

        CascadeResult reopened = cascade("0");
        assertThat(reopened.outcome()).as(reopened.message()).isEqualTo(SaveOutcome.COMMITTED);
        assertThat(SERVERS.radiusAccepts("e2e.casa", "casA-Pass1")).isTrue();
        assertThat(SERVERS.radiusAccepts("e2e.casb", "casB-Pass1")).isTrue();

        // A third service whose login was emptied behind HookDesk's back: its suspension cannot be provisioned.
        long c = openFor(77001, "e2e.casc", "casC-Pass1", 1).number();
        app.database().dsl().execute("UPDATE service SET d01 = '' WHERE number = " + c);
        CascadeResult failed = cascade("2");

        assertThat(failed.outcome()).as(failed.message()).isEqualTo(SaveOutcome.HOOK_FAILED);
        assertThat(failed.message()).contains("service " + c).containsPattern("(\\d) of \\1 earlier hooks undone");
        assertThat(failed.compensations()).filteredOn(comp -> comp.ran().table() == SERVICE)
                .extracting(comp -> comp.ran().number()).containsExactly(b, a);
        assertThat(SERVERS.radiusAccepts("e2e.casa", "casA-Pass1")).isTrue();
        assertThat(SERVERS.radiusAccepts("e2e.casb", "casB-Pass1")).isTrue();
        assertThat(service(a).get("state").toString()).isEqualTo("0");
    }

    private static CascadeResult cascade(String state) {
        StateCascade cascades = app.cascades();
        CascadePlan plan = cascades.plan(SaveRequest.update(ACCOUNT, 77001, Map.of("state", state), null, Origin.DESKTOP,
                "alice"), false);
        return cascades.run(plan, StateCascade.DEFAULT_LIMIT, HookCancellation.none(), StateCascade.Progress.NONE);
    }

    private static SaveResult openFor(long user, String login, String password, int resources) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("user", Long.toString(user));
        values.put("servdef", "1");
        values.put("state", "0");
        values.put("d01", login);
        values.put("d02", password);
        values.put("resources", Integer.toString(resources));
        SaveResult r = app.saves().save(SaveRequest.create(SERVICE, values, Origin.DESKTOP, "alice"));
        assertCommitted(r);
        return r;
    }

    // ---- helpers

    private static SaveResult open(String login, String password, int resources) {
        return open(app, login, password, resources);
    }

    /** Opens a service of user 3 with {@code login}, {@code password} and the resource flags, through {@code app}. */
    static SaveResult open(AppContext app, String login, String password, int resources) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("user", "3");
        values.put("servdef", "1");
        values.put("state", "0");
        values.put("d01", login);
        values.put("d02", password);
        values.put("resources", Integer.toString(resources));
        return app.saves().save(SaveRequest.create(SERVICE, values, Origin.DESKTOP, "alice"));
    }

    private static SaveResult update(long service, Map<String, String> changes) {
        LoadedRecord r = app.records().load(SERVICE, service).orElseThrow();
        return app.saves().save(SaveRequest.update(SERVICE, service, changes, r.version(), Origin.DESKTOP, "alice"));
    }

    private static Row service(long number) {
        return app.records().load(SERVICE, number).orElseThrow().row();
    }

    private static void assertCommitted(SaveResult r) {
        assertThat(r.outcome()).as(r.message() + "\n" + r.hook()).isEqualTo(SaveOutcome.COMMITTED);
    }
}
