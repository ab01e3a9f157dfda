package io.hookdesk.app;

import io.hookdesk.ui.connect.ConnectionRequest;
import io.hookdesk.ui.connect.Connector;
import io.hookdesk.ui.connect.Session;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A connector that starts opening the start-up database when told ({@link #start()}), on a thread of its own, and
 * hands that session to the window's first request for the same database. Starting the embedded server and loading
 * Flyway and jOOQ then overlap the building of the main window instead of following it. Any other request opens as
 * usual.
 */
final class EarlyFirstConnection implements Connector {

    private final Connector opener;
    private final ConnectionRequest first;
    private final CompletableFuture<Session> early;
    private final AtomicBoolean taken = new AtomicBoolean();
    private final AtomicBoolean started = new AtomicBoolean();

    EarlyFirstConnection(Connector opener, ConnectionRequest first) {
        this.opener = opener;
        this.first = first;
        this.early = new CompletableFuture<>();
    }

    /** Starts opening the first database on a thread of its own; again does nothing. */
    void start() {
        if (!started.compareAndSet(false, true)) {
            return;
        }
        Thread t = new Thread(() -> {
            try {
                early.complete(opener.open(first));
            } catch (RuntimeException e) {
                early.completeExceptionally(e);
            }
        }, "hookdesk-open-first-database");
        t.setDaemon(true);
        t.start();
    }

    /** Waits until the early open has finished, however it ended, so that what it opened can be closed. */
    void settle() {
        if (!started.get()) {
            return;
        }
        try {
            early.join();
        } catch (CompletionException | CancellationException e) {
            // it failed: nothing was opened
        }
    }

    @Override
    public Session open(ConnectionRequest request) {
        if (request.equals(first) && taken.compareAndSet(false, true)) {
            start();
            try {
                return early.join();
            } catch (CompletionException e) {
                // The window shows the opener's own message ("cannot start the embedded PostgreSQL ..."), not a wrapper's.
                throw e.getCause() instanceof RuntimeException r ? r : e;
            }
        }
        return opener.open(request);
    }
}
