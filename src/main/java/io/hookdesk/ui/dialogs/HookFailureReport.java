package io.hookdesk.ui.dialogs;

import io.hookdesk.model.HookOutcome;
import io.hookdesk.model.Operation;
import io.hookdesk.save.Masking;
import io.hookdesk.save.SaveOutcome;
import io.hookdesk.save.SaveResult;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What the hook failure dialog shows: which hook, how it ended, that the change was rolled back, its output and the
 * environment it was given. Secrets are masked here, before anything reaches a screen.
 *
 * @param reprovision the hook was run again for a record as it is ("Run hook again"): there was no change to roll back
 */
public record HookFailureReport(String hookName, Path hookPath, String headline, String reason, Integer exitCode,
                                boolean cancelled, String stdout, String stderr, Duration duration,
                                SortedMap<String, String> environment, boolean reprovision) {

    public static HookFailureReport of(SaveResult r) {
        HookOutcome hook = r.hook();
        Map<String, String> env = r.environment() == null ? Map.of() : r.environment();
        String hookName = r.table().hookName();
        String reason = hook == null ? r.message() : hook.reason();
        String headline = hookName + " " + reason + ". The change was rolled back: the database still holds the old values.";
        boolean reprovision = r.operation() == Operation.REPROVISION;
        if (r.outcome() == SaveOutcome.CANCELLED) {
            headline = "You cancelled " + hookName + " (" + reason + "). The change was rolled back: the database still holds "
                    + "the old values.";
        }
        if (reprovision) {
            headline = (r.outcome() == SaveOutcome.CANCELLED ? "You cancelled " + hookName + " run again (" + reason + ")."
                    : hookName + " " + reason + " when run again.") + " The record itself is unchanged.";
        }
        return new HookFailureReport(hookName, r.hookStatus() == null ? null : r.hookStatus().path(), headline, reason,
                hook == null ? null : hook.exitCode(), r.outcome() == SaveOutcome.CANCELLED,
                hook == null ? "" : Masking.output(r.table(), env, hook.stdout()),
                hook == null ? "" : Masking.output(r.table(), env, hook.stderr()),
                // The attempt's one measured duration, the one History records: they disagreed (62 vs 86 ms).
                r.duration() != null ? r.duration() : hook == null ? null : hook.duration(),
                new TreeMap<>(Masking.environment(r.table(), env)), reprovision);
    }
}
