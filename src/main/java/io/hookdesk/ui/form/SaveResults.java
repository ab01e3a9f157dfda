package io.hookdesk.ui.form;

import io.hookdesk.model.EnvValues;
import io.hookdesk.model.Failures;
import io.hookdesk.model.Operation;
import io.hookdesk.model.Row;
import io.hookdesk.model.Secrets;
import io.hookdesk.save.SaveResult;
import io.hookdesk.save.SaveService;
import io.hookdesk.ui.dialogs.ConflictChoice;
import io.hookdesk.ui.dialogs.ConflictReport;
import io.hookdesk.ui.dialogs.DialogService;
import io.hookdesk.ui.dialogs.HookFailureReport;
import io.hookdesk.ui.dialogs.HookOutput;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** What the CSR is told, and what becomes of the form, for each way a save can end. */
final class SaveResults {

    private final RecordFormViewModel form;
    private final DialogService dialogs;

    SaveResults(RecordFormViewModel form, DialogService dialogs) {
        this.form = form;
        this.dialogs = dialogs;
    }

    void handle(SaveResult r) {
        String hook = r.table().hookName();
        switch (r.outcome()) {
            case COMMITTED -> {
                form.applyCommitted(r);
                form.showMessage("", false);
                Optional<HookOutput> output = HookOutput.of(r);
                dialogs.notify(describeCommit(r, output), output.orElse(null));
            }
            case HOOK_FAILED, CANCELLED -> {
                // The edits stay in the form so the CSR can correct them and try again.
                form.showMessage(r.message(), true);
                if (dialogs.showHookFailure(HookFailureReport.of(r), form.mayRunHookAgain())) {
                    form.runHookAgain();
                }
            }
            case CONFLICT -> conflict(r);
            case INVALID -> {
                r.fieldErrors().forEach(form::setFieldError);
                form.showMessage(r.message(), true);
                dialogs.showError("Not saved: some values are not accepted", r.message()
                        + "\n\nThe fields concerned are marked on the form.");
            }
            case HOOK_REFUSED -> {
                form.showMessage(r.message(), true);
                dialogs.showError("Not saved: " + hook + " may not run", r.message()
                        + "\n\nNothing was written. Ask whoever looks after the hooks directory to fix this.");
            }
            case NOT_FOUND -> {
                form.showMessage(r.message(), true);
                dialogs.showError("Not saved: the record is gone", r.message());
            }
            case DATABASE_ERROR -> {
                form.showMessage(r.message(), true);
                if (r.message() != null && r.message().startsWith(SaveService.UNREACHABLE)) {
                    dialogs.showError("Not saved: the database cannot be reached", r.message()
                            + "\n\nYour edits are still in the form. Save again when the status bar shows the database again.");
                } else if (r.message() != null && r.message().startsWith(SaveService.COMMIT_UNANSWERED)) {
                    // Saving a change again is safe either way: one that did commit has moved the record's version on,
                    // and the second save is refused as a conflict. A new record has no version: it would be added twice.
                    dialogs.showError("Perhaps saved: the database did not answer the commit", r.message()
                            + (r.operation() == Operation.CREATE
                            ? "\n\nYour entries are still in the form. When the status bar shows the database again, "
                                    + "search for the new record before saving: if it was saved, saving again would add it twice."
                            : "\n\nYour edits are still in the form. When the status bar shows the database again, save "
                                    + "again: if they were saved, HookDesk will say the record has changed since you opened it."));
                } else {
                    dialogs.showError("Not saved: the database refused the change", r.message());
                }
            }
            case COMMIT_FAILED_AFTER_HOOK -> {
                form.showMessage(r.message(), true);
                if (dialogs.showCommitFailedAfterHook(hook, r.message(), form.mayRunHookAgain())) {
                    form.runHookAgain();
                }
            }
        }
    }

    /** What the CSR is told after "Run hook again"; the record was not changed, so the form stays as it is. */
    void handleRunAgain(SaveResult r) {
        String hook = r.table().hookName();
        switch (r.outcome()) {
            case COMMITTED -> {
                form.showMessage("", false);
                Optional<HookOutput> output = HookOutput.of(r);
                dialogs.notify(output.map(o -> r.message().replaceFirst("\\.$", "") + " (" + o.summary() + ").")
                        .orElse(r.message()), output.orElse(null));
            }
            case HOOK_FAILED, CANCELLED -> {
                form.showMessage(r.message(), true);
                dialogs.showHookFailure(HookFailureReport.of(r), false);
            }
            case COMMIT_FAILED_AFTER_HOOK -> {
                form.showMessage(r.message(), true);
                dialogs.showCommitFailedAfterHook(hook, r.message(), false);
            }
            default -> {
                form.showMessage(r.message(), true);
                dialogs.showError(hook + " was not run again", r.message());
            }
        }
        if (r.auditProblem() != null) {
            // Nothing was changed, but the record of the attempt is missing: the CSR must know, started from a menu or not.
            dialogs.showError("This attempt was not recorded", r.auditProblem());
        }
    }

    /** The save ended without a result: it threw, so what became of the record is not known. */
    void crashed(Throwable e) {
        form.showMessage("Not saved: " + Failures.rootMessage(e), true);
        dialogs.showError("The save failed", "The save failed unexpectedly: " + Failures.rootMessage(e)
                + "\n\nCheck the " + form.table() + " before trying again.");
    }

    /** "Saved service 12; service_hook succeeded (exit 0, 240 ms)." or "Created payhist 7; no payhist_hook is installed." */
    private String describeCommit(SaveResult r, Optional<HookOutput> output) {
        String what = (r.operation() == Operation.CREATE ? "Created " : "Saved ") + r.table() + " " + r.number();
        if (output.isPresent()) {
            return what + "; " + r.table().hookName() + " succeeded (" + output.get().summary() + ").";
        }
        String m = r.message() == null ? "" : r.message().replaceFirst("^Saved; ", "");
        return what + (m.isEmpty() ? "." : "; " + m);
    }

    private void conflict(SaveResult r) {
        Row theirs = r.row();
        if (theirs == null || r.version() == null) {
            form.showMessage(r.message(), true);
            dialogs.showError("Not saved: someone else changed this record", r.message());
            return;
        }
        ConflictChoice choice = dialogs.showConflict(report(r, theirs));
        if (choice == ConflictChoice.RELOAD) {
            if (!form.hasEdits() || dialogs.confirm("Discard your edits?",
                    "Reloading shows their version of the " + r.table() + " and discards the changes you made.",
                    "Discard and reload")) {
                form.showRow(Operation.UPDATE, theirs, r.version(), form.env().related(), false);
                form.showMessage("Reloaded: you are looking at their version.", false);
                return;
            }
        } else if (choice == ConflictChoice.KEEP_EDITING) {
            form.showRow(Operation.UPDATE, theirs, r.version(), form.env().related(), true);
            form.showMessage("Your edits are now on top of their version; saving writes the fields you changed.", false);
            return;
        }
        form.showMessage(r.message(), true);
    }

    private ConflictReport report(SaveResult r, Row theirs) {
        List<ConflictReport.Line> lines = new ArrayList<>();
        for (FieldViewModel f : form.fields()) {
            String their = EnvValues.format(theirs.get(f.name()));
            String mine = f.saveText();
            boolean differs = !their.equals(mine);
            if (f.spec().kind() == ControlKind.MONEY) {
                their = Money.format(their);
                mine = f.text();
            }
            if (f.spec().secret()) {
                their = their.isEmpty() ? "" : Secrets.MASK;
                mine = mine.isEmpty() ? "" : Secrets.MASK;
            }
            lines.add(new ConflictReport.Line(f.name(), f.labelProperty().get(), their, mine, differs));
        }
        return new ConflictReport(r.table(), r.number(), r.message(), lines);
    }

}
