package io.hookdesk.model;

import java.time.Instant;

/**
 * One recorded save attempt from {@code hookdesk.hook_run}: who saved what, whether a hook ran and how it ended.
 * Secrets are already masked in the stored environment and output.
 *
 * @param csr    the label the person gave (the connect dialog's name, {@code --csr}); said, not proven
 * @param dbUser the database login that wrote the row, as the database recorded it (empty before it is written)
 * @param hookRunner where the hook ran or would have: {@code local}, {@code account:hookdesk-hooks},
 *                   {@code ssh://billing/usr/local/billmax/local}; {@code local} on rows from before hook.runner
 *                   existed (every hook ran there); null on a row not yet written that asked no hook host
 * @param cascadeId the account-wide action this run belongs to (its runs and compensations share it), or null
 */
public record HookRun(long id, String table, Long number, String operation, String csr, String dbUser, String origin,
                      Instant startedAt, long durationMs, String hookPath, Integer exitCode, Integer signal,
                      String outcome, String message, String stdout, String stderr, String environment,
                      String hookRunner, String cascadeId) {

    /** An attempt that says nothing of where its hook ran, of a save of its own (not part of a cascade). */
    public HookRun(long id, String table, Long number, String operation, String csr, String dbUser, String origin,
                   Instant startedAt, long durationMs, String hookPath, Integer exitCode, Integer signal,
                   String outcome, String message, String stdout, String stderr, String environment) {
        this(id, table, number, operation, csr, dbUser, origin, startedAt, durationMs, hookPath, exitCode, signal,
                outcome, message, stdout, stderr, environment, null, null);
    }

    /** The same run, as part of the cascade {@code id}. */
    public HookRun inCascade(String id) {
        return new HookRun(this.id, table, number, operation, csr, dbUser, origin, startedAt, durationMs, hookPath,
                exitCode, signal, outcome, message, stdout, stderr, environment, hookRunner, id);
    }
}
