package io.hookdesk.app;

import io.hookdesk.ui.MainViewModel;
import io.hookdesk.ui.Section;
import io.hookdesk.ui.Workspace;
import io.hookdesk.ui.search.SearchViewModel;
import javafx.application.Platform;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.ObservableValue;
import javafx.collections.ListChangeListener;
import javafx.scene.Scene;
import javafx.stage.Stage;

import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Timing lines on stdout for the desktop benchmark ({@code io.hookdesk.bench.DesktopBench}, see
 * {@code src/docs/PERFORMANCE.md}) and {@code tools/screenshots.sh}, so that both can start the real
 * {@code java -jar hookdesk.jar}: off unless {@code -Dhookdesk.startupProbe=true}, and then it only prints. Each line
 * ends with milliseconds since the JVM process started (as the operating system counts it, so the JVM's own start
 * is included):
 * <ul>
 * <li>{@code HOOKDESK_FIRST_PAINT <ms>}: the start-up shell's first frame was drawn (see {@code ui.StartShell});</li>
 * <li>{@code HOOKDESK_READY <ms>}: the main window has laid out its first list (database open, first page of
 * accounts loaded);</li>
 * <li>with {@code -Dhookdesk.startupProbe.open=service} (a table or a section name) it then opens that section and
 * prints {@code HOOKDESK_LIST_SHOWN <table> <rows>} once that list's first page has been laid out;</li>
 * <li>{@code HOOKDESK_FORM_READY <table>} once a record form has loaded and been laid out;</li>
 * <li>{@code HOOKDESK_MARK <what> <ms>} at the steps of the start before the shell, for profiling.</li>
 * </ul>
 */
final class StartupProbe {

    private static final StartupProbe OFF = new StartupProbe(false, 0);

    private final boolean on;
    /** When the process started, in epoch milliseconds. */
    private final long processStart;

    private StartupProbe(boolean on, long processStart) {
        this.on = on;
        this.processStart = processStart;
    }

    /** The probe if {@code -Dhookdesk.startupProbe=true}, otherwise one that does nothing. */
    static StartupProbe fromSystemProperties() {
        if (!Boolean.getBoolean("hookdesk.startupProbe")) {
            return OFF;
        }
        long start = ProcessHandle.current().info().startInstant().map(Instant::toEpochMilli)
                .orElseGet(System::currentTimeMillis);
        return new StartupProbe(true, start);
    }

    /** A step of the start, for profiling what comes before the first paint. */
    void mark(String what) {
        if (on) {
            print("HOOKDESK_MARK " + what + " " + sinceStart());
        }
    }

    /** The start-up shell's first frame has been drawn. */
    void firstPaint() {
        if (on) {
            print("HOOKDESK_FIRST_PAINT " + sinceStart());
        }
    }

    /** Call on the FX thread right after the main window is shown. */
    void windowShown(MainViewModel vm, Stage stage) {
        if (!on) {
            return;
        }
        Optional<Section> then = section(System.getProperty("hookdesk.startupProbe.open"));
        // Every form, once loaded and laid out: tools/screenshots.sh waits for it before it types.
        vm.workspaces().addListener((ListChangeListener<Workspace>) c -> {
            while (c.next()) {
                for (Workspace w : c.getAddedSubList()) {
                    if (w instanceof Workspace.Form f) {
                        whenReady(f, stage.getScene());
                    }
                }
            }
        });
        vm.workspaces().addListener(new ListChangeListener<>() {
            @Override
            public void onChanged(Change<? extends Workspace> c) {
                vm.workspaces().stream().filter(w -> w instanceof Workspace.Search).findFirst().ifPresent(w -> {
                    vm.workspaces().removeListener(this);
                    whenShown(((Workspace.Search) w).search(), stage.getScene(), rows -> {
                        print("HOOKDESK_READY " + sinceStart());
                        then.ifPresent(section -> {
                            if (vm.openSection(section) instanceof Workspace.Search s) {
                                whenShown(s.search(), stage.getScene(),
                                        n -> print("HOOKDESK_LIST_SHOWN " + section.table().sqlName() + " " + n));
                            }
                        });
                    });
                });
            }
        });
    }

    private static void whenReady(Workspace.Form f, Scene scene) {
        // One more turn after the layout: the form puts the cursor in its first field with runLater.
        Runnable report = () -> afterNextLayout(scene,
                () -> Platform.runLater(() -> print("HOOKDESK_FORM_READY " + f.table().sqlName())));
        if (f.form().readyProperty().get()) {
            report.run();
            return;
        }
        f.form().readyProperty().addListener(new ChangeListener<>() {
            @Override
            public void changed(ObservableValue<? extends Boolean> obs, Boolean was, Boolean ready) {
                if (ready) {
                    obs.removeListener(this);
                    report.run();
                }
            }
        });
    }

    private interface Shown {
        void rows(int rows);
    }

    /** Once the search has its page and the scene has laid it out. */
    private static void whenShown(SearchViewModel search, Scene scene, Shown shown) {
        Runnable afterLayout = () -> afterNextLayout(scene, () -> shown.rows(search.rows().size()));
        if (!search.busyProperty().get() && !search.rows().isEmpty()) {
            afterLayout.run();
            return;
        }
        search.busyProperty().addListener(new ChangeListener<>() {
            @Override
            public void changed(ObservableValue<? extends Boolean> obs, Boolean was, Boolean busy) {
                if (was && !busy) {
                    obs.removeListener(this);
                    afterLayout.run();
                }
            }
        });
    }

    /** Runs {@code then} once, after the scene's next layout pass. */
    private static void afterNextLayout(Scene scene, Runnable then) {
        scene.addPostLayoutPulseListener(new Runnable() {
            @Override
            public void run() {
                scene.removePostLayoutPulseListener(this);
                then.run();
            }
        });
    }

    private static Optional<Section> section(String name) {
        if (name == null || name.isBlank()) {
            return Optional.empty();
        }
        String n = name.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(Section.values())
                .filter(s -> s.table() != null && (s.name().toLowerCase(Locale.ROOT).equals(n) || s.table().sqlName().equals(n)))
                .findFirst();
    }

    private long sinceStart() {
        return System.currentTimeMillis() - processStart;
    }

    private static void print(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
