package io.hookdesk.model;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * How a recorded attempt ended, as {@code hookdesk.hook_run.outcome} holds it: the one list of these words, for the
 * save path that writes them, the store, the supervisor's history (its filter and colours) and the failure log.
 * Operators query for the words ({@code WHERE outcome = 'timed_out'}): they never change.
 */
public enum AuditOutcome {
    /** Written before the hook starts, in the save's transaction, and completed by the same transaction. */
    RUNNING("running", Tone.PLAIN),
    /** Committed; the hook ran and exited 0. */
    COMMITTED("committed", Tone.GOOD),
    /** Committed; the fire policy did not run the hook. */
    SKIPPED("skipped", Tone.GOOD),
    /** Committed; the table has no hook installed. */
    NO_HOOK("no_hook", Tone.GOOD),
    /** The hook failed or was killed: rolled back. */
    ROLLED_BACK("rolled_back", Tone.ALARM),
    /** The hook ran out of time and was stopped: rolled back. */
    TIMED_OUT("timed_out", Tone.ALARM),
    /** The person cancelled: rolled back. */
    CANCELLED("cancelled", Tone.PLAIN),
    /** The hook may not run (or the hooks directory is unusable): nothing written. */
    REFUSED("refused", Tone.ALARM),
    /** Someone else saved the record first: nothing written. */
    CONFLICT("conflict", Tone.PLAIN),
    /** Bad input, or a value the database refused: nothing written. */
    INVALID("invalid", Tone.PLAIN),
    /** No such record (or not visible to the login). */
    NOT_FOUND("not_found", Tone.PLAIN),
    /** The database failed before the hook ran: nothing written. */
    DATABASE_ERROR("database_error", Tone.ALARM),
    /** The hook succeeded but the commit failed: the provisioned system may be ahead of the database. */
    COMMIT_FAILED("commit_failed", Tone.ALARM, "commit failed after hook"),
    /** A cascade's earlier hook was run again with the change reversed, before the cascade rolled back. */
    COMPENSATED("compensated", Tone.PLAIN),
    /** Undoing a cascade's earlier hook failed: someone must follow it up (a FOLLOW UP line), so it is an alarm. */
    COMPENSATION_FAILED("compensation_failed", Tone.ALARM);

    /**
     * How the history shows an outcome: good (committed), an alarm (a failure an operator should look at), or plain
     * (conflicts, cancellations and bad input are the CSR's to sort out, not alarms).
     */
    public enum Tone { GOOD, ALARM, PLAIN }

    private final String word;
    private final Tone tone;
    private final String label;

    AuditOutcome(String word, Tone tone) {
        this(word, tone, word.replace('_', ' '));
    }

    AuditOutcome(String word, Tone tone, String label) {
        this.word = word;
        this.tone = tone;
        this.label = label;
    }

    /** The word stored in {@code hookdesk.hook_run.outcome}. */
    public String word() {
        return word;
    }

    /** The outcome for people, as the failure log says it ("timed out", "commit failed after hook"). */
    public String label() {
        return label;
    }

    public Tone tone() {
        return tone;
    }

    /** The outcome stored as {@code word}; empty for a word this version does not know. */
    public static Optional<AuditOutcome> of(String word) {
        return Arrays.stream(values()).filter(o -> o.word.equals(word)).findFirst();
    }

    /** The words an attempt ends with, for a filter: all but {@link #RUNNING}, in this order. */
    public static List<String> endings() {
        return Arrays.stream(values()).filter(o -> o != RUNNING).map(AuditOutcome::word).toList();
    }
}
