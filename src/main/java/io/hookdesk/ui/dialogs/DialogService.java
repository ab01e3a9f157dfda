package io.hookdesk.ui.dialogs;

import io.hookdesk.model.HookRun;
import io.hookdesk.model.Row;
import io.hookdesk.ui.connect.ConnectViewModel;
import io.hookdesk.ui.connect.ConnectionRequest;
import io.hookdesk.ui.search.SearchViewModel;

import java.util.Optional;

/**
 * Every dialog the desktop shows, behind one interface, so view models decide what to tell the CSR and tests can
 * check it with a fake. Methods are called on the FX thread; the modal ones return when the CSR closes the dialog.
 */
public interface DialogService {

    void showError(String title, String message);

    void showWarning(String title, String message);

    /** Asks before something that loses work; true if the CSR confirmed. */
    boolean confirm(String title, String message, String confirmLabel);

    /** A short message that does not interrupt (see {@link #notify(String, HookOutput)}), offering nothing. */
    default void notify(String message) {
        notify(message, null);
    }

    /**
     * A short message that does not interrupt: a notification in the main window's corner that fades after a few
     * seconds, e.g. "Saved service 12; service_hook succeeded (exit 0, 240 ms)." With {@code output} (a hook ran) it
     * offers "Show output", which opens what the hook printed; with null (no hook ran) it offers nothing.
     */
    void notify(String message, HookOutput output);

    /**
     * A hook failed, timed out, was killed or cancelled: output, status, environment; the change was rolled back.
     * With {@code offerRunAgain} (a supervisor, a saved record) it offers "Run hook again"; true if that was chosen.
     */
    boolean showHookFailure(HookFailureReport report, boolean offerRunAgain);

    /**
     * An account's or user's state change could go to everything under it: the records and hooks, with each one's
     * variables; asks whether to change all of them, only the record in the form, or nothing.
     */
    CascadeChoice askCascade(CascadeReport report);

    /** Someone else saved first: their values beside the CSR's. */
    ConflictChoice showConflict(ConflictReport report);

    /**
     * The hook succeeded but the commit failed: the provisioned system may be ahead of the database. With
     * {@code offerRunAgain} it offers "Run hook again" (the hook for the record as saved); true if that was chosen.
     */
    boolean showCommitFailedAfterHook(String hookName, String message, boolean offerRunAgain);

    /** One recorded hook run: its output and environment (already masked in storage). */
    void showHookRun(HookRun run);

    /** Lets the CSR find and choose a record (the pop-up behind a reference field's search button). */
    Optional<Row> pickRecord(String title, SearchViewModel search);

    /** The connection dialog; empty if the CSR cancelled. */
    Optional<ConnectionRequest> showConnect(ConnectViewModel model);
}
