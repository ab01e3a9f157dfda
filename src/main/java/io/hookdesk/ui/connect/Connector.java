package io.hookdesk.ui.connect;

/**
 * Opens a database and wires the services on it. Implemented by the composition root; it blocks (starting the
 * embedded server takes seconds), so it is only ever called through the task executor.
 */
@FunctionalInterface
public interface Connector {

    /** @throws RuntimeException with a message a person can act on when the database cannot be used */
    Session open(ConnectionRequest request);
}
