/**
 * Running a hook: where hooks run ({@link io.hookdesk.hook.run.HookHost}: this workstation, or HookDesk's own runner
 * reached through sudo or SSH, {@link io.hookdesk.hook.run.RemoteHookHost}, whose far side is
 * {@link io.hookdesk.hook.run.HookServer}), finding {@code <table>_hook} and checking that nobody else could have changed it
 * ({@link io.hookdesk.hook.run.HookLocator}), starting it in a process group of its own with a timeout, cancellation
 * and capped output ({@link io.hookdesk.hook.run.HookRunner}), signalling that group even when HookDesk dies
 * ({@link io.hookdesk.hook.run.GroupSignaller}), and recording runs in flight so the next start can say what a killed
 * HookDesk left behind ({@link io.hookdesk.hook.run.InFlightHooks}).
 *
 * <p>May use: {@code hook}, {@code model}, {@code os}. Never the database or the screen.
 */
package io.hookdesk.hook.run;
