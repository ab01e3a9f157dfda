/**
 * Connecting: the embedded database by default or a PostgreSQL server, remembered profiles without passwords
 * ({@code $HOOKDESK_HOME/profiles.properties}), the CSR's login name, and the {@link io.hookdesk.ui.connect.Session}
 * an open connection gives the rest of the desktop.
 */
package io.hookdesk.ui.connect;
