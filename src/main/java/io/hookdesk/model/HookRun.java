package io.hookdesk.model;

import java.time.Instant;

/**
 * One recorded save attempt from {@code hookdesk.hook_run}: who saved what, whether a hook ran and how it ended.
 * Secrets are already masked in the stored environment and output.
 *
 * @param csr    the label the person gave (the connect dialog's name, {@code --csr}); said, not proven
 * @param dbUser the database login that wrote the row, as the database recorded it (empty before it is written)
 * @param cascadeId the account-wide action this run belongs to (its runs and compensations share it), or null
 */
public record HookRun(long id, String table, Long number, String operation, String csr, String dbUser, String origin,
                      Instant startedAt, long durationMs, String hookPath, Integer exitCode, Integer signal,
                      String outcome, String message, String stdout, String stderr, String environment,
                      String cascadeId) {

    /** A run of a save of its own, not part of a cascade. */
    public HookRun(long id, String table, Long number, String operation, String csr, String dbUser, String origin,
                   Instant startedAt, long durationMs, String hookPath, Integer exitCode, Integer signal,
                   String outcome, String message, String stdout, String stderr, String environment) {
        this(id, table, number, operation, csr, dbUser, origin, startedAt, durationMs, hookPath, exitCode, signal,
                outcome, message, stdout, stderr, environment, null);
    }

    /** The same run, as part of the cascade {@code id}. */
    public HookRun inCascade(String id) {
        return new HookRun(this.id, table, number, operation, csr, dbUser, origin, startedAt, durationMs, hookPath,
                exitCode, signal, outcome, message, stdout, stderr, environment, id);
    }
}
