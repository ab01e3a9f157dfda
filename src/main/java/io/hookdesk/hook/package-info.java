/**
 * The provisioning hooks: finding {@code <table>_hook} and checking it is safe to run ({@link io.hookdesk.hook.HookLocator}),
 * deciding whether a save runs it ({@link io.hookdesk.hook.FirePolicy}), describing the change as an environment
 * ({@link io.hookdesk.hook.HookEnvironment}, the same function for the preview and the run), and running it in a
 * process group of its own with a timeout, cancellation and capped output ({@link io.hookdesk.hook.HookRunner}).
 * Nothing here touches the database or the screen.
 */
package io.hookdesk.hook;
