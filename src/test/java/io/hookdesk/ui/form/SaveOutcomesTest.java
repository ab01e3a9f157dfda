package io.hookdesk.ui.form;

import io.hookdesk.model.HookRun;
import io.hookdesk.model.HookedTable;
import io.hookdesk.model.Operation;
import io.hookdesk.model.Secrets;
import io.hookdesk.save.SaveOutcome;
import io.hookdesk.save.SaveResult;
import io.hookdesk.save.SaveService;
import io.hookdesk.ui.FakeDialogs;
import io.hookdesk.ui.UiFixture;
import io.hookdesk.ui.dialogs.HookFailureReport;
import io.hookdesk.ui.history.HistoryViewModel;
import io.hookdesk.ui.task.SameThreadTaskExecutor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** What the CSR is told for each way a save ends, with real hooks. */
class SaveOutcomesTest {

    @RegisterExtension
    static final UiFixture fx = UiFixture.demo();

    final FakeDialogs dialogs = new FakeDialogs();

    @AfterEach
    void removeHook() {
        fx.hooks.remove(HookedTable.SERVICE);
    }

    RecordFormViewModel service(int n) {
        RecordFormViewModel f = new RecordFormViewModel(HookedTable.SERVICE, fx.session, new SameThreadTaskExecutor(),
                dialogs, new FormOverlays(), Clock.systemUTC());
        f.open(n);
        return f;
    }

    @Test
    void aCommitTheDatabaseNeverAnsweredKeepsTheEditsAndSaysWhySavingAgainIsSafe() {
        int n = fx.anOpenService();
        RecordFormViewModel f = service(n);
        f.field("d01").textProperty().set("AC:DE:48:00:00:09");

        new SaveResults(f, dialogs).handle(unanswered(Operation.UPDATE, (long) n));

        assertThat(dialogs.errors).singleElement().asString()
                .startsWith("Perhaps saved: the database did not answer the commit: " + SaveService.COMMIT_UNANSWERED)
                .contains("save again: if they were saved, HookDesk will say the record has changed since you opened it");
        assertThat(f.field("d01").text()).isEqualTo("AC:DE:48:00:00:09");
        assertThat(f.dirty()).isTrue();
    }

    @Test
    void aNewRecordWhoseCommitWentUnansweredIsToBeLookedForBeforeSavingAgain() {
        RecordFormViewModel f = service(fx.anOpenService());

        new SaveResults(f, dialogs).handle(unanswered(Operation.CREATE, null));

        assertThat(dialogs.errors).singleElement().asString()
                .contains("search for the new record before saving: if it was saved, saving again would add it twice");
    }

    /** How the save path ends a save without a hook whose COMMIT went and was never answered (CommitUnheardTest). */
    private static SaveResult unanswered(Operation operation, Long number) {
        return new SaveResult(SaveOutcome.DATABASE_ERROR, HookedTable.SERVICE, operation, number, null, null, null, null,
                null, null, SaveService.COMMIT_UNANSWERED + " (EOFException): whether "
                + (number == null ? "the new service" : "service " + number) + " was saved is not known.", null,
                Instant.now(), Duration.ZERO);
    }

    @Test
    void aFailingHookReportsItsOutputWithSecretsMaskedAndKeepsTheEdits() {
        fx.hooks.install(HookedTable.SERVICE, "echo \"setting password $NEW_d02 for $NEW_d01\"\necho 'radius refused' >&2\nexit 2");
        int n = fx.anOpenService();
        RecordFormViewModel f = service(n);
        f.field("d02").textProperty().set("s3cret-pass");

        f.save();

        HookFailureReport r = dialogs.hookFailures.get(0);
        assertThat(r.hookName()).isEqualTo("service_hook");
        assertThat(r.headline()).startsWith("service_hook exited with status 2").contains("rolled back");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.stdout()).contains("setting password " + Secrets.MASK).doesNotContain("s3cret-pass");
        assertThat(r.stderr()).isEqualTo("radius refused\n");
        assertThat(r.environment()).containsEntry("NEW_d02", Secrets.MASK).containsEntry("HOOK_CSR", "postgres");
        assertThat(f.field("d02").text()).isEqualTo("s3cret-pass");
        assertThat(f.dirty()).isTrue();
        assertThat(fx.row(HookedTable.SERVICE, n).get("d02")).isNotEqualTo("s3cret-pass");
        assertThat(dialogs.notifications).isEmpty();
    }

    @Test
    void aHookThatMayNotRunRefusesTheSaveWithTheReason() {
        fx.hooks.write("service_hook", "#!/bin/sh\nexit 0\n", "rw-r--r--");
        int n = fx.anOpenService();
        RecordFormViewModel f = service(n);
        f.field("state").textProperty().set("2");

        f.save();

        assertThat(dialogs.errors).singleElement().asString()
                .startsWith("Not saved: service_hook may not run").contains("not executable");
        assertThat(fx.row(HookedTable.SERVICE, n).get("state")).isEqualTo((short) 0);
        assertThat(f.field("state").text()).isEqualTo("2");
    }

    @Test
    void everyAttemptIsInTheRecordsHistoryAndTheSupervisorsList() {
        fx.hooks.install(HookedTable.SERVICE, "exit 1");
        int n = fx.anOpenService();
        RecordFormViewModel f = service(n);
        f.field("d06").textProperty().set("first try");
        f.save();
        fx.hooks.install(HookedTable.SERVICE, "exit 0");
        f.save();

        assertThat(f.history().runs()).extracting(HookRun::outcome).startsWith("committed", "rolled_back");
        assertThat(f.history().runs()).allMatch(r -> r.csr().equals(UiFixture.CSR) && r.origin().equals("desktop"));

        HistoryViewModel supervisor = new HistoryViewModel(fx.session.records(), new SameThreadTaskExecutor(), dialogs);
        supervisor.outcomeFilterProperty().set("rolled_back");
        supervisor.tableFilterProperty().set(HookedTable.SERVICE);
        supervisor.loadRecent();
        assertThat(supervisor.runs()).isNotEmpty().allMatch(r -> r.outcome().equals("rolled_back") && r.table().equals("service"));
        supervisor.open(supervisor.runs().get(0));
        assertThat(dialogs.runsShown).containsExactly(supervisor.runs().get(0));
    }
}
