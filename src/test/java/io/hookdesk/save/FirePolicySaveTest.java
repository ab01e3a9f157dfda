package io.hookdesk.save;

import io.hookdesk.model.FireDecision;
import io.hookdesk.model.Origin;
import io.hookdesk.model.Row;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static io.hookdesk.model.HookedTable.SERVICE;
import static org.assertj.core.api.Assertions.assertThat;

/** When a real save runs the hook and when it does not; and hooks that must not run at all. */
class FirePolicySaveTest {

    @RegisterExtension
    final SaveFixture f = SaveFixture.perTest();
    Path ran;

    @BeforeEach
    void setUp() {
        ran = f.scratch("ran");
        f.hooks.install(SERVICE, "echo \"$NEW_number\" >> '" + ran + "'; exit 0");
    }

    @Test
    void invoicingCountersAloneDoNotProvision() throws Exception {
        SaveResult r = f.update(SERVICE, 1, Map.of("invdate", "2027-01-01", "invcnt", "5", "tot_seconds", "3600"));
        assertThat(r.outcome()).isEqualTo(SaveOutcome.COMMITTED);
        assertThat(r.decision().reason()).isEqualTo(FireDecision.Reason.ONLY_NON_PROVISIONING);
        assertThat(ran).doesNotExist();
        assertThat(f.row(SERVICE, 1).get("invcnt")).isEqualTo(5);
        assertThat(f.runs(SERVICE, 1).get(0).outcome()).isEqualTo("skipped");

        f.update(SERVICE, 1, Map.of("state", "2", "invcnt", "6"));
        assertThat(Files.readAllLines(ran)).containsExactly("1");
    }

    @Test
    void doNotProvisionServiceIsSavedWithoutItsHook() {
        SaveResult r = f.update(SERVICE, 2, Map.of("donotprovision", "1", "state", "1"));
        assertThat(r.outcome()).isEqualTo(SaveOutcome.COMMITTED);
        assertThat(r.decision().reason()).isEqualTo(FireDecision.Reason.DO_NOT_PROVISION);
        assertThat(ran).doesNotExist();
        assertThat(f.row(SERVICE, 2).get("state")).isEqualTo((short) 1);
    }

    @Test
    void automatedProcessingNeverRunsHooks() {
        SaveResult r = f.saves().save(SaveRequest.update(SERVICE, 3, Map.of("state", "2"), null, Origin.AUTOMATED, "renew"));
        assertThat(r.outcome()).isEqualTo(SaveOutcome.COMMITTED);
        assertThat(r.decision().reason()).isEqualTo(FireDecision.Reason.AUTOMATED);
        assertThat(ran).doesNotExist();
    }

    @Test
    void noHookInstalledSavesAndSaysSo() {
        f.hooks.remove(SERVICE);
        SaveResult r = f.update(SERVICE, 1, Map.of("state", "2"));
        assertThat(r.outcome()).isEqualTo(SaveOutcome.COMMITTED);
        assertThat(r.message()).contains("no service_hook is installed");
        assertThat(f.runs(SERVICE, 1).get(0).outcome()).isEqualTo("no_hook");
    }

    @Test
    void hookThatIsNotExecutableRefusesTheSave() {
        f.hooks.write("service_hook", "#!/bin/sh\nexit 0\n", "rw-r--r--");
        Row before = f.row(SERVICE, 1);
        SaveResult r = f.update(SERVICE, 1, Map.of("state", "2"));
        assertThat(r.outcome()).isEqualTo(SaveOutcome.HOOK_REFUSED);
        assertThat(r.message()).contains("not executable").contains("chmod");
        assertThat(f.row(SERVICE, 1)).isEqualTo(before);
        assertThat(f.runs(SERVICE, 1).get(0).outcome()).isEqualTo("refused");
    }

    @Test
    void hookWritableByOthersRefusesTheSave() {
        f.hooks.write("service_hook", "#!/bin/sh\nexit 0\n", "rwxrwxrwx");
        Row before = f.row(SERVICE, 1);
        SaveResult r = f.update(SERVICE, 1, Map.of("state", "2"));
        assertThat(r.outcome()).isEqualTo(SaveOutcome.HOOK_REFUSED);
        assertThat(r.message()).contains("writable by").contains("chmod go-w");
        assertThat(f.row(SERVICE, 1)).isEqualTo(before);
        assertThat(ran).doesNotExist();
    }

    @Test
    void refusedHookDoesNotBlockSavesThatWouldNotRunIt() {
        f.hooks.write("service_hook", "#!/bin/sh\nexit 0\n", "rw-r--r--");
        SaveResult r = f.update(SERVICE, 1, Map.of("invcnt", "9"));
        assertThat(r.outcome()).isEqualTo(SaveOutcome.COMMITTED);
    }
}
