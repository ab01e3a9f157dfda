package io.hookdesk.app;

import io.hookdesk.ui.DesktopPrefs;
import io.hookdesk.ui.DesktopUi;
import io.hookdesk.ui.MainViewModel;
import io.hookdesk.ui.StartShell;
import io.hookdesk.ui.connect.ConnectionRequest;
import io.hookdesk.ui.connect.Connector;
import io.hookdesk.ui.connect.ProfileStore;
import io.hookdesk.ui.connect.Session;
import io.hookdesk.ui.task.FxTaskExecutor;
import javafx.application.Platform;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

/**
 * Starts the desktop client: resolves the configuration, starts the JavaFX toolkit with {@link Platform#startup}
 * (no {@code Application} subclass, so nothing reaches the window through statics), shows the main window, and blocks
 * until it is closed. The connector it hands the window opens a database and wires the services, as
 * {@link AppContext#open} does for the command line.
 */
final class DesktopEntry {

    private DesktopEntry() {
    }

    /**
     * Looked up when something is to be logged rather than when the class loads: the first logger starts logback
     * (logback.xml, about 500 classes), which the start-up shell need not wait for.
     */
    private static Logger log() {
        return LoggerFactory.getLogger(DesktopEntry.class);
    }

    /** hooks.log, set up by the first database opening (off the FX thread), not before the window shows. */
    private static final class HookLogOnDemand {
        private final Path file;
        private HookLogFile log;

        HookLogOnDemand(Path file) {
            this.file = file;
        }

        synchronized HookLogFile get() {
            if (log == null) {
                log = new HookLogFile(file);
            }
            return log;
        }

        synchronized void close() {
            if (log != null) {
                log.close();
            }
        }
    }

    static int launch(AppConfig.Overrides overrides) {
        StartupProbe probe = StartupProbe.fromSystemProperties();
        probe.mark("desktop-entry");
        AppConfig config;
        try {
            config = AppConfig.resolve(overrides, System.getenv(), systemProperties());
        } catch (IllegalArgumentException e) {
            System.err.println("hookdesk: " + e.getMessage());
            return 2;
        }
        String csr = System.getProperty("user.name", "csr");
        ConnectionRequest initial = new ConnectionRequest(config.dbUrl(), config.dbUser(), config.dbPassword(), csr);
        // Every session ever opened, so none is left running at exit (the embedded server is a child process).
        List<AppContext> opened = new ArrayList<>();
        AppConfig base = config;
        // The desktop shows failed saves in dialogs; hooks.log gets only hooks stopped because HookDesk ended.
        HookLogOnDemand hookLog = new HookLogOnDemand(config.logFile());
        Connector opener = request -> {
            HookLogFile failures = hookLog.get();
            AppContext ctx = AppContext.open(base.withDatabase(request.url(), request.user(), request.password()),
                    failures);
            // Closed once, by whoever comes first: the window when switching databases, or this method at exit.
            AutoCloseable closeOnce = () -> {
                boolean mine;
                synchronized (opened) {
                    mine = opened.remove(ctx);
                }
                if (mine) {
                    ctx.close();
                }
            };
            synchronized (opened) {
                opened.add(ctx);
            }
            return new Session(ctx.records(), ctx.saves(), ctx.database().description(), request.csr(),
                    ctx.supervisor(), closeOnce);
        };
        // Looked at before the first connection starts, which creates pgdata: the progress line then says whether
        // this start creates the demo database (tens of seconds) or opens it.
        Path pgdata = base.home().resolve("pgdata");
        AtomicBoolean firstConnect = new AtomicBoolean(true);
        boolean createsDatabase = !Files.isDirectory(pgdata);
        BooleanSupplier firstStart = () -> firstConnect.getAndSet(false)
                ? createsDatabase : !Files.isDirectory(pgdata);
        // The first database opens on a thread of its own while the real window is built: both take a second or more,
        // and neither needs the other.
        EarlyFirstConnection connector = new EarlyFirstConnection(opener, initial);
        boolean dark = DesktopUi.Theme.of(new DesktopPrefs(base.home().resolve(DesktopUi.PREFS_FILE))) == DesktopUi.Theme.DARK;
        // As many threads as the connection budget (ConnectionBudget.CONNECTIONS): work beyond them waits in the
        // executor's queue, not for a connection the pool cannot give within its fail-fast timeout.
        FxTaskExecutor executor = new FxTaskExecutor(3);
        CountDownLatch closed = new CountDownLatch(1);
        boolean[] built = new boolean[1];
        probe.mark("toolkit-starting");
        boolean toolkit = false;
        try {
            Platform.startup(() -> {
                probe.mark("toolkit-started");
                Platform.setImplicitExit(false);
                // Until the window installs its own (which also shows the error to the CSR): at least the log.
                Thread.currentThread().setUncaughtExceptionHandler((t, e) -> log().error("unexpected error in the window", e));
                Stage stage = new Stage();
                stage.setOnHidden(e -> closed.countDown());
                // A light window at once (title, sections, what the start is doing); the real one is built a pulse
                // later on the same stage, while the database opens. The database starts opening once the shell is
                // on screen: started at launch, its class loading and the embedded server's start took the two cores
                // from the toolkit and delayed the first paint (PERFORMANCE.md, "Start-up from java -jar").
                StartShell.show(stage, StartShell.progress(initial.embedded() ? null : initial.url(), createsDatabase),
                        dark, () -> {
                            probe.firstPaint();
                            connector.start();
                        }, () -> {
                    try {
                        MainViewModel vm = DesktopUi.show(stage, connector,
                                new ProfileStore(base.home().resolve("profiles.properties")), initial, executor,
                                Clock.systemUTC(), firstStart);
                        probe.windowShown(vm, stage);
                        built[0] = true;
                    } catch (RuntimeException e) {
                        log().error("the window could not be built", e);
                        closed.countDown();
                    }
                });
            });
            toolkit = true;
        } catch (UnsupportedOperationException | IllegalStateException | LinkageError e) {
            // No display, or no GTK 3 (a LinkageError from the glass library). There is nothing to close.
            System.err.println("hookdesk: cannot open a window (" + e.getMessage() + "). "
                    + "Is there a display? Use the command line instead, e.g. hookdesk --help");
            executor.shutdown();
            return 1;
        }
        try {
            closed.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        executor.shutdown();
        awaitQuietly(executor);
        connector.settle();
        List<AppContext> left;
        synchronized (opened) {
            left = List.copyOf(opened);
            opened.clear();
        }
        for (AppContext ctx : left) {
            try {
                ctx.close();
            } catch (RuntimeException e) {
                log().warn("closing {} failed: {}", ctx.database().description(), e.getMessage());
            }
        }
        hookLog.close();
        if (toolkit) {
            Platform.exit();
        }
        return built[0] ? 0 : 1;
    }

    /** A save whose hook the CSR cancelled on the way out gets a moment to roll back before the database closes. */
    private static void awaitQuietly(FxTaskExecutor executor) {
        try {
            executor.awaitTermination(15, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Map<String, String> systemProperties() {
        return System.getProperties().stringPropertyNames().stream()
                .collect(Collectors.toMap(k -> k, System::getProperty));
    }
}
