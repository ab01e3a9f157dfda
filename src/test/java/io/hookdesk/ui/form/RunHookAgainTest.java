package io.hookdesk.ui.form;

import io.hookdesk.model.HookRun;
import io.hookdesk.model.HookedTable;
import io.hookdesk.ui.FakeDialogs;
import io.hookdesk.ui.UiFixture;
import io.hookdesk.ui.connect.Session;
import io.hookdesk.ui.task.SameThreadTaskExecutor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** "Run hook again" on a form: a supervisor's action on a saved record, also offered when a hook failed. */
class RunHookAgainTest {

    @RegisterExtension
    static final UiFixture fx = UiFixture.demo();

    final FakeDialogs dialogs = new FakeDialogs();

    @AfterEach
    void removeHook() {
        fx.hooks.remove(HookedTable.SERVICE);
    }

    RecordFormViewModel service(Session session, int n) {
        RecordFormViewModel f = new RecordFormViewModel(HookedTable.SERVICE, session, new SameThreadTaskExecutor(),
                dialogs, new FormOverlays(), Clock.systemUTC());
        f.open(n);
        return f;
    }

    private String rowText(int n) {
        return fx.context.database().dsl().fetchOne("SELECT row_to_json(s)::text FROM service s WHERE number = " + n)
                .get(0, String.class);
    }

    private static Map<String, String> env(Path file) throws Exception {
        Map<String, String> env = new java.util.TreeMap<>();
        for (String entry : Files.readString(file).split("\0")) {
            int eq = entry.indexOf('=');
            if (eq > 0) {
                env.put(entry.substring(0, eq), entry.substring(eq + 1));
            }
        }
        return env;
    }

    @Test
    void aSupervisorRunsTheHookAgainForTheRecordAsSavedAndTheEditsStay() throws Exception {
        Path seen = fx.dir().resolve("run-again-env");
        fx.hooks.install(HookedTable.SERVICE, "env -0 > '" + seen + "'\necho \"provisioned $NEW_number state $NEW_state\"\n"
                + "echo 'radius: nothing to move' >&2");
        int n = fx.anOpenService();
        String before = rowText(n);
        RecordFormViewModel f = service(fx.session(true), n);
        assertThat(f.runAgainAvailableProperty().get()).isTrue();
        f.field("state").textProperty().set("2");

        f.runHookAgain();

        assertThat(dialogs.confirmations).containsExactly("Run service_hook again?");
        Map<String, String> env = env(seen);
        assertThat(env).containsEntry("NEW", "0").containsEntry("HOOK_REPROVISION", "1")
                .containsEntry("NEW_state", "0").containsEntry("OLD_state", "0")
                .containsEntry("NEW_number", String.valueOf(n)).containsEntry("HOOK_INTERACTIVE", "1");
        assertThat(dialogs.notifications).singleElement().asString()
                .matches("service_hook ran again for service " + n + " and succeeded \\(exit 0, [0-9.]+ m?s\\)\\.");
        // "Show output" holds what this run printed, for the record as saved (state 0, not the edit's 2).
        assertThat(dialogs.notifiedOutputs).singleElement().satisfies(out -> {
            assertThat(out.title()).isEqualTo("service_hook for service " + n);
            assertThat(out.status()).isEqualTo("exited with status 0");
            assertThat(out.stdout()).isEqualTo("provisioned " + n + " state 0\n");
            assertThat(out.stderr()).isEqualTo("radius: nothing to move\n");
        });
        assertThat(rowText(n)).isEqualTo(before);
        assertThat(f.field("state").text()).isEqualTo("2");
        assertThat(f.dirty()).isTrue();
        assertThat(f.history().runs()).first().extracting(HookRun::operation, HookRun::outcome)
                .containsExactly("rerun", "committed");
    }

    @Test
    void declinedRunsNothing() {
        Path ran = fx.dir().resolve("declined-ran");
        fx.hooks.install(HookedTable.SERVICE, "touch '" + ran + "'");
        RecordFormViewModel f = service(fx.session(true), fx.anOpenService());
        dialogs.confirmAnswer = false;

        f.runHookAgain();

        assertThat(Files.exists(ran)).isFalse();
        assertThat(dialogs.notifications).isEmpty();
    }

    @Test
    void aCsrWhoIsNotASupervisorIsNotOfferedItAndCannotRunIt() {
        Path ran = fx.dir().resolve("csr-ran");
        fx.hooks.install(HookedTable.SERVICE, "touch '" + ran + "'");
        RecordFormViewModel f = service(fx.session(false), fx.anOpenService());

        assertThat(f.runAgainAvailableProperty().get()).isFalse();
        f.runHookAgain();

        assertThat(Files.exists(ran)).isFalse();
        assertThat(dialogs.confirmations).isEmpty();
    }

    @Test
    void aNewRecordHasNothingToRunAgain() {
        RecordFormViewModel f = new RecordFormViewModel(HookedTable.SERVICE, fx.session(true), new SameThreadTaskExecutor(),
                dialogs, new FormOverlays(), Clock.systemUTC());
        f.openNew(Map.of());
        assertThat(f.runAgainAvailableProperty().get()).isFalse();
    }

    @Test
    void aFailedSaveOffersItToASupervisorAndRunsItForTheRecordAsSaved() throws Exception {
        Path seen = fx.dir().resolve("offered-env");
        // Fails the save (state 2), succeeds when run again for the record as saved (state 0).
        fx.hooks.install(HookedTable.SERVICE, "env -0 > '" + seen + "'\necho \"run for state $NEW_state\"\n"
                + "[ \"$NEW_state\" = 2 ] && exit 4\nexit 0");
        int n = fx.anOpenService();
        RecordFormViewModel f = service(fx.session(true), n);
        f.field("state").textProperty().set("2");
        dialogs.runAgainAnswer = true;

        f.save();

        assertThat(dialogs.runAgainOffered).containsExactly(true);
        // Chosen in the failure dialog, it is still asked: a stray Enter there must not provision again.
        assertThat(dialogs.confirmations).containsExactly("Run service_hook again?");
        assertThat(env(seen)).containsEntry("HOOK_REPROVISION", "1").containsEntry("NEW_state", "0");
        assertThat(dialogs.notifications).singleElement().asString()
                .matches("service_hook ran again for service " + n + " and succeeded \\(exit 0, [0-9.]+ m?s\\)\\.");
        // The notification offers the second run's output, not the failed save's.
        assertThat(dialogs.notifiedOutputs).singleElement().satisfies(out -> {
            assertThat(out.status()).isEqualTo("exited with status 0");
            assertThat(out.stdout()).isEqualTo("run for state 0\n");
            assertThat(out.stderr()).isEmpty();
        });
        assertThat(f.field("state").text()).isEqualTo("2");
    }

    @Test
    void aFailedSaveDoesNotOfferItToACsr() {
        fx.hooks.install(HookedTable.SERVICE, "exit 4");
        RecordFormViewModel f = service(fx.session(false), fx.anOpenService());
        f.field("state").textProperty().set("2");
        dialogs.runAgainAnswer = true;

        f.save();

        assertThat(dialogs.runAgainOffered).containsExactly(false);
        assertThat(dialogs.hookFailures).hasSize(1);
        assertThat(dialogs.notifications).isEmpty();
    }

    @Test
    void aFailingRunAgainShowsTheFailureWithTheRecordUnchanged() {
        fx.hooks.install(HookedTable.SERVICE, "echo 'radius down' >&2; exit 6");
        int n = fx.anOpenService();
        String before = rowText(n);
        RecordFormViewModel f = service(fx.session(true), n);

        f.runHookAgain();

        assertThat(dialogs.hookFailures).singleElement().satisfies(r -> {
            assertThat(r.reprovision()).isTrue();
            assertThat(r.headline()).contains("when run again", "The record itself is unchanged").doesNotContain("rolled back");
            assertThat(r.stderr()).isEqualTo("radius down\n");
        });
        assertThat(dialogs.runAgainOffered).containsExactly(false);
        assertThat(rowText(n)).isEqualTo(before);
        assertThat(f.history().runs()).first().extracting(HookRun::operation, HookRun::outcome)
                .containsExactly("rerun", "rolled_back");
    }

    @Test
    void aMissingHookIsSaidAndNothingIsRecordedAsASuccess() {
        int n = fx.anOpenService();
        RecordFormViewModel f = service(fx.session(true), n);

        f.runHookAgain();

        assertThat(dialogs.errors).singleElement().asString().startsWith("service_hook was not run again: Not run:");
        assertThat(f.history().runs()).first().extracting(HookRun::operation, HookRun::outcome)
                .containsExactly("rerun", "refused");
    }
}
