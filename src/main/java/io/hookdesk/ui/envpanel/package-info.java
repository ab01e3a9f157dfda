/**
 * The environment panel: the exact variables a {@code <table>_hook} will see for the change being typed, recomputed
 * on each edit with the save path's own preview ({@link io.hookdesk.save.HookPreview}), with which hook will run or
 * why none will, and "Copy as shell" to reproduce the run in a terminal.
 */
package io.hookdesk.ui.envpanel;
