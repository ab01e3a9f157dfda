package io.hookdesk.ui.dialogs;

import io.hookdesk.model.HookOutcome;
import io.hookdesk.save.Masking;
import io.hookdesk.save.SaveResult;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What a hook that ran for a saved change printed, and how it ended: what "Show output" in a save's notification
 * opens. Secrets are masked here, before anything reaches a screen.
 *
 * @param title    what was saved and by which hook, e.g. "service_hook for service 12"
 * @param hookPath the script that ran, or its name when the path is not known
 * @param status   the runner's sentence: "exited with status 0"
 */
public record HookOutput(String title, String hookPath, String status, String stdout, String stderr, Duration duration) {

    /** The output of the hook this save ran; empty when no hook ran (none installed, or the fire policy skipped it). */
    public static Optional<HookOutput> of(SaveResult r) {
        HookOutcome hook = r.hook();
        if (hook == null) {
            return Optional.empty();
        }
        Map<String, String> env = r.environment() == null ? Map.of() : r.environment();
        String hookName = r.table().hookName();
        String path = r.hookStatus() == null || r.hookStatus().path() == null ? hookName : r.hookStatus().path().toString();
        return Optional.of(new HookOutput(hookName + " for " + r.table() + (r.number() == null ? "" : " " + r.number()),
                path, hook.reason(), Masking.output(r.table(), env, hook.stdout()),
                Masking.output(r.table(), env, hook.stderr()),
                // The attempt's one measured duration, as History records it (the two disagreed: 62 vs 86 ms).
                r.duration() != null ? r.duration() : hook.duration()));
    }

    /** "exit 0, 0.24 s": how the run ended, short enough for a notification. */
    public String summary() {
        String exit = status.startsWith("exited with status ") ? "exit " + status.substring("exited with status ".length()) : status;
        return duration == null ? exit : exit + ", " + seconds(duration);
    }

    private static String seconds(Duration d) {
        long ms = d.toMillis();
        return ms < 1000 ? ms + " ms" : String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
    }
}
