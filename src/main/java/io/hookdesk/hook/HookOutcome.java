package io.hookdesk.hook;

import java.time.Duration;

/**
 * How one run of a hook ended. Only {@link Kind#EXITED} with exit code 0 is a success.
 *
 * @param exitCode  the exit code when the process exited, else null
 * @param signal    the signal number when the process was killed by a signal (or the shell reported 128+n), else null
 * @param reason    a sentence for people: "exited with status 1", "killed by signal 9 (KILL)", "timed out after 60 s",
 *                  "could not start: /usr/bin/perl: not found"
 * @param stdout    captured standard output (capped: head and tail kept with a marker between)
 * @param stderr    captured standard error (capped likewise)
 */
public record HookOutcome(Kind kind, Integer exitCode, Integer signal, Duration duration,
                          String stdout, String stderr, String reason) {

    public enum Kind { EXITED, SIGNALLED, TIMED_OUT, CANCELLED, START_FAILED }

    public boolean succeeded() {
        return kind == Kind.EXITED && exitCode != null && exitCode == 0;
    }
}
