/**
 * What HookDesk's records are, with no database, process or screen in sight: the hooked tables, rows,
 * column metadata, the related records each hook receives, which columns are secrets, how typed text becomes a value,
 * and how a value is written as text ({@link io.hookdesk.model.EnvValues}: a hook's variable, a field, a list cell,
 * one safe line). Also the plain values of hooks that the desktop shows and every layer passes along: whether a save
 * runs its hook ({@link io.hookdesk.model.FireDecision}), what the hooks directory holds for a table
 * ({@link io.hookdesk.model.HookStatus}), how a run ended ({@link io.hookdesk.model.HookOutcome}) and the Cancel
 * token ({@link io.hookdesk.model.HookCancellation}). Finding, starting and signalling hooks is {@code hook.run}'s.
 *
 * <p>May use: the JDK only.
 */
package io.hookdesk.model;
