/**
 * The hook contract, pure: whether a save runs the hook ({@link io.hookdesk.hook.FirePolicy}), the environment that
 * describes the change ({@link io.hookdesk.hook.HookEnvironment}, one function for the preview and the run). How a
 * value is written into a variable ({@link io.hookdesk.model.EnvValues}), the fire decision
 * ({@link io.hookdesk.model.FireDecision}) and a run's outcome ({@link io.hookdesk.model.HookOutcome}) are plain values
 * in {@code model}, which the desktop shows without knowing this package. No processes, no database, no screen: everything here is tested without one.
 * Running a hook is {@code hook.run}'s.
 *
 * <p>May use: {@code model}.
 */
package io.hookdesk.hook;
