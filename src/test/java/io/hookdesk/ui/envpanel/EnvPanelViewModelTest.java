package io.hookdesk.ui.envpanel;

import io.hookdesk.model.HookStatus;
import io.hookdesk.model.HookedTable;
import io.hookdesk.model.Row;
import io.hookdesk.model.Secrets;
import io.hookdesk.ui.FakeDialogs;
import io.hookdesk.ui.UiFixture;
import io.hookdesk.ui.envpanel.EnvPanelViewModel.HookState;
import io.hookdesk.ui.form.FormOverlays;
import io.hookdesk.ui.form.RecordFormViewModel;
import io.hookdesk.ui.task.SameThreadTaskExecutor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Path;
import java.time.Clock;

import static org.assertj.core.api.Assertions.assertThat;

/** The environment panel through the form it belongs to, as the CSR drives it. */
class EnvPanelViewModelTest {

    @RegisterExtension
    static final UiFixture fx = UiFixture.demo();

    RecordFormViewModel form;
    EnvPanelViewModel env;
    Row loaded;

    @BeforeEach
    void openAService() {
        fx.hooks.remove(HookedTable.SERVICE);
        int n = fx.anOpenService();
        loaded = fx.row(HookedTable.SERVICE, n);
        form = new RecordFormViewModel(HookedTable.SERVICE, fx.session, new SameThreadTaskExecutor(), new FakeDialogs(),
                new FormOverlays(), Clock.systemUTC());
        form.open(n);
        env = form.env();
    }

    @Test
    void typingChangesTheNewValueAndMarksItChanged() {
        assertThat(env.entry("NEW_d01").value()).isEqualTo(loaded.get("d01"));
        EnvEntry newLogin = env.entry("NEW_d01");

        form.field("d01").textProperty().set("renamed");

        assertThat(env.entry("NEW_d01")).isSameAs(newLogin);
        assertThat(newLogin.value()).isEqualTo("renamed");
        assertThat(newLogin.changed()).isTrue();
        assertThat(env.entry("OLD_d01").value()).isEqualTo(loaded.get("d01"));
        assertThat(env.entry("OLD_d01").changed()).isTrue();
        assertThat(env.entry("NEW_d03").changed()).isFalse();
        assertThat(env.changedColumns()).containsExactly("d01");
        assertThat(env.entry("HOOK_CSR").value()).as("the database login").isEqualTo("postgres");
        assertThat(env.entry("HOOK_INTERACTIVE").value()).isEqualTo("1");
    }

    @Test
    void theServicesUserAndAccountComeAlongWithoutTheirSecrets() {
        assertThat(env.entry("USER_login").value()).isNotEmpty();
        assertThat(env.entry("ACCOUNT_clname").value()).isNotEmpty();
        assertThat(env.entry("USER_password")).isNull();
        assertThat(env.entry("ACCOUNT_ccnum")).isNull();
    }

    @Test
    void secretsAreMaskedUntilRevealed() {
        form.field("d02").textProperty().set("n3w-pass");
        EnvEntry pass = env.entry("NEW_d02");

        assertThat(pass.secret()).isTrue();
        assertThat(pass.shown()).isEqualTo(Secrets.MASK);
        String masked = env.copyAsShell();
        assertThat(masked).doesNotContain("n3w-pass").doesNotContain(Secrets.MASK)
                .contains("\n# export NEW_d02=...   # secret, masked: set it by hand\n")
                .doesNotContain("\nexport NEW_d02=").doesNotContain("\nexport OLD_d02=");
        assertThat(masked.lines().findFirst().orElseThrow()).startsWith("# WARNING: ").contains("NEW_d02");

        env.revealSecretsProperty().set(true);
        assertThat(pass.shown()).isEqualTo("n3w-pass");
        String revealed = env.copyAsShell();
        assertThat(revealed).contains("\nexport NEW_d02='n3w-pass'\n").doesNotContain("# export");
        assertThat(revealed.lines().findFirst().orElseThrow()).startsWith("# WARNING: this text holds")
                .contains("NEW_d02");
    }

    @Test
    void aCsrWhoIsNotASupervisorCannotRevealSecretsInThePanelOrItsCopy() {
        String oldPassword = loaded.get("d02") == null ? "" : loaded.get("d02").toString();
        assertThat(oldPassword).as("the stored password of the service the test opens").isNotEmpty();
        RecordFormViewModel csrForm = new RecordFormViewModel(HookedTable.SERVICE, fx.session(false),
                new SameThreadTaskExecutor(), new FakeDialogs(), new FormOverlays(), Clock.systemUTC());
        csrForm.open(loaded.integer("number"));
        EnvPanelViewModel panel = csrForm.env();
        csrForm.field("d02").textProperty().set("n3w-pass");

        panel.revealSecretsProperty().set(true);

        assertThat(panel.mayReveal()).isFalse();
        assertThat(panel.revealSecretsProperty().get()).isFalse();
        assertThat(panel.entry("NEW_d02").shown()).isEqualTo(Secrets.MASK);
        assertThat(panel.entry("OLD_d02").shown()).isEqualTo(Secrets.MASK);
        // Neither the typed password nor the stored one leaves through Copy as shell.
        assertThat(panel.copyAsShell()).contains("# export NEW_d02=...").doesNotContain("n3w-pass")
                .doesNotContain("\nexport NEW_d02=")
                .contains("# export OLD_d02=...").doesNotContain(oldPassword).doesNotContain("\nexport OLD_d02=");
        assertThat(env.mayReveal()).as("the fixture's own session is a superuser's").isTrue();
    }

    @Test
    void textThatDoesNotParseIsShownAsTypedAndFlagged() {
        form.field("iprice").textProperty().set("lots");

        assertThat(env.entry("NEW_iprice").value()).isEqualTo("lots");
        assertThat(env.entry("NEW_iprice").unparsed()).isTrue();

        form.field("iprice").textProperty().set("12.5");
        assertThat(env.entry("NEW_iprice").unparsed()).isFalse();
        // As the hook will get it after the save: PostgreSQL prints a numeric with its column's scale (iprice's is 10).
        assertThat(env.entry("NEW_iprice").value()).isEqualTo("12.5000000000");
    }

    @Test
    void theFilterNarrowsTheListByKeyOrValue() {
        env.filterProperty().set("user_");
        assertThat(env.visibleEntries()).isNotEmpty().allMatch(e -> e.key().startsWith("USER_"));

        env.filterProperty().set(String.valueOf(loaded.get("d01")));
        assertThat(env.visibleEntries()).extracting(EnvEntry::key).contains("NEW_d01", "OLD_d01");

        env.filterProperty().set("");
        assertThat(env.visibleEntries()).hasSameSizeAs(env.entries());
    }

    @Test
    void theHeaderSaysWhichHookRunsOrWhyNone() {
        assertThat(env.hookStateProperty().get()).isEqualTo(HookState.NOT_FIRED);
        assertThat(env.headerProperty().get()).isEqualTo("service_hook will not run: nothing changed.");

        form.field("invdate").textProperty().set("2030-01-01");
        assertThat(env.headerProperty().get()).startsWith("service_hook will not run: only non-provisioning columns changed");

        form.field("state").textProperty().set("2");
        assertThat(env.hookStateProperty().get()).isEqualTo(HookState.NO_HOOK);
        assertThat(env.headerProperty().get()).contains("no service_hook in");

        Path hook = fx.hooks.write("service_hook", "#!/bin/sh\nexit 0\n", "rw-r--r--");
        form.refreshHookStatus();
        assertThat(env.hookStateProperty().get()).isEqualTo(HookState.REFUSED);
        assertThat(env.headerProperty().get()).contains("not executable");

        fx.hooks.write("service_hook", "#!/bin/sh\nexit 0\n", "rwxrwxr-x");
        form.refreshHookStatus();
        assertThat(env.headerProperty().get()).contains("writable by its group");

        fx.hooks.write("service_hook", "#!/bin/sh\nexit 0\n", "rwxr-xr-x");
        form.refreshHookStatus();
        assertThat(env.hookStateProperty().get()).isEqualTo(HookState.WILL_RUN);
        assertThat(env.headerProperty().get()).isEqualTo("Will run " + hook);
        // Hooks that run as a hook account or on the billing server say so.
        env.setHookStatus(new HookStatus(HookStatus.State.READY, Path.of("/var/lib/hookdesk/hooks/service_hook"), "", null,
                "account:hookdesk-hooks"));
        assertThat(env.headerProperty().get()).isEqualTo("Will run /var/lib/hookdesk/hooks/service_hook (account:hookdesk-hooks)");
        form.refreshHookStatus();
        assertThat(env.headerProperty().get()).isEqualTo("Will run " + hook);

        form.field("donotprovision").textProperty().set("1");
        assertThat(env.headerProperty().get()).isEqualTo("service_hook will not run: the service is marked Do Not Provision.");
    }

    @Test
    void changedColumnsComeFirstPairByPairAndChangedOnlyListsJustThem() {
        form.field("d04").textProperty().set("four");
        form.field("d03").textProperty().set("three");

        assertThat(env.orderedEntries().stream().limit(4).map(EnvEntry::key))
                .containsExactly("NEW_d03", "OLD_d03", "NEW_d04", "OLD_d04");
        assertThat(env.orderedEntries().get(4).changed()).isFalse();

        env.changedOnlyProperty().set(true);
        assertThat(env.orderedEntries()).extracting(EnvEntry::key)
                .containsExactly("NEW_d03", "OLD_d03", "NEW_d04", "OLD_d04");

        form.field("d04").textProperty().set(form.field("d04").originalText());
        assertThat(env.orderedEntries()).extracting(EnvEntry::key).containsExactly("NEW_d03", "OLD_d03");
        env.changedOnlyProperty().set(false);
        assertThat(env.orderedEntries()).hasSameSizeAs(env.entries());
    }

    @Test
    void copyAsShellQuotesForTheShellAndEndsWithTheHook() {
        form.field("d03").textProperty().set("it's");
        String shell = env.copyAsShell();

        assertThat(shell).contains("export NEW_d03='it'\\''s'\n");
        assertThat(shell).contains("export NEW='0'\n");
        String[] lines = shell.split("\n");
        assertThat(lines[lines.length - 1]).isEqualTo("'" + fx.hooks.dir().resolve("service_hook") + "'");
        assertThat(lines).allMatch(l -> l.startsWith("export ") || l.startsWith("# ") || l.equals(lines[lines.length - 1]));
        assertThat(java.util.Arrays.stream(lines).filter(l -> l.startsWith("export ") || l.startsWith("# export ")))
                .hasSize(env.entries().size());
    }

    @Test
    void changingTheUserFetchesTheNewUserOnceTheFieldIsLeft() {
        int otherUser = Integer.valueOf(1).equals(loaded.get("user")) ? 2 : 1;
        Row other = fx.row(HookedTable.USER, otherUser);

        form.field("user").textProperty().set(String.valueOf(otherUser));
        assertThat(env.entry("NEW_user").value()).isEqualTo(String.valueOf(otherUser));
        assertThat(env.entry("USER_login").value()).isNotEqualTo(other.get("login"));

        form.field("user").commit();
        assertThat(env.entry("USER_login").value()).isEqualTo(other.get("login"));
        assertThat(form.field("user").descriptionProperty().get()).contains((String) other.get("login"));
    }
}
