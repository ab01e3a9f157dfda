/**
 * The hook contract, pure: whether a save runs the hook ({@link io.hookdesk.hook.FirePolicy}), the environment that
 * describes the change ({@link io.hookdesk.hook.HookEnvironment}, one function for the preview and the run), how a
 * value is written into a variable ({@link io.hookdesk.model.EnvValues}) and what a run's outcome means
 * ({@link io.hookdesk.hook.HookOutcome}). No processes, no database, no screen: everything here is tested without one.
 * Running a hook is {@code hook.run}'s.
 *
 * <p>May use: {@code model}.
 */
package io.hookdesk.hook;
