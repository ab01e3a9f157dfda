package io.hookdesk.localhooks;

import io.hookdesk.app.AppContext;
import io.hookdesk.model.Origin;
import io.hookdesk.model.Row;
import io.hookdesk.records.LoadedRecord;
import io.hookdesk.save.FailureLog;
import io.hookdesk.save.SaveOutcome;
import io.hookdesk.save.SaveRequest;
import io.hookdesk.save.SaveResult;
import io.hookdesk.testing.ShippedHooks;
import io.hookdesk.testing.TestApp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.hookdesk.model.HookedTable.ACCOUNT;
import static io.hookdesk.model.HookedTable.SERVICE;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hooks shipped in {@code local/} run through real saves on the demo database: the demo service_hook and
 * account_hook as a new user meets them, and service_hook-example installed as service_hook.
 * Demo data: each user has an access service (odd number, radius) and a mailbox (even number, mailbox),
 * both with the user's login.
 */
class LocalHooksThroughSaveTest {

    @TempDir
    Path tmp;
    Path hooks;
    AppContext app;

    @BeforeEach
    void setUp() throws IOException {
        hooks = ShippedHooks.copyTo(tmp.resolve("local"));
        app = TestApp.demo(Files.createDirectories(tmp.resolve("home")), hooks, Duration.ofSeconds(30), FailureLog.NONE);
    }

    @AfterEach
    void tearDown() {
        app.close();
    }

    private SaveResult update(int service, Map<String, String> changes) {
        LoadedRecord r = app.records().load(SERVICE, service).orElseThrow();
        return app.saves().save(SaveRequest.update(SERVICE, service, changes, r.version(), Origin.DESKTOP, "alice"));
    }

    private List<String> provisioned(String file) throws IOException {
        Path p = hooks.resolve("demo-provisioned").resolve(file);
        return Files.exists(p) ? Files.readAllLines(p) : List.of();
    }

    private Row service(int number) {
        return app.records().load(SERVICE, number).orElseThrow().row();
    }

    @Test
    void demoServiceHookProvisionsAnOpenedService() throws IOException {
        // service 46 is Prospective (state 5) in the demo data; opening it provisions its login
        assertThat(service(46).get("state")).isEqualTo((short) 5);
        SaveResult r = update(46, Map.of("state", "0"));

        assertThat(r.outcome()).as(r.message() + r.hook()).isEqualTo(SaveOutcome.COMMITTED);
        assertThat(r.hook().stdout()).contains("opened login '" + service(46).get("d01") + "'");
        assertThat(provisioned("mailboxes")).singleElement().asString().startsWith(service(46).get("d01") + ":46:active:");
    }

    @Test
    void demoServiceHookRefusesAnEmptyLoginAndNothingIsSaved() throws IOException {
        Row before = service(45);
        SaveResult r = update(45, Map.of("state", "0", "d01", ""));

        assertThat(r.outcome()).isEqualTo(SaveOutcome.HOOK_FAILED);
        assertThat(r.hook().stdout() + r.hook().stderr()).contains("cannot be provisioned without a login");
        assertThat(service(45)).isEqualTo(before);
        assertThat(provisioned("radius-users")).isEmpty();
    }

    @Test
    void demoServiceHookTakesOnServicesItHasNotSeenAndRefusesATakenLogin() throws IOException {
        // The demo files start empty although service 1 is open: its first change takes it on.
        SaveResult adopted = update(1, Map.of("d02", "n3w-password"));
        assertThat(adopted.outcome()).as(adopted.message()).isEqualTo(SaveOutcome.COMMITTED);
        String taken = (String) service(1).get("d01");
        assertThat(provisioned("radius-users")).singleElement().asString().startsWith(taken + ":1:active:");
        List<String> radiusBefore = provisioned("radius-users");

        // service 3 is another user's access line: renaming it to service 1's login must fail and change nothing
        Row before = service(3);
        SaveResult r = update(3, Map.of("d01", taken));

        assertThat(r.outcome()).isEqualTo(SaveOutcome.HOOK_FAILED);
        assertThat(r.hook().stdout() + r.hook().stderr()).contains("login '" + taken + "' is already used by service 1");
        assertThat(service(3)).isEqualTo(before);
        assertThat(provisioned("radius-users")).isEqualTo(radiusBefore);
    }

    @Test
    void exampleFrameworkUndoesItsPartialWorkWhenALaterResourceFails() throws IOException {
        Files.copy(hooks.resolve("service_hook-example"), hooks.resolve("service_hook"), StandardCopyOption.REPLACE_EXISTING);
        Path radiusFile = hooks.resolve("provisioned").resolve("radius-users");
        // service 2 holds its login as a mailbox; service 5 holds its own login in radius
        assertThat(update(2, Map.of("resources", "2", "state", "2")).outcome()).isEqualTo(SaveOutcome.COMMITTED);
        assertThat(update(5, Map.of("resources", "1", "state", "2")).outcome()).isEqualTo(SaveOutcome.COMMITTED);
        String mailboxLogin = (String) service(2).get("d01");
        String ownLogin = (String) service(5).get("d01");
        List<String> radiusBefore = Files.readAllLines(radiusFile);
        assertThat(radiusBefore).anyMatch(line -> line.startsWith(ownLogin + ":5:suspended:"));

        // service 5 now wants radius and a mailbox under service 2's login: radius renames, the mailbox refuses,
        // and the framework renames the radius login back before failing
        Row before = service(5);
        SaveResult r = update(5, Map.of("resources", "3", "d01", mailboxLogin));

        assertThat(r.outcome()).isEqualTo(SaveOutcome.HOOK_FAILED);
        assertThat(r.hook().stdout() + r.hook().stderr()).contains("already used by service 2");
        assertThat(service(5)).isEqualTo(before);
        assertThat(Files.readAllLines(radiusFile)).isEqualTo(radiusBefore);
    }

    @Test
    void demoAccountHookLogsTheChangeWithoutSecrets() throws IOException {
        LoadedRecord account = app.records().load(ACCOUNT, 3).orElseThrow();
        SaveResult r = app.saves().save(SaveRequest.update(ACCOUNT, 3,
                Map.of("email", "new@example.net", "ccnum", "5555444433331111"), account.version(), Origin.DESKTOP, "alice"));

        assertThat(r.outcome()).as(r.message()).isEqualTo(SaveOutcome.COMMITTED);
        String log = String.join("\n", provisioned("account_hook.log"));
        assertThat(log).contains("new@example.net").contains("ccnum").doesNotContain("5555444433331111")
                .doesNotContain("4111111111111111");
    }
}
