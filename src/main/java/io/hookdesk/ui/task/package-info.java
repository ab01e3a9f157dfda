/**
 * How the desktop keeps the FX thread free: one {@link io.hookdesk.ui.task.TaskExecutor} interface through which
 * every database read, save and hook run goes, the background implementation the application uses ({@link
 * io.hookdesk.ui.task.FxTaskExecutor}); view-model tests bring a same-thread one of their own.
 */
package io.hookdesk.ui.task;
