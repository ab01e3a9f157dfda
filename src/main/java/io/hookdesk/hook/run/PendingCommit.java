package io.hookdesk.hook.run;

import io.hookdesk.model.HookCancellation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A hook run whose success is to be committed: given to {@link HookRunner#run(Path, java.util.Map, Path,
 * HookCancellation, PendingCommit)} by the save that runs the hook inside its transaction. When the hook exits 0,
 * the runner writes that into the run's marker in {@code hooks-running/} and forces it to disk before returning, so the
 * outcome is on record before the commit is even tried; the marker then stays until the save {@link #close closes}
 * this, after the commit (or its failure, which the save reports itself). A HookDesk killed in between leaves the
 * marker, and the next start reports exactly that the hook provisioned, and whether the database committed the change
 * ({@link InFlightHooks#reportAbandoned}): it asks the database about the transaction named here.
 *
 * <p>One per run, used by the thread that runs the hook; {@link #close} may be called more than once.
 */
public final class PendingCommit implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PendingCommit.class);

    private final Supplier<String> transaction;
    private volatile String transactionId;
    private volatile Path marker;
    /** For a run on a hook runner: tells it the commit is over, so that it removes its marker. */
    private volatile Runnable onClose;

    /**
     * @param transaction names the save's database transaction, as the database can be asked about it later; called
     *                    once, while the hook runs (its answer costs the save no time of its own). An exception or null
     *                    means the next start will not be able to say whether the change committed.
     */
    public PendingCommit(Supplier<String> transaction) {
        this.transaction = Objects.requireNonNull(transaction, "transaction");
    }

    void learnTransaction() {
        try {
            String id = transaction.get();
            if (id != null) {
                transactionId = id;
            }
        } catch (RuntimeException e) {
            LOG.warn("could not learn the save's transaction id; if HookDesk is killed before the commit, the next start "
                    + "cannot say whether it committed: {}", e.toString());
        }
    }

    /**
     * A hook runner's: the transaction its client names, which may come after the hook exited 0 and its marker was
     * written (InFlightHooks.exitedZero holds this object while it writes): then it is added to the marker.
     */
    synchronized void learnLater(String id) {
        if (transactionId != null || id == null) {
            return;
        }
        transactionId = id;
        Path m = marker;
        if (m != null) {
            try {
                InFlightHooks.append(m, "transaction=" + id + "\n");
            } catch (IOException e) {
                LOG.warn("could not add transaction {} to {}", id, m, e);
            }
        }
    }

    void onClose(Runnable action) {
        this.onClose = action;
    }

    /** The transaction learnt while the hook ran, or null. */
    public String transactionId() {
        return transactionId;
    }

    void attach(Path marker) {
        this.marker = marker;
    }

    /** The marker that records the pending commit, while it does (for tests). */
    Path marker() {
        return marker;
    }

    /** The commit is over (done or failed, and said so by the save): the run's marker goes. */
    @Override
    public void close() {
        Runnable action = onClose;
        onClose = null;
        if (action != null) {
            action.run();
        }
        Path m = marker;
        marker = null;
        if (m != null) {
            try {
                Files.deleteIfExists(m);
            } catch (IOException e) {
                LOG.warn("could not remove {}: the next start will report a commit that was in fact confirmed", m, e);
            }
        }
    }
}
