package io.hookdesk.ui;

import io.hookdesk.model.Failures;
import io.hookdesk.save.SaveOutcome;
import io.hookdesk.save.SaveResult;
import io.hookdesk.save.SaveService;
import io.hookdesk.ui.connect.Session;
import io.hookdesk.ui.task.TaskExecutor;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Notices a database that went away (and a hooks directory that did), for the status bar, instead of leaving the CSR
 * to find out from a failed save.
 *
 * <p>While a session is open, a thread of its own asks the database {@code SELECT 1} through the session's pool every
 * period (15 s in the application), and at once when a background task fails or a save ends in a database error. Not
 * on the task executor: its count is the status bar's "Working…", which would then flash every 15 s. When the check
 * fails, {@link #problemProperty()} says since when the database is unreachable and {@link #detailProperty()} why;
 * both go back to empty by themselves when a later check succeeds. While the database is unreachable it is asked
 * every {@link #WHILE_DOWN} instead (a primary failover is over within seconds, and the CSR should not wait out the
 * period to see it). The thread stops when the session is replaced or the window closes ({@link #stop()}).
 *
 * <p>Once the database answers again after an outage, {@link #serverProperty()} says which server answered and since
 * when: with a multi-host URL ({@code targetServerType=primary}) after a failover that is the promoted standby, so the
 * CSR sees the blip end on the new primary.
 */
public final class DatabaseStatus {

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseStatus.class);
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("HH:mm");
    private static final DateTimeFormatter SECOND = DateTimeFormatter.ofPattern("HH:mm:ss");
    /** How often an unreachable database is asked again (the period, when that is shorter). */
    static final Duration WHILE_DOWN = Duration.ofSeconds(2);

    private final Clock clock;
    private final ZoneId zone;
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper(this, "problem", "");
    private final ReadOnlyStringWrapper detail = new ReadOnlyStringWrapper(this, "detail", "");
    private final ReadOnlyStringWrapper hooksProblem = new ReadOnlyStringWrapper(this, "hooksProblem", "");
    private final ReadOnlyStringWrapper server = new ReadOnlyStringWrapper(this, "server", "");
    /** How often to ask, and where to publish what was found (the FX thread); null until {@link #checkEvery}. */
    private Duration period;
    private Executor fx;
    private Session session;
    private Watch watch;

    /** @param zone the CSR's time zone, for "unreachable since 14:02" */
    public DatabaseStatus(Clock clock, ZoneId zone) {
        this.clock = clock;
        this.zone = zone;
    }

    /**
     * Checks the session's database every {@code period}, publishing through {@code fx} (in the application
     * {@code Platform::runLater}). Until this is called nothing is checked (view model tests need no thread).
     */
    public void checkEvery(Duration period, Executor fx) {
        this.period = period;
        this.fx = fx;
        watch(session);
    }

    /** Watches {@code opened} (null: none) from now on; what was found about the previous session is forgotten. */
    void watch(Session opened) {
        if (watch != null) {
            watch.stop();
            watch = null;
        }
        session = opened;
        problem.set("");
        detail.set("");
        server.set("");
        hooksProblem.set(opened == null ? "" : hooksProblemOf(opened));
        if (opened != null && period != null) {
            watch = new Watch(opened, period, fx);
        }
    }

    /** The window closed: no more checks. */
    public void stop() {
        watch(null);
    }

    /** Something failed that a lost database would explain: check now rather than at the next period. */
    void suspect() {
        if (watch != null) {
            watch.checkNow();
        }
    }

    /**
     * Work failed because the database could not be reached at all (the pool found no connection): that is already
     * the answer a check would give after its own wait, so the status bar says so at once, and checks go on as usual
     * (the next one that succeeds clears it).
     */
    void unreachable(String reason) {
        if (watch != null) {
            watch.down(reason);
        }
    }

    /** "Database unreachable since 14:02 — reconnecting…", or empty while the database answers. */
    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    /**
     * Why the session's hooks directory cannot be used (every save is refused meanwhile), or empty. Looked at when the
     * session opens and again at every check, so a directory removed, unmounted or made unreadable during the day
     * shows in the status bar before a CSR's save is refused, and clears by itself once it is back.
     */
    public ReadOnlyStringProperty hooksProblemProperty() {
        return hooksProblem.getReadOnlyProperty();
    }

    private static String hooksProblemOf(Session session) {
        String why = session.saves().hookHostProblem();
        return why == null ? "" : why;
    }

    /**
     * After the database answered again following an outage: which server answered and since when ("127.0.0.1:5433
     * since 14:05"), as the server itself says its address and port. Empty until the first outage of the session ends.
     */
    public ReadOnlyStringProperty serverProperty() {
        return server.getReadOnlyProperty();
    }

    /** Why, and what to do meanwhile (the status bar's tooltip); empty while the database answers. */
    public ReadOnlyStringProperty detailProperty() {
        return detail.getReadOnlyProperty();
    }

    /**
     * {@code inner}, telling this status about work that failed: a task that threw, or a save that ended in a database
     * error. Either may be the first sign of a lost database.
     */
    TaskExecutor noticingFailuresOf(TaskExecutor inner) {
        return new TaskExecutor() {
            @Override
            public <T> void execute(String title, Callable<T> work, Consumer<? super T> onSuccess,
                                    Consumer<Throwable> onFailure) {
                inner.execute(title, work, result -> {
                    if (result instanceof SaveResult r && r.outcome() == SaveOutcome.DATABASE_ERROR
                            && r.message() != null && r.message().startsWith(SaveService.UNREACHABLE)) {
                        unreachable(r.message().substring(SaveService.UNREACHABLE.length()).replaceAll("^ \\(|\\)\\..*$", ""));
                    } else if (result instanceof SaveResult r && (r.outcome() == SaveOutcome.DATABASE_ERROR
                            || r.outcome() == SaveOutcome.COMMIT_FAILED_AFTER_HOOK)) {
                        suspect();
                    }
                    onSuccess.accept(result);
                }, error -> {
                    if (Failures.unreachable(error)) {
                        unreachable(Failures.rootMessage(error));
                    } else {
                        suspect();
                    }
                    onFailure.accept(error);
                });
            }

            @Override
            public ReadOnlyIntegerProperty runningProperty() {
                return inner.runningProperty();
            }

            @Override
            public void shutdown() {
                inner.shutdown();
            }
        };
    }

    /** On the FX thread: the database answers again, from {@code answered} ({@code host:port}). */
    private void back(Watch from, Instant at, String answered) {
        if (from == watch) {
            server.set(answered + " since " + MINUTE.format(at.atZone(zone)));
        }
    }

    /** On the FX thread: what the last check found changed. */
    private void show(Watch from, Instant since, String reason) {
        if (from != watch) {
            return;   // a check of a session no longer shown
        }
        if (since == null) {
            problem.set("");
            detail.set("");
            return;
        }
        detail.set("Since " + SECOND.format(since.atZone(zone)) + " HookDesk cannot reach " + from.session.databaseDescription()
                + ": " + reason + ".\nIt asks again every " + from.whileDown().toSeconds() + " s and this goes away by itself once the "
                + "database answers. Until then searches and saves fail; what you typed stays in the form, so save again "
                + "when the status bar shows the database again. If it lasts: with HookDesk's own (embedded) database, quit "
                + "HookDesk and start it again; with a server, tell whoever looks after it or the network.");
        problem.set("Database unreachable since " + MINUTE.format(since.atZone(zone)) + " — reconnecting…");
    }

    /** The checks of one session, on a daemon thread of their own. */
    private final class Watch {

        private final Session session;
        private final Duration every;
        private final Executor publishTo;
        private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "hookdesk-database-check");
            t.setDaemon(true);
            return t;
        });
        private final AtomicBoolean queued = new AtomicBoolean();
        /** A check is scheduled {@link #whileDown} after the last one that found the database unreachable. */
        private final AtomicBoolean retrying = new AtomicBoolean();
        /**
         * Since when the database has not answered, or null: set by the checks, and at once by work that found no
         * connection ({@link #down}, on the FX thread), which must not wait behind a check in progress.
         */
        private final AtomicReference<Instant> down = new AtomicReference<>();
        private volatile String reason;

        Watch(Session session, Duration every, Executor publishTo) {
            this.session = session;
            this.every = every;
            this.publishTo = publishTo;
            long ms = Math.max(1, every.toMillis());
            thread.scheduleWithFixedDelay(this::check, ms, ms, TimeUnit.MILLISECONDS);
        }

        /** Down since now, unless it already was; said at once. */
        void down(String why) {
            Instant now = clock.instant();
            if (!thread.isShutdown() && down.compareAndSet(null, now)) {
                reason = why;
                LOG.warn("{} is unreachable: {}", session.databaseDescription(), why);
                publish(now, why);
                retrySoon();
            }
        }

        /** The period, or {@link #WHILE_DOWN} when that is shorter: how often an unreachable database is asked. */
        Duration whileDown() {
            return every.compareTo(WHILE_DOWN) < 0 ? every : WHILE_DOWN;
        }

        /** While the database is down, the next check comes after {@link #whileDown}, not the whole period. */
        private void retrySoon() {
            if (retrying.compareAndSet(false, true)) {
                try {
                    thread.schedule(() -> {
                        retrying.set(false);
                        check();
                    }, Math.max(1, whileDown().toMillis()), TimeUnit.MILLISECONDS);
                } catch (RejectedExecutionException stopped) {
                    retrying.set(false);
                }
            }
        }

        void checkNow() {
            if (queued.compareAndSet(false, true)) {
                try {
                    thread.execute(() -> {
                        queued.set(false);
                        check();
                    });
                } catch (RejectedExecutionException stopped) {
                    queued.set(false);
                }
            }
        }

        private void check() {
            String hooks = hooksProblemOf(session);
            publishTo.execute(() -> {
                if (this == watch) {
                    hooksProblem.set(hooks);
                }
            });
            String failure = null;
            String answered = null;
            try {
                answered = session.records().checkReachable();
            } catch (RuntimeException e) {
                if (Failures.poolBusy(e)) {
                    // Every connection of this desk's budget is held by its own work (saves whose hooks run, a long
                    // search): the database answers them, so this is not a lost database; the next check asks again.
                    if (down.get() != null) {
                        retrySoon();
                    }
                    return;
                }
                failure = Failures.rootMessage(e);
            }
            if (thread.isShutdown()) {
                return;
            }
            Instant since = down.get();
            if (failure == null && since != null) {
                LOG.info("{} answers again from {} (unreachable since {})", session.databaseDescription(), answered, since);
                down.set(null);
                reason = null;
                publish(null, null);
                String server = answered;
                Instant at = clock.instant();
                publishTo.execute(() -> back(this, at, server));
            } else if (failure != null && (since == null || !failure.equals(reason))) {
                if (down.compareAndSet(null, clock.instant())) {
                    LOG.warn("{} is unreachable: {}", session.databaseDescription(), failure);
                }
                reason = failure;
                publish(down.get(), failure);
            }
            if (failure != null) {
                retrySoon();
            }
        }

        private void publish(Instant since, String why) {
            publishTo.execute(() -> show(this, since, why));
        }

        void stop() {
            thread.shutdownNow();
        }
    }
}
