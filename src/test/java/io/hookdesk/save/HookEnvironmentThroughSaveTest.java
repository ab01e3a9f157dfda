package io.hookdesk.save;

import io.hookdesk.model.HookedTable;
import io.hookdesk.model.Row;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

import static io.hookdesk.model.HookedTable.ACCOUNT;
import static io.hookdesk.model.HookedTable.DATACALL;
import static io.hookdesk.model.HookedTable.SERVICE;
import static io.hookdesk.model.HookedTable.TICKET;
import static io.hookdesk.model.HookedTable.USER;
import static org.assertj.core.api.Assertions.assertThat;

/** What a real hook process receives from a real save. */
class HookEnvironmentThroughSaveTest {

    @RegisterExtension
    final SaveFixture f = SaveFixture.perTest();
    Path seen;

    @BeforeEach
    void setUp() {
        seen = f.scratch("env");
        for (HookedTable t : HookedTable.values()) {
            f.hooks.install(t, "env -0 > '" + seen + "'");
        }
    }

    @Test
    void serviceUpdateGetsOldAndNewAndItsUserAndAccount() {
        Row before = f.row(SERVICE, 1);
        SaveResult r = f.update(SERVICE, 1, Map.of("state", "2", "d03", "line one\nline two = x"));

        assertThat(r.outcome()).isEqualTo(SaveOutcome.COMMITTED);
        Map<String, String> env = SaveFixture.readEnv0(seen);
        assertThat(env.remove("PWD")).isEqualTo(f.hooks.dir().toString());
        assertThat(env).isEqualTo(r.environment());

        assertThat(env).containsEntry("NEW", "0").containsEntry("HOOK_TABLE", "service")
                .containsEntry("HOOK_INTERACTIVE", "1").containsEntry("HOOK_CSR", "postgres")
                .containsEntry("OLD_state", "0").containsEntry("NEW_state", "2")
                .containsEntry("NEW_d03", "line one\nline two = x")
                .containsEntry("OLD_d03", (String) before.get("d03"))
                .containsEntry("NEW_number", "1").containsEntry("OLD_number", "1")
                .containsEntry("NEW_donotprovision", "0")
                .containsEntry("NEW_price", "79.9500000000")
                .containsEntry("USER_number", "1").containsEntry("ACCOUNT_number", "1")
                .containsEntry("NEW_d02", (String) before.get("d02"));
        // every column of the service, old and new, is there
        for (String column : before.columns()) {
            assertThat(env).containsKeys("NEW_" + column, "OLD_" + column);
        }
        // NULL dates are empty; dates and times have fixed formats; the generation trigger's new value is read back
        assertThat(env.get("NEW_enddate")).isEmpty();
        assertThat(env.get("NEW_startdate")).matches("\\d{4}-\\d{2}-\\d{2}");
        assertThat(env.get("NEW_enttime")).matches("\\d{2}:\\d{2}:\\d{2}");
        assertThat(env.get("NEW_generation")).matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}");
    }

    @Test
    void onlyTheAllowlistOfTheClientEnvironmentPasses() {
        f.update(SERVICE, 1, Map.of("state", "2"));
        Map<String, String> env = SaveFixture.readEnv0(seen);
        assertThat(env).containsEntry("PATH", "/usr/local/bin:/usr/bin:/bin").containsEntry("LANG", "C.UTF-8")
                .containsEntry("HOME", "/root");
        assertThat(env).doesNotContainKeys("HOOKDESK_DB_PASSWORD", "JAVA_HOME", "PGPASSWORD");
        assertThat(env.values()).doesNotContain("s3cret-db-password", "pg-secret");
        Map<String, String> unexpected = new TreeMap<>(env);
        unexpected.keySet().removeIf(k -> k.matches("(NEW|OLD|USER|ACCOUNT)_.*|NEW|HOOK_(TABLE|INTERACTIVE|CSR)|PATH|HOME|LANG|PWD"));
        assertThat(unexpected).isEmpty();
    }

    @Test
    void aPreviewGetsTheEnvironmentTheHookWouldButIsPreviewedNotCommitted() {
        Row before = f.row(SERVICE, 1);
        SaveResult r = f.saves().preview(SaveRequest.update(SERVICE, 1, Map.of("state", "2"), null,
                io.hookdesk.model.Origin.COMMAND_LINE, "alice"));

        assertThat(r.outcome()).isEqualTo(SaveOutcome.PREVIEWED);
        assertThat(r.committed()).isFalse();
        assertThat(r.environment()).containsEntry("NEW_state", "2").containsEntry("OLD_state", before.get("state").toString());
        assertThat(r.hookRan()).isFalse();
        assertThat(seen).doesNotExist();
        assertThat(f.row(SERVICE, 1)).isEqualTo(before);
        assertThat(f.runs(SERVICE, 1)).isEmpty();
    }

    @Test
    void createGetsTheAssignedNumberAndDefaultsAndNoOldValues() {
        int highestBefore = f.countRows("SELECT max(number) FROM service");
        SaveResult r = f.create(SERVICE, Map.of("user", "3", "servdef", "4", "d01", "newbox", "state", "0"));

        assertThat(r.outcome()).isEqualTo(SaveOutcome.COMMITTED);
        Map<String, String> env = SaveFixture.readEnv0(seen);
        assertThat(env).containsEntry("NEW", "1").containsEntry("NEW_number", r.number().toString())
                .containsEntry("NEW_d01", "newbox").containsEntry("NEW_wsetup", "0").containsEntry("NEW_quantity", "1")
                .containsEntry("NEW_donotprovision", "0").containsEntry("USER_number", "3").containsEntry("ACCOUNT_number", "3");
        assertThat(env.keySet()).noneMatch(k -> k.startsWith("OLD_"));
        assertThat(r.number()).isGreaterThan(highestBefore);
        assertThat(f.countRows("SELECT count(*) FROM service WHERE d01 = 'newbox' AND number = " + r.number())).isEqualTo(1);
    }

    @Test
    void relatedSecretsAreWithheldButTheRecordsOwnArePassed() {
        // account 3 has card data in the demo set
        f.update(SERVICE, 5, Map.of("state", "2"));
        Map<String, String> service = SaveFixture.readEnv0(seen);
        assertThat(service).containsKey("ACCOUNT_clname").doesNotContainKeys("ACCOUNT_ccnum", "ACCOUNT_ccexp", "ACCOUNT_bacct");

        String emailBefore = (String) f.row(ACCOUNT, 3).get("email");
        f.update(ACCOUNT, 3, Map.of("email", "ada@example.net"));
        Map<String, String> account = SaveFixture.readEnv0(seen);
        assertThat(account).containsEntry("NEW_ccnum", "4111111111111111").containsEntry("OLD_ccnum", "4111111111111111")
                .containsEntry("OLD_email", emailBefore).containsEntry("NEW_email", "ada@example.net");
    }

    @Test
    void eachTableGetsItsDeclaredRelations() {
        f.update(USER, 2, Map.of("dphone", "555-0100"));
        assertThat(SaveFixture.readEnv0(seen)).containsEntry("ACCOUNT_number", "2").doesNotContainKey("USER_number");

        f.update(TICKET, 1, Map.of("priority", "3"));
        assertThat(SaveFixture.readEnv0(seen)).containsKeys("ACCOUNT_number", "QUEUE_name", "USER_login");

        f.update(DATACALL, 1, Map.of("disconnect", "User-Request"));
        assertThat(SaveFixture.readEnv0(seen)).containsEntry("SERVICE_number", "1").containsEntry("USER_number", "1")
                .containsEntry("ACCOUNT_number", "1").doesNotContainKeys("SERVICE_d02", "SERVICE_plaintextpass");
    }

    @Test
    void oldValuesAreTheCommittedOnesNotTheCallersCopy() {
        Long staleVersionIgnored = null;
        f.saves().save(SaveRequest.update(SERVICE, 2, Map.of("d04", "committed by bob"), staleVersionIgnored,
                io.hookdesk.model.Origin.COMMAND_LINE, "bob"));
        f.saves().save(SaveRequest.update(SERVICE, 2, Map.of("d04", "then alice"), null,
                io.hookdesk.model.Origin.COMMAND_LINE, "alice"));
        Map<String, String> env = SaveFixture.readEnv0(seen);
        assertThat(env).containsEntry("OLD_d04", "committed by bob").containsEntry("NEW_d04", "then alice")
                .containsEntry("HOOK_INTERACTIVE", "0").containsEntry("HOOK_CSR", "postgres");
    }
}
