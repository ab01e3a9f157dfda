/**
 * How the desktop keeps the FX thread free: one {@link io.hookdesk.ui.task.TaskExecutor} interface through which
 * every database read, save and hook run goes, a background implementation for the application and a same-thread
 * one for view-model tests.
 */
package io.hookdesk.ui.task;
