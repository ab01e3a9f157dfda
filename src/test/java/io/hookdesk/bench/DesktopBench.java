package io.hookdesk.bench;

import io.hookdesk.db.Database;
import io.hookdesk.db.DatabaseSettings;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The desktop client from process start to a usable main window, and its resident memory once the service list of
 * the million-service database shows, under a virtual X server.
 *
 * <p>The contract with the desktop (documented in PERFORMANCE.md): started with the test classes on its class path
 * (so that it finds {@link StartupProbe}) and {@code -Dhookdesk.startupProbe=true}, it prints {@code HOOKDESK_READY <ms>} on stdout once the main window has been shown and the FX thread is idle, and
 * {@code HOOKDESK_LIST_SHOWN <table> <rows>} once a record list has shown its first page (the service list here,
 * opened with {@code -Dhookdesk.startupProbe.open=service}). The time counted is the harness's: from
 * {@link ProcessBuilder#start()} of {@code java -cp target/hookdesk.jar:target/test-classes io.hookdesk.app.Main} to the
 * ready line, JVM start included.
 * The floor, launched in alternation with it, is {@link FloorWindow}: the same JVM, jar and display, one label.
 */
final class DesktopBench {

    static final String SECTION = "Desktop";
    /** The jar's own entry point, named because the desktop is launched with a class path rather than {@code -jar}. */
    private static final String MAIN = "io.hookdesk.app.Main";

    private final Path jar;
    private final Path testClasses;
    private final Path home;
    private final int launches;

    /** @param home a HookDesk home whose embedded database is created on first use and then kept (under bench-data) */
    DesktopBench(Path jar, Path testClasses, Path home, int launches) {
        this.jar = jar;
        this.testClasses = testClasses;
        this.home = home;
        this.launches = launches;
    }

    void run(Report report, String millionUrl) throws Exception {
        if (!Files.isRegularFile(jar)) {
            report.add(Result.pending("desktop start to usable window", "<= 3 s", jar + " not built (run mvn -Pbench verify)"));
            return;
        }
        Optional<Path> xvfb = which("Xvfb");
        if (xvfb.isEmpty()) {
            report.add(Result.pending("desktop start to usable window", "<= 3 s",
                    "no Xvfb (apt-get install -y xvfb libgtk-3-0)"));
            return;
        }
        try (VirtualDisplay display = VirtualDisplay.start(xvfb.get())) {
            Path home = precreatedHome();
            // The floor's and the desktop's first launches warm the page cache (jar, JDK modules) and are not counted.
            Samples floor = new Samples();
            Samples desktop = new Samples();
            String notReady = null;
            for (int i = 0; i < launches + 1 && notReady == null; i++) {
                Launch f = launch(display, List.of("-cp", jar + ":" + testClasses, FloorWindow.class.getName()), Map.of(), null);
                Launch d = launch(display, List.of("-Dhookdesk.startupProbe=true", "-cp", jar + ":" + testClasses, MAIN),
                        Map.of("HOOKDESK_HOME", home.toString()), null);
                if (d.readyNanos < 0) {
                    notReady = d.describe();
                } else if (i > 0) {
                    floor.add(f.readyNanos);
                    desktop.add(d.readyNanos);
                }
            }
            if (notReady != null) {
                report.add(Result.pending("desktop start to usable window", "<= 3 s", "the desktop printed no HOOKDESK_READY"));
                report.add(Result.pending("desktop RSS with the service list (1M services)", "< 500 MB",
                        "the desktop printed no HOOKDESK_READY"));
                report.detail(SECTION, "the jar's desktop did not become ready: " + notReady);
                report.detail(SECTION, "floor (one-label JavaFX window, same jar and display) measured anyway: "
                        + launchOnce(display).describe());
                return;
            }
            report.add(new Result("desktop start to usable window (median)", "<= 3 s", "s", floor.medianMs() / 1000,
                    desktop.medianMs() / 1000, Result.Kind.AT_MOST, 3.0, null));
            report.detail(SECTION, "start to ready: desktop " + desktop.describe() + "; floor " + floor.describe()
                    + "; " + launches + " launches each, alternating, after one uncounted launch of each");

            Launch list = launch(display, List.of("-Dhookdesk.startupProbe=true", "-Dhookdesk.startupProbe.open=service",
                    "-cp", jar + ":" + testClasses, MAIN), Map.of("HOOKDESK_HOME", home.toString(), "HOOKDESK_DB_URL", millionUrl,
                    "HOOKDESK_DB_USER", "postgres"), "HOOKDESK_LIST_SHOWN");
            if (list.rssKb < 0) {
                report.add(Result.pending("desktop RSS with the service list (1M services)", "< 500 MB",
                        "no HOOKDESK_LIST_SHOWN line"));
                report.detail(SECTION, "service list launch: " + list.describe());
            } else {
                report.add(new Result("desktop RSS with the service list (1M services)", "< 500 MB", "MB",
                        Double.NaN, list.rssKb / 1024.0, Result.Kind.AT_MOST, 500, null));
                report.detail(SECTION, "service list on " + millionUrl + ": " + list.describe());
            }
        }
    }

    private Launch launchOnce(VirtualDisplay display) throws Exception {
        return launch(display, List.of("-cp", jar + ":" + testClasses, FloorWindow.class.getName()), Map.of(), null);
    }

    /** A HookDesk home whose embedded database exists already (created, migrated and seeded by a first start). */
    private Path precreatedHome() throws IOException {
        if (!Files.exists(home.resolve("pgdata").resolve("PG_VERSION"))) {
            Files.createDirectories(home);
            Database.open(new DatabaseSettings(null, null, null, home)).close();
        }
        return home;
    }

    private record Launch(long readyNanos, long rssKb, List<String> output) {
        String describe() {
            return String.format(Locale.ROOT, "ready %s, VmRSS %s; output: %s",
                    readyNanos < 0 ? "never" : String.format(Locale.ROOT, "%.2f s", readyNanos / 1e9),
                    rssKb < 0 ? "-" : (rssKb / 1024) + " MB",
                    String.join(" | ", output.subList(Math.max(0, output.size() - 6), output.size())));
        }
    }

    /**
     * Starts the JVM on the display and waits (at most 60 s) for the ready line, then, if {@code untilLine} is given,
     * for that line too, and reads the JVM's VmRSS then. The process is destroyed afterwards.
     */
    private Launch launch(VirtualDisplay display, List<String> javaArgs, Map<String, String> env, String untilLine)
            throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(javaArgs);
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("DISPLAY", display.name());
        pb.environment().put("LC_ALL", "C.UTF-8");
        pb.environment().remove("HOOKDESK_DB_URL");
        pb.environment().putAll(env);
        long t0 = System.nanoTime();
        Process p = pb.start();
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        List<String> output = new ArrayList<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String l; (l = r.readLine()) != null; ) {
                    lines.add(l);
                }
            } catch (IOException ignored) {
                // the process was destroyed
            }
            lines.add("\u0000EOF");
        });
        reader.setDaemon(true);
        reader.start();
        long ready = -1;
        long rss = -1;
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            boolean waitingForList = false;
            while (System.nanoTime() < deadline) {
                String l = lines.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                if (l == null || l.equals("\u0000EOF")) {
                    break;
                }
                output.add(l);
                if (!waitingForList && l.startsWith("HOOKDESK_READY")) {
                    ready = System.nanoTime() - t0;
                    if (untilLine == null) {
                        rss = rssKb(p.pid());
                        break;
                    }
                    waitingForList = true;
                } else if (waitingForList && l.startsWith(untilLine)) {
                    // Let the list settle (cell layout, images) before the reading.
                    Thread.sleep(2_000);
                    rss = rssKb(p.pid());
                    break;
                }
            }
        } finally {
            p.destroy();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor();
            }
        }
        return new Launch(ready, rss, output);
    }

    static long rssKb(long pid) {
        try {
            for (String l : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (l.startsWith("VmRSS:")) {
                    return Long.parseLong(l.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    static Optional<Path> which(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            Path p = Path.of(dir, name);
            if (Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** An Xvfb of our own, on a display number it picks itself ({@code -displayfd}). */
    static final class VirtualDisplay implements AutoCloseable {
        private final Process xvfb;
        private final String name;

        private VirtualDisplay(Process xvfb, String name) {
            this.xvfb = xvfb;
            this.name = name;
        }

        static VirtualDisplay start(Path xvfbPath) throws IOException, InterruptedException {
            Process p = new ProcessBuilder(xvfbPath.toString(), "-displayfd", "1", "-screen", "0", "1366x768x24",
                    "-nolisten", "tcp").redirectError(ProcessBuilder.Redirect.DISCARD).start();
            BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.US_ASCII));
            String number = r.readLine();
            if (number == null) {
                p.destroyForcibly();
                throw new IOException("Xvfb did not start");
            }
            return new VirtualDisplay(p, ":" + number.trim());
        }

        String name() {
            return name;
        }

        @Override
        public void close() {
            xvfb.destroy();
            try {
                xvfb.waitFor(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
