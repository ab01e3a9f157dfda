package io.hookdesk.ui;

import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Control;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import static io.hookdesk.ui.MainWindowUiTest.onFx;
import static io.hookdesk.ui.MainWindowUiTest.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

/** The start-up shell: what it says, what it shows, that it is light, and that the real window follows it. */
@ExtendWith(ApplicationExtension.class)
class StartShellUiTest {

    @Test
    void theProgressLineSaysCreatingOnlyWhenTheEmbeddedDatabaseDoesNotExistYet() {
        assertThat(StartShell.progress(null, true)).isEqualTo("Creating the demo database (first start)…");
        assertThat(StartShell.progress(null, false)).isEqualTo("Opening the database…");
        assertThat(StartShell.progress("jdbc:postgresql://db.example.net/billmax", false))
                .isEqualTo("Connecting to jdbc:postgresql://db.example.net/billmax…");
        assertThat(StartShell.progress("jdbc:postgresql://db.example.net/billmax", true)).doesNotContain("Creating");
    }

    @Test
    void theShellShowsTitleSectionsAndProgressWithoutAControlAndBuildsTheWindowOnlyAfterItsFirstPulse(FxRobot robot) {
        AtomicBoolean built = new AtomicBoolean();
        AtomicBoolean paintedBeforeBuilt = new AtomicBoolean();
        AtomicBoolean builtDuringShow = new AtomicBoolean(true);
        AtomicReference<Stage> shown = new AtomicReference<>();
        robot.interact(() -> {
            Stage stage = new Stage();
            shown.set(stage);
            StartShell.show(stage, StartShell.progress(null, false), false,
                    () -> paintedBeforeBuilt.set(!built.get()), () -> built.set(true));
            builtDuringShow.set(built.get());
        });
        Stage stage = shown.get();
        try {
            assertThat(builtDuringShow).as("the window is built after the shell's first frame, not inside show").isFalse();
            waitUntil(built::get);
            assertThat(paintedBeforeBuilt).as("the shell's first frame is reported before the window is built").isTrue();
            assertThat(onFx(stage::getTitle)).isEqualTo("HookDesk");
            assertThat(onFx(stage::isShowing)).isTrue();
            List<Node> nodes = onFx(() -> all(stage.getScene().getRoot()));
            List<String> texts = nodes.stream().filter(n -> n instanceof Text).map(n -> ((Text) n).getText()).toList();
            assertThat(texts).contains("HookDesk", "Opening the database…")
                    .containsAll(Arrays.stream(Section.values()).map(Section::label).toList());
            assertThat(onFx(() -> ((Text) stage.getScene().lookup("#start-progress")).getText()))
                    .isEqualTo("Opening the database…");
            // A control would make JavaFX parse its default stylesheet before the shell could show.
            assertThat(nodes).noneMatch(n -> n instanceof Control);
        } finally {
            robot.interact(stage::close);
        }
    }

    private static List<Node> all(Node node) {
        List<Node> out = new ArrayList<>();
        out.add(node);
        if (node instanceof Parent p) {
            for (Node child : p.getChildrenUnmodifiable()) {
                out.addAll(all(child));
            }
        }
        return out;
    }
}
