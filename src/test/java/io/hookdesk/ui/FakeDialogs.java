package io.hookdesk.ui;

import io.hookdesk.model.HookRun;
import io.hookdesk.model.Row;
import io.hookdesk.ui.connect.ConnectViewModel;
import io.hookdesk.ui.connect.ConnectionRequest;
import io.hookdesk.ui.dialogs.CascadeChoice;
import io.hookdesk.ui.dialogs.CascadeReport;
import io.hookdesk.ui.dialogs.ConflictChoice;
import io.hookdesk.ui.dialogs.ConflictReport;
import io.hookdesk.ui.dialogs.DialogService;
import io.hookdesk.ui.dialogs.HookFailureReport;
import io.hookdesk.ui.dialogs.HookOutput;
import io.hookdesk.ui.search.SearchViewModel;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Records what view models tell the CSR, and answers questions as the test sets up. */
public final class FakeDialogs implements DialogService {

    public final List<String> errors = new ArrayList<>();
    public final List<String> warnings = new ArrayList<>();
    public final List<String> confirmations = new ArrayList<>();
    public final List<String> notifications = new ArrayList<>();
    /** What each notification offered under "Show output" (null where no hook ran), in order. */
    public final List<HookOutput> notifiedOutputs = new ArrayList<>();
    public final List<HookFailureReport> hookFailures = new ArrayList<>();
    public final List<ConflictReport> conflicts = new ArrayList<>();
    public final List<String> commitFailures = new ArrayList<>();
    public final List<HookRun> runsShown = new ArrayList<>();
    public boolean confirmAnswer = true;
    public final List<CascadeReport> cascadesAsked = new ArrayList<>();
    public CascadeChoice cascadeChoice = CascadeChoice.CASCADE;
    public ConflictChoice conflictChoice = ConflictChoice.RELOAD;
    public Row pickAnswer;
    public final List<String> connectProblems = new ArrayList<>();
    public final List<ConnectViewModel> connectModels = new ArrayList<>();
    public ConnectionRequest connectAnswer;
    /** Whether each hook failure or commit failure dialog offered "Run hook again", in order. */
    public final List<Boolean> runAgainOffered = new ArrayList<>();
    /** The answer to an offered "Run hook again" (taken once, then false again). */
    public boolean runAgainAnswer;

    @Override
    public void showError(String title, String message) {
        errors.add(title + ": " + message);
    }

    @Override
    public void showWarning(String title, String message) {
        warnings.add(title + ": " + message);
    }

    @Override
    public boolean confirm(String title, String message, String confirmLabel) {
        confirmations.add(title);
        return confirmAnswer;
    }

    @Override
    public void notify(String message, HookOutput output) {
        notifications.add(message);
        notifiedOutputs.add(output);
    }

    @Override
    public boolean showHookFailure(HookFailureReport report, boolean offerRunAgain) {
        hookFailures.add(report);
        return runAgain(offerRunAgain);
    }

    private boolean runAgain(boolean offered) {
        runAgainOffered.add(offered);
        boolean answer = offered && runAgainAnswer;
        runAgainAnswer = false;
        return answer;
    }

    @Override
    public CascadeChoice askCascade(CascadeReport report) {
        cascadesAsked.add(report);
        return cascadeChoice;
    }

    @Override
    public ConflictChoice showConflict(ConflictReport report) {
        conflicts.add(report);
        return conflictChoice;
    }

    @Override
    public boolean showCommitFailedAfterHook(String hookName, String message, boolean offerRunAgain) {
        commitFailures.add(message);
        return runAgain(offerRunAgain);
    }

    @Override
    public void showHookRun(HookRun run) {
        runsShown.add(run);
    }

    @Override
    public Optional<Row> pickRecord(String title, SearchViewModel search) {
        return Optional.ofNullable(pickAnswer);
    }

    @Override
    public Optional<ConnectionRequest> showConnect(ConnectViewModel model) {
        connectProblems.add(model.errorProperty().get());
        connectModels.add(model);
        ConnectionRequest answer = connectAnswer;
        connectAnswer = null;
        return Optional.ofNullable(answer);
    }
}
