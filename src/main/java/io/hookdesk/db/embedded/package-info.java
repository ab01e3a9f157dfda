/**
 * The embedded PostgreSQL, one per HookDesk home and shared by every HookDesk process on it: unpacking the binaries
 * ({@link io.hookdesk.db.embedded.PostgresBinaries}), creating and starting the cluster with PostgreSQL's own tools
 * ({@link io.hookdesk.db.embedded.PostgresCluster}), knowing who uses it ({@link io.hookdesk.db.embedded.HomeLock}),
 * stopping it when the last user dies ({@link io.hookdesk.db.embedded.ServerGuard}), its password
 * ({@link io.hookdesk.db.embedded.EmbeddedCredentials}) and the environment its processes get
 * ({@link io.hookdesk.db.embedded.ChildEnvironment}). {@link io.hookdesk.db.embedded.EmbeddedServer} is the face.
 *
 * <p>May use: {@code db}, {@code model}, {@code os}.
 */
package io.hookdesk.db.embedded;
