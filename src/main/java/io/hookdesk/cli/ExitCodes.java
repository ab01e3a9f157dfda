package io.hookdesk.cli;

import io.hookdesk.save.SaveOutcome;

/**
 * The exit codes operators script against. Documented in {@code src/docs/command-line.md} ("Exit codes"); never
 * renumber them.
 * <ul>
 *   <li>0: done (committed, or nothing to do)</li>
 *   <li>1: HookDesk itself failed (a bug: the message says so)</li>
 *   <li>2: bad input, nothing changed: unknown table, column or option, a value that does not parse,
 *       a constraint the value breaks, a record number that does not exist</li>
 *   <li>3: the hook stopped the change: it failed, timed out or was refused (not executable, unsafe permissions);
 *       rolled back and logged to hooks.log</li>
 *   <li>4: the database: a conflict, an error, unreachable, or a commit that failed after the hook succeeded</li>
 *   <li>5: a change that did not commit could not be logged (the log file is refused or unwritable): its lines on
 *       stderr are the only record</li>
 * </ul>
 */
final class ExitCodes {

    static final int OK = 0;
    static final int INTERNAL = 1;
    static final int BAD_INPUT = 2;
    static final int HOOK = 3;
    static final int DATABASE = 4;
    /** The change did not commit, as the message says, and the log file could not be written: stderr is all there is. */
    static final int NOT_LOGGED = 5;

    private ExitCodes() {
    }

    static int of(SaveOutcome outcome) {
        return switch (outcome) {
            case COMMITTED, PREVIEWED -> OK;
            case INVALID, NOT_FOUND -> BAD_INPUT;
            // A refused hook is a broken hook installation: like a failing hook, it is fixed in the hooks directory,
            // and retrying the same change without fixing it never helps.
            case HOOK_FAILED, CANCELLED, HOOK_REFUSED -> HOOK;
            case CONFLICT, DATABASE_ERROR, COMMIT_FAILED_AFTER_HOOK -> DATABASE;
        };
    }

    /** The most urgent of two codes, for a run of many changes: hook problems first, then database, then input. */
    static int worst(int a, int b) {
        return rank(a) >= rank(b) ? a : b;
    }

    private static int rank(int code) {
        return switch (code) {
            case OK -> 0;
            case BAD_INPUT -> 1;
            case DATABASE -> 2;
            case HOOK -> 3;
            case NOT_LOGGED -> 4;
            default -> 5;
        };
    }
}
