package io.hookdesk.model;

import java.time.Duration;

/**
 * How one run of a hook ended. Only {@link Kind#EXITED} with exit code 0 is a success.
 *
 * @param exitCode  the exit code when the process exited, else null
 * @param signal    the signal number when the process was killed by a signal, or when it exited with 128+n, which is
 *                  how Java and shells report a death by signal n (see {@code hook.run.HookRunner} on why both look
 *                  alike), else null
 * @param reason    a sentence for people: "exited with status 1",
 *                  "exited with status 137 (128+9: probably killed by signal 9, KILL)", "timed out after 60 s",
 *                  "could not start: setsid: failed to execute ...; the interpreter /usr/bin/perl named in the #! line
 *                  of ... does not exist"
 * @param stdout    captured standard output (capped: head and tail kept with a marker between)
 * @param stderr    captured standard error (capped likewise)
 */
public record HookOutcome(Kind kind, Integer exitCode, Integer signal, Duration duration,
                          String stdout, String stderr, String reason) {

    /**
     * How the run ended. There is no "killed by a signal": Java's process API cannot tell a death by signal n from
     * {@code exit 128+n}, so both are {@code EXITED} with {@link #signal()} set.
     */
    public enum Kind { EXITED, TIMED_OUT, CANCELLED, START_FAILED }

    public boolean succeeded() {
        return kind == Kind.EXITED && exitCode != null && exitCode == 0;
    }
}
