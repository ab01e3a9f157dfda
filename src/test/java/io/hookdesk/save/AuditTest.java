package io.hookdesk.save;

import io.hookdesk.model.HookRun;
import io.hookdesk.model.Secrets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Map;

import static io.hookdesk.model.HookedTable.SERVICE;
import static org.assertj.core.api.Assertions.assertThat;

/** Every attempt leaves a row in hookdesk.hook_run, and no row holds a secret. */
class AuditTest {

    @RegisterExtension
    final SaveFixture f = SaveFixture.perTest();

    @Test
    void rolledBackAttemptIsRecordedWithOutputAndEnvironment() {
        f.hooks.install(SERVICE, "echo \"provisioning $NEW_d01\"; echo 'mail server said no' >&2; sleep 0.3; exit 7");
        SaveResult r = f.update(SERVICE, 1, Map.of("state", "2"));

        HookRun run = f.runs(SERVICE, 1).get(0);
        assertThat(run.outcome()).isEqualTo("rolled_back");
        assertThat(run.exitCode()).isEqualTo(7);
        assertThat(run.csr()).isEqualTo("alice");
        assertThat(run.origin()).isEqualTo("desktop");
        assertThat(run.operation()).isEqualTo("update");
        assertThat(run.stdout()).startsWith("provisioning ");
        assertThat(run.stderr()).isEqualTo("mail server said no\n");
        assertThat(run.environment()).contains("NEW_state=2").contains("OLD_state=0").contains("HOOK_CSR=postgres");
        assertThat(run.dbUser()).isEqualTo("postgres");
        assertThat(run.hookRunner()).as("where the hook ran (issue 23)").isEqualTo("local");
        // The save's time as the save path measured it: the hook's run (at least its sleep) and the rest.
        assertThat(run.durationMs()).isEqualTo(r.duration().toMillis())
                .isGreaterThanOrEqualTo(r.hook().duration().toMillis()).isGreaterThanOrEqualTo(300);
    }

    @Test
    void secretsAreMaskedInTheEnvironmentAndInTheOutput() {
        String password = (String) f.row(SERVICE, 1).get("d02");
        f.hooks.install(SERVICE, "echo \"setting password $NEW_d02\"; echo \"old was $OLD_d02\" >&2; exit 1");
        SaveResult r = f.update(SERVICE, 1, Map.of("d02", "n3w-Passw0rd"));

        assertThat(r.hook().stdout()).contains("n3w-Passw0rd");   // the hook itself got the real value
        HookRun run = f.runs(SERVICE, 1).get(0);
        assertThat(run.environment()).contains("NEW_d02=" + Secrets.MASK).contains("OLD_d02=" + Secrets.MASK)
                .doesNotContain("n3w-Passw0rd").doesNotContain(password);
        assertThat(run.stdout()).isEqualTo("setting password " + Secrets.MASK + "\n");
        assertThat(run.stderr()).isEqualTo("old was " + Secrets.MASK + "\n");
    }

    @Test
    void everyOutcomeIsRecorded() {
        f.update(SERVICE, 1, Map.of("state", "2"));                      // no hook
        f.hooks.install(SERVICE, "exit 0");
        f.update(SERVICE, 1, Map.of("state", "0"));                      // committed
        f.update(SERVICE, 1, Map.of("invcnt", "3"));                     // skipped
        f.update(SERVICE, 1, Map.of("state", "9"));                      // invalid (check constraint)
        f.hooks.install(SERVICE, "exit 1");
        f.update(SERVICE, 1, Map.of("state", "2"));                      // rolled back

        assertThat(f.runs(SERVICE, 1)).extracting(HookRun::outcome)
                .containsExactly("rolled_back", "invalid", "skipped", "committed", "no_hook");
    }

    @Test
    void noPartOfASecretSurvivesTheOutputCut() {
        String secret = "s3cret-Passw0rd";
        java.util.SortedMap<String, String> env = new java.util.TreeMap<>(Map.of("NEW_d02", secret, "NEW_d01", "login"));
        String marker = "\n[... 2.0 MB of output omitted by HookDesk ...]\n";
        String cut = "before " + secret + " then s3cret-Pa" + marker + "ssw0rd after";

        String masked = Masking.output(SERVICE, env, cut);

        assertThat(masked).isEqualTo("before ******** then ********" + marker + "******** after")
                .doesNotContain("s3cret").doesNotContain("ssw0rd");
    }
}
