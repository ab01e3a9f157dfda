package io.hookdesk.app;

import io.hookdesk.db.ConnectionBudget;
import io.hookdesk.db.Database;
import io.hookdesk.model.Failures;
import io.hookdesk.model.HookedTable;
import io.hookdesk.model.Origin;
import io.hookdesk.records.LoadedRecord;
import io.hookdesk.save.FailureLog;
import io.hookdesk.save.SaveOutcome;
import io.hookdesk.save.SaveRequest;
import io.hookdesk.save.SaveResult;
import io.hookdesk.testing.HookScripts;
import io.hookdesk.testing.TestApp;
import io.hookdesk.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import static io.hookdesk.model.HookedTable.ACCOUNT;
import static io.hookdesk.model.HookedTable.SERVICE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One HookDesk process never holds more than its connection budget (issue 24 item 1), counted on the server in
 * {@code pg_stat_activity}: while the desktop does everything at once (two saves whose hooks take their time, a CSR
 * typing a search, suggestions, history, the status check), it holds at most three connections, and every piece of
 * that work still succeeds: nothing waits on its own pool until it gives up.
 */
class ConnectionBudgetTest {

    private static final Duration CEILING = Duration.ofMinutes(2);
    /** The desktop's task threads (DesktopEntry), and its status check on a thread of its own (DatabaseStatus). */
    private static final int DESKTOP_THREADS = 3;

    @TempDir
    Path dir;

    @Test
    void theDesktopDoingEverythingAtOnceHoldsAtMostItsBudgetOnTheServer() throws Exception {
        Database db = TestDatabase.withDemoData();
        String database = db.dsl().fetchValue("SELECT current_database()").toString();
        HookScripts hooks = new HookScripts(Files.createDirectories(dir.resolve("hooks")));
        Path release = dir.resolve("release");
        // Both hooks hold their saves (and so a connection each) until the test has seen everything else happen.
        String wait = "; n=0; while [ ! -e '" + release + "' ] && [ $n -lt 2400 ]; do sleep 0.05; n=$((n+1)); done; exit 0";
        hooks.install(SERVICE, "touch '" + dir.resolve("in-service") + "'" + wait);
        hooks.install(ACCOUNT, "touch '" + dir.resolve("in-account") + "'" + wait);
        Path home = Files.createDirectories(dir.resolve("home"));

        try (AppContext app = TestApp.wire(db, home, hooks.dir(), Duration.ofMinutes(3), FailureLog.NONE);
             Connection observer = DriverManager.getConnection(TestDatabase.url("postgres"), "postgres", null);
             PreparedStatement count = observer.prepareStatement(
                     "SELECT count(*) FROM pg_stat_activity WHERE datname = ? AND application_name LIKE 'hookdesk/%'")) {
            count.setString(1, database);
            ExecutorService desk = Executors.newFixedThreadPool(DESKTOP_THREADS);
            ExecutorService statusThread = Executors.newSingleThreadExecutor();
            AtomicBoolean stop = new AtomicBoolean();
            ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
            AtomicInteger checks = new AtomicInteger();
            AtomicInteger busyChecks = new AtomicInteger();
            AtomicInteger reads = new AtomicInteger();
            try {
                LoadedRecord service = app.records().load(SERVICE, 1).orElseThrow();
                LoadedRecord account = app.records().load(ACCOUNT, 2).orElseThrow();
                Future<SaveResult> serviceSave = desk.submit(() -> app.saves().save(SaveRequest.update(SERVICE, 1,
                        Map.of("d04", "budget"), service.version(), Origin.DESKTOP, "alice")));
                Future<SaveResult> accountSave = desk.submit(() -> app.saves().save(SaveRequest.update(ACCOUNT, 2,
                        Map.of("email", "budget@example.net"), account.version(), Origin.DESKTOP, "alice")));
                await("both saves in their hooks").atMost(CEILING).pollInterval(Duration.ofMillis(50))
                        .until(() -> hookRuns(dir) == 2);

                // The status check, as DatabaseStatus asks: a pool busy with this desk's own work is not a lost database.
                Future<?> status = statusThread.submit(() -> {
                    while (!stop.get()) {
                        try {
                            app.records().checkReachable();
                            checks.incrementAndGet();
                            Thread.sleep(10);
                        } catch (RuntimeException e) {
                            if (Failures.poolBusy(e)) {
                                busyChecks.incrementAndGet();
                            } else {
                                failures.add(e);
                            }
                        }
                    }
                    return null;
                });
                // A CSR typing a name into the search, letter by letter, with suggestions and history beside it.
                List<Future<?>> work = new ArrayList<>();
                String typed = "smith";
                for (int round = 0; round < 6; round++) {
                    for (int i = 1; i <= typed.length(); i++) {
                        String text = typed.substring(0, i);
                        work.add(desk.submit(counted(reads, () -> app.records().search(HookedTable.ACCOUNT, text, null, true, 0, 50))));
                        work.add(desk.submit(counted(reads, () -> app.records().suggest(HookedTable.USER, text, 10))));
                    }
                    work.add(desk.submit(counted(reads, () -> app.records().history(SERVICE, 1, 50))));
                    work.add(desk.submit(counted(reads, () -> app.records().recentRuns(null, null, 100))));
                }
                int most = 0;
                for (Future<?> f : work) {
                    while (!f.isDone()) {
                        most = Math.max(most, sample(count));
                        Thread.sleep(5);
                    }
                    try {
                        f.get();
                    } catch (Exception e) {
                        failures.add(e.getCause() == null ? e : e.getCause());
                    }
                }
                await("the status check asks while the saves hold their connections").atMost(CEILING)
                        .until(() -> checks.get() + busyChecks.get() >= 3);
                most = Math.max(most, sample(count));
                assertThat(hookRuns(dir)).as("both saves still in their hooks while the reads ran").isEqualTo(2);

                Files.createFile(release);
                SaveResult first = serviceSave.get(CEILING.toSeconds(), TimeUnit.SECONDS);
                SaveResult second = accountSave.get(CEILING.toSeconds(), TimeUnit.SECONDS);
                stop.set(true);
                status.get(CEILING.toSeconds(), TimeUnit.SECONDS);
                most = Math.max(most, sample(count));

                assertThat(failures).as("work that failed").isEmpty();
                assertThat(reads.get()).isEqualTo(work.size());
                assertThat(first.outcome()).as(first.message()).isEqualTo(SaveOutcome.COMMITTED);
                assertThat(second.outcome()).as(second.message()).isEqualTo(SaveOutcome.COMMITTED);
                assertThat(checks.get()).as("status checks that got an answer").isPositive();
                assertThat(most).as("connections this HookDesk held at once, as the server counts them")
                        .isPositive().isLessThanOrEqualTo(ConnectionBudget.CONNECTIONS);
            } finally {
                stop.set(true);
                if (!Files.exists(release)) {
                    Files.createFile(release);
                }
                desk.shutdown();
                statusThread.shutdown();
                desk.awaitTermination(2, TimeUnit.MINUTES);
                statusThread.awaitTermination(2, TimeUnit.MINUTES);
            }
        }
    }

    @Test
    void sessionsNameHookDeskItsVersionAndTheHost() throws Exception {
        try (Database db = TestDatabase.fresh();
             Connection c = db.dataSource().getConnection();
             ResultSet r = c.createStatement().executeQuery("SELECT current_setting('application_name')")) {
            r.next();
            assertThat(r.getString(1)).isEqualTo(ConnectionBudget.applicationName())
                    .matches("hookdesk/[^@]+@.+").hasSizeLessThanOrEqualTo(63);
            assertThat(db.connectionLimit()).isEqualTo(ConnectionBudget.CONNECTIONS);
            assertThat(db.pooled()).as("the URL names the server's own port").isFalse();
            db.allowConnections(5);
            assertThat(db.connectionLimit()).isEqualTo(5);
            db.allowConnections(1);
            assertThat(db.connectionLimit()).as("never below the budget").isEqualTo(ConnectionBudget.CONNECTIONS);
        }
    }

    /** A read as the desktop's task runs it, counted when it returns. */
    private static Runnable counted(AtomicInteger reads, Supplier<?> read) {
        return () -> {
            read.get();
            reads.incrementAndGet();
        };
    }

    private static int sample(PreparedStatement count) throws Exception {
        try (ResultSet r = count.executeQuery()) {
            r.next();
            return r.getInt(1);
        }
    }

    private static long hookRuns(Path dir) throws Exception {
        try (var files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().startsWith("in-")).count();
        }
    }
}
