package io.hookdesk.bench;

import io.hookdesk.app.WindowObserver;
import io.hookdesk.ui.MainViewModel;
import io.hookdesk.ui.Section;
import io.hookdesk.ui.Workspace;
import io.hookdesk.ui.search.SearchViewModel;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.ObservableValue;
import javafx.collections.ListChangeListener;
import javafx.scene.Scene;
import javafx.stage.Stage;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * What the desktop benchmark ({@link DesktopBench}, see {@code src/docs/PERFORMANCE.md}) watches for: a
 * {@link WindowObserver} the application finds when the test classes are on its class path, as the benchmark
 * launches it; off unless {@code -Dhookdesk.startupProbe=true}. Prints {@code HOOKDESK_READY <ms since JVM start>} on stdout once the main
 * window has laid out its first list (database open, first page of accounts loaded). With
 * {@code -Dhookdesk.startupProbe.open=service} (a table or a section name) it then opens that section and prints
 * {@code HOOKDESK_LIST_SHOWN <table> <rows>} once that list's first page has been laid out. Every record form prints
 * {@code HOOKDESK_FORM_READY <table>} once it has loaded and been laid out (for {@code tools/screenshots.sh}).
 */
public final class StartupProbe implements WindowObserver {

    @Override
    public void shown(MainViewModel vm, Stage stage) {
        if (!Boolean.getBoolean("hookdesk.startupProbe")) {
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
        Runnable report = () -> scene.addPostLayoutPulseListener(new Runnable() {
            @Override
            public void run() {
                scene.removePostLayoutPulseListener(this);
                // one more pulse: the form puts the cursor in its first field with runLater
                javafx.application.Platform.runLater(() -> print("HOOKDESK_FORM_READY " + f.table().sqlName()));
            }
        });
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
        Runnable afterLayout = () -> scene.addPostLayoutPulseListener(new Runnable() {
            @Override
            public void run() {
                scene.removePostLayoutPulseListener(this);
                shown.rows(search.rows().size());
            }
        });
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

    private static Optional<Section> section(String name) {
        if (name == null || name.isBlank()) {
            return Optional.empty();
        }
        String n = name.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(Section.values())
                .filter(s -> s.table() != null && (s.name().toLowerCase(Locale.ROOT).equals(n) || s.table().sqlName().equals(n)))
                .findFirst();
    }

    private static long sinceStart() {
        return System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
    }

    private static void print(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
