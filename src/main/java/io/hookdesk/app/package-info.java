/**
 * The composition root: {@link io.hookdesk.app.Main} reads the settings ({@link io.hookdesk.app.AppConfig}), opens the
 * database, builds the services and hands them to the desktop or the command line. Nothing else constructs a
 * service; nothing here holds business logic.
 *
 * <p>May use: everything.
 */
package io.hookdesk.app;
