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
 * The desktop client as a user starts it, {@code java -jar target/hookdesk.jar}, from process start to its first
 * painted window and to a usable list, and its resident memory once the service list of the million-service database
 * shows, under a virtual X server.
 *
 * <p>The contract with the desktop (documented in PERFORMANCE.md): with {@code -Dhookdesk.startupProbe=true} the
 * product's own {@code app.StartupProbe} prints {@code HOOKDESK_FIRST_PAINT <ms>} once the start-up shell's first
 * frame has been drawn, {@code HOOKDESK_READY <ms>} once the main window has laid out its first list (the accounts,
 * database open), and {@code HOOKDESK_LIST_SHOWN <table> <rows>} once a record list has shown its first page (the
 * service list here, opened with {@code -Dhookdesk.startupProbe.open=service}). The times counted are the harness's:
 * from {@link ProcessBuilder#start()} to the line's arrival on the pipe, JVM start included; nothing else is on the
 * class path, so this is what a user's {@code java -jar} gets. The floor, launched in alternation with it (the order
 * swapping every round), is {@link FloorWindow}: the same JVM and display, the jar and the test classes, a window of
 * one line of text, timed to its first frame the same way.
 */
final class DesktopBench {

    static final String SECTION = "Desktop";
    private static final String PAINT = "desktop first paint (median)";
    private static final String READY = "desktop start to usable list (median)";
    private static final String RSS = "desktop RSS with the service list (1M services)";

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
            pending(report, jar + " not built (run mvn -Pbench verify)");
            return;
        }
        Optional<Path> xvfb = which("Xvfb");
        if (xvfb.isEmpty()) {
            pending(report, "no Xvfb (apt-get install -y xvfb libgtk-3-0)");
            return;
        }
        try (VirtualDisplay display = VirtualDisplay.start(xvfb.get())) {
            Path home = precreatedHome();
            // The floor's and the desktop's first launches warm the page cache (jar, JDK modules) and are not counted.
            Samples floor = new Samples();
            Samples paint = new Samples();
            Samples ready = new Samples();
            String notReady = null;
            for (int i = 0; i < launches + 1 && notReady == null; i++) {
                Launch f = null;
                Launch d = null;
                for (int k = 0; k < 2; k++) {
                    if ((i + k) % 2 == 0) {
                        f = launch(display, List.of("-cp", jar + ":" + testClasses, FloorWindow.class.getName()),
                                Map.of(), null);
                    } else {
                        d = launch(display, List.of("-Dhookdesk.startupProbe=true", "-jar", jar.toString()),
                                Map.of("HOOKDESK_HOME", home.toString()), null);
                    }
                }
                if (d.readyNanos < 0 || d.paintNanos < 0 || f.paintNanos < 0) {
                    notReady = "desktop: " + d.describe() + "; floor: " + f.describe();
                } else if (i > 0) {
                    floor.add(f.paintNanos);
                    paint.add(d.paintNanos);
                    ready.add(d.readyNanos);
                }
            }
            if (notReady != null) {
                pending(report, "the desktop or the floor printed no HOOKDESK_FIRST_PAINT / HOOKDESK_READY");
                report.detail(SECTION, "the jar's desktop did not become ready: " + notReady);
                return;
            }
            report.add(new Result(PAINT, "<= 1 s", "s", floor.medianMs() / 1000, paint.medianMs() / 1000,
                    Result.Kind.AT_MOST, 1.0, null));
            report.add(new Result(READY, "<= 3 s", "s", Double.NaN, ready.medianMs() / 1000,
                    Result.Kind.AT_MOST, 3.0, null));
            report.detail(SECTION, "java -jar " + jar.getFileName() + ", warm home, " + launches
                    + " launches alternating with the floor (order swapped every round) after one uncounted launch of each");
            report.detail(SECTION, "first paint (the start-up shell's first frame): " + paint.describe());
            report.detail(SECTION, "usable list (the accounts' first page laid out): " + ready.describe());
            report.detail(SECTION, "floor, a JavaFX window of one line of text and a moving bar, its first frame: " + floor.describe());

            Launch list = launch(display, List.of("-Dhookdesk.startupProbe=true", "-Dhookdesk.startupProbe.open=service",
                    "-jar", jar.toString()), Map.of("HOOKDESK_HOME", home.toString(), "HOOKDESK_DB_URL", millionUrl,
                    "HOOKDESK_DB_USER", "postgres"), "HOOKDESK_LIST_SHOWN");
            if (list.rssKb < 0) {
                report.add(Result.pending(RSS, "< 500 MB", "no HOOKDESK_LIST_SHOWN line"));
                report.detail(SECTION, "service list launch: " + list.describe());
            } else {
                report.add(new Result(RSS, "< 500 MB", "MB", Double.NaN, list.rssKb / 1024.0, Result.Kind.AT_MOST, 500, null));
                report.detail(SECTION, "service list on " + millionUrl + ": " + list.describe());
            }
        }
    }

    private static void pending(Report report, String why) {
        report.add(Result.pending(PAINT, "<= 1 s", why));
        report.add(Result.pending(READY, "<= 3 s", why));
        report.add(Result.pending(RSS, "< 500 MB", why));
    }

    /** A HookDesk home whose embedded database exists already (created, migrated and seeded by a first start). */
    private Path precreatedHome() throws IOException {
        if (!Files.exists(home.resolve("pgdata").resolve("PG_VERSION"))) {
            Files.createDirectories(home);
            Database.open(new DatabaseSettings(null, null, null, home)).close();
        }
        return home;
    }

    private record Launch(long paintNanos, long readyNanos, long rssKb, List<String> output) {
        String describe() {
            return String.format(Locale.ROOT, "first paint %s, ready %s, VmRSS %s; output: %s",
                    paintNanos < 0 ? "never" : String.format(Locale.ROOT, "%.2f s", paintNanos / 1e9),
                    readyNanos < 0 ? "never" : String.format(Locale.ROOT, "%.2f s", readyNanos / 1e9),
                    rssKb < 0 ? "-" : (rssKb / 1024) + " MB",
                    String.join(" | ", output.subList(Math.max(0, output.size() - 6), output.size())));
        }
    }

    /**
     * Starts the JVM on the display and waits (at most 60 s) for the first-paint and ready lines (the floor prints
     * both at its first frame), then, if {@code untilLine} is given, for that line too, and reads the JVM's VmRSS then.
     * The process is destroyed afterwards.
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
        long paint = -1;
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
                long at = System.nanoTime() - t0;
                output.add(l);
                if (paint < 0 && l.startsWith("HOOKDESK_FIRST_PAINT")) {
                    paint = at;
                }
                if (!waitingForList && l.startsWith("HOOKDESK_READY")) {
                    ready = at;
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
        return new Launch(paint, ready, rss, output);
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
