/**
 * The one save path, for the desktop and the command line alike ({@link io.hookdesk.save.SaveService}): lock and
 * write the row, build the environment, run the hook inside the open transaction, commit on exit 0 and roll back on
 * anything else, record the attempt in the audit, mask secrets in what is shown, and write failures nobody watched to
 * the log ({@link io.hookdesk.save.FailureLog}). Runs of one hook are kept apart across workstations here
 * ({@link io.hookdesk.save.HookSerialization}).
 *
 * <p>May use: {@code hook}, {@code hook.run}, {@code db} and its sub-packages, {@code model}.
 */
package io.hookdesk.save;
