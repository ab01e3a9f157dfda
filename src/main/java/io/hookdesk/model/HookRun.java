package io.hookdesk.model;

import java.time.Instant;

/**
 * One recorded save attempt from {@code hookdesk.hook_run}: who saved what, whether a hook ran and how it ended.
 * Secrets are already masked in the stored environment and output.
 *
 * @param csr    the label the person gave (the connect dialog's name, {@code --csr}); said, not proven
 * @param dbUser the database login that wrote the row, as the database recorded it (empty before it is written)
 */
public record HookRun(long id, String table, Long number, String operation, String csr, String dbUser, String origin,
                      Instant startedAt, long durationMs, String hookPath, Integer exitCode, Integer signal,
                      String outcome, String message, String stdout, String stderr, String environment) {
}
