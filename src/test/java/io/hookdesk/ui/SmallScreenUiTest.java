package io.hookdesk.ui;

import io.hookdesk.model.HookedTable;
import javafx.geometry.Bounds;
import javafx.geometry.Orientation;
import javafx.geometry.Rectangle2D;
import javafx.scene.Node;
import javafx.scene.control.ButtonType;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Labeled;
import javafx.scene.control.ScrollBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.GridPane;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.NodeQueryUtils;
import org.testfx.util.WaitForAsyncUtils;

import java.util.List;

import static io.hookdesk.ui.MainWindowUiTest.onFx;
import static io.hookdesk.ui.MainWindowUiTest.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The desktop in a 1024x600 window (a netbook's screen): a service's form with the environment panel beside it and
 * without, nothing the CSR needs clipped or pushed out of the window.
 */
@ExtendWith(ApplicationExtension.class)
class SmallScreenUiTest {

    @RegisterExtension
    static final UiFixture fx = UiFixture.demo();

    MainViewModel main;
    Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        main = fx.showDesktop(stage, 1024, 600);
    }

    @AfterEach
    void closeLeftoverWindows() throws Exception {
        fx.closeWindows(HookedTable.SERVICE);
    }

    @Test
    void at1024x600TheFormScrollsAndSaveAndTheEnvironmentToggleStayInTheWindow(FxRobot robot) {
        fx.hooks.install(HookedTable.SERVICE, "exit 0");
        fx.openAnOpenService(robot, main);
        // A changed login: the panel's header then says which hook will run, with its whole path.
        robot.interact(() -> {
            TextField d01 = robot.lookup("#field-d01").queryAs(TextField.class);
            d01.requestFocus();
            d01.selectAll();
        });
        robot.write("renamed-on-a-netbook");
        assertThat(onFx(() -> new double[] {stage.getWidth(), stage.getHeight()})).containsExactly(1024, 600);

        // With the environment panel beside the form.
        ToggleButton toggle = robot.lookup("#env-toggle").queryAs(ToggleButton.class);
        if (!onFx(toggle::isSelected)) {
            robot.clickOn(toggle);
        }
        waitUntil(() -> robot.lookup("#env-table").match(NodeQueryUtils.isVisible()).tryQuery().isPresent());
        WaitForAsyncUtils.waitForFxEvents();
        assertWhollyInWindow(robot, "#form-save");
        assertWhollyInWindow(robot, "#env-toggle");
        assertWhollyInWindow(robot, "#env-table");
        // Which hook will run, whole: the panel's height goes to the table first.
        waitUntil(() -> onFx(() -> robot.lookup("#env-header").queryAs(Labeled.class).getText()).startsWith("Will run "));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(onFx(() -> robot.lookup("#env-header").queryAs(Labeled.class).lookupAll(".text").stream()
                .map(t -> ((Text) t).getText()).reduce("", String::concat)))
                .as("the hook's path as shown").doesNotContain("...").doesNotContain("…").endsWith("service_hook");
        // The narrow form puts one label and field a row, and never scrolls sideways.
        assertThat(onFx(() -> grids(robot).stream().map(g -> g.getColumnConstraints().size()).distinct().toList()))
                .containsExactly(2);
        assertNoSidewaysScrolling(robot);
        lastFieldScrollsIntoView(robot);

        // Without it: the form takes the width back, two pairs a row, and the toggle is still there to bring it back.
        robot.clickOn("#env-toggle");
        waitUntil(() -> robot.lookup("#env-table").match(NodeQueryUtils.isVisible()).tryQuery().isEmpty());
        WaitForAsyncUtils.waitForFxEvents();
        assertWhollyInWindow(robot, "#form-save");
        assertWhollyInWindow(robot, "#env-toggle");
        waitUntil(() -> onFx(() -> grids(robot).stream().allMatch(g -> g.getColumnConstraints().size() == 4)));
        assertNoSidewaysScrolling(robot);
        lastFieldScrollsIntoView(robot);
    }

    @Test
    void at1024x600TheFailureDialogWithItsEnvironmentOpenAndAHookRunFromHistoryKeepTheirButtonsAndOutput(FxRobot robot) {
        fx.hooks.install(HookedTable.SERVICE, "for i in 1 2 3 4 5 6 7 8 9 10 11 12; do echo \"line $i\"; done\nexit 2");
        fx.openAnOpenService(robot, main);
        robot.interact(() -> {
            TextField d04 = robot.lookup("#field-d04").queryAs(TextField.class);
            d04.requestFocus();
            d04.clear();
        });
        robot.write("small screen");
        waitUntil(() -> "small screen".equals(onFx(() -> robot.lookup("#field-d04").queryAs(TextField.class).getText())));
        robot.press(KeyCode.CONTROL).type(KeyCode.S).release(KeyCode.CONTROL);
        waitUntil(() -> UiFixture.showing(robot, "#hook-failure-dialog"));
        onA1024x600Screen(robot, "#hook-failure-dialog");

        // The environment opened: the dialog does not grow past the screen, its content scrolls, the buttons stay.
        robot.clickOn(onFx(() -> robot.lookup("#hook-env").queryAs(TitledPane.class).lookup(".title")));
        waitUntil(() -> onFx(() -> robot.lookup("#hook-env").queryAs(TitledPane.class).isExpanded()));
        WaitForAsyncUtils.waitForFxEvents();
        DialogPane failure = robot.lookup("#hook-failure-dialog").queryAs(DialogPane.class);
        assertOnTheScreen(failure);
        assertWhollyInDialog(failure, onFx(() -> failure.lookupButton(ButtonType.CLOSE)));
        robot.lookup("#run-hook-again").tryQuery().ifPresent(again -> assertWhollyInDialog(failure, again));
        // Scrolled to the list it opened, which shows several variables at once.
        waitUntil(() -> onFx(() -> {
            TextArea env = robot.lookup("#hook-env-text").queryAs(TextArea.class);
            Bounds viewport = failure.getContent().localToScreen(failure.getContent().getLayoutBounds());
            Bounds area = env.localToScreen(env.getBoundsInLocal());
            return area != null && area.getHeight() >= 8 * env.getFont().getSize() * 1.2
                    && viewport.getMaxY() >= area.getMinY() + 4 * env.getFont().getSize() * 1.2;
        }));
        robot.type(KeyCode.ENTER);
        waitUntil(() -> robot.lookup("#hook-failure-dialog").tryQuery().isEmpty());

        fx.openNewestRunFromHistory(robot);
        onA1024x600Screen(robot, "#hook-run-dialog");

        DialogPane run = robot.lookup("#hook-run-dialog").queryAs(DialogPane.class);
        assertOnTheScreen(run);
        assertWhollyInDialog(run, onFx(() -> run.lookupButton(ButtonType.CLOSE)));
        for (String tab : List.of("Standard output", "Standard error", "Environment")) {
            Node header = onFx(() -> run.lookupAll(".tab").stream()
                    .filter(t -> t.lookup(".tab-label") instanceof Labeled l && tab.equals(l.getText())).findFirst().orElseThrow());
            assertWhollyInDialog(run, header);
        }
        TextArea stdout = robot.lookup("#run-stdout").queryAs(TextArea.class);
        assertWhollyInDialog(run, stdout);
        assertThat(onFx(stdout::getHeight)).as("a dozen lines of output in sight")
                .isGreaterThanOrEqualTo(8 * onFx(() -> stdout.getFont().getSize()) * 1.2);
        robot.type(KeyCode.ENTER);
        waitUntil(() -> robot.lookup("#hook-run-dialog").tryQuery().isEmpty());
    }

    /**
     * What the dialogs' placement does on a 1024x600 screen (the headless screen here is larger): the content no larger
     * than the screen less a window frame, the window sized to it, at the screen's corner. tools/screenshots.sh checks
     * the same dialogs on a real 1024x600 screen under openbox.
     */
    private static void onA1024x600Screen(FxRobot robot, String dialog) {
        robot.interact(() -> {
            Window w = robot.lookup(dialog).query().getScene().getWindow();
            w.getScene().getRoot().setStyle("-fx-max-width: 976px; -fx-max-height: 552px;");
            w.getScene().getRoot().applyCss();
            w.sizeToScene();
            w.setX(0);
            w.setY(0);
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static void assertOnTheScreen(DialogPane dialog) {
        Window w = onFx(() -> dialog.getScene().getWindow());
        assertThat(onFx(() -> new double[] {w.getWidth(), w.getHeight()})).as("the dialog's size")
                .satisfies(size -> assertThat(size[0]).isLessThanOrEqualTo(1024))
                .satisfies(size -> assertThat(size[1]).isLessThanOrEqualTo(600));
    }

    /** Every pixel of {@code node} shown inside its dialog's window (not scrolled or pushed off it). */
    private static void assertWhollyInDialog(DialogPane dialog, Node node) {
        Bounds b = onFx(() -> node.localToScene(node.getBoundsInLocal()));
        double width = onFx(() -> dialog.getScene().getWidth());
        double height = onFx(() -> dialog.getScene().getHeight());
        assertThat(b.getHeight()).as(node + " height").isPositive();
        assertThat(b.getMinX() >= 0 && b.getMinY() >= 0 && b.getMaxX() <= width && b.getMaxY() <= height)
                .as(node + " at " + b + " inside the dialog's " + width + "x" + height).isTrue();
    }

    /** The node is shown (not in a tool bar's overflow menu), and every pixel of it inside the window. */
    private void assertWhollyInWindow(FxRobot robot, String query) {
        Node node = robot.lookup(query).match(NodeQueryUtils.isVisible()).query();
        Bounds b = onFx(() -> node.getScene() == null ? null : node.localToScreen(node.getBoundsInLocal()));
        assertThat(b).as(query + " is on screen").isNotNull();
        Rectangle2D window = onFx(() -> new Rectangle2D(stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight()));
        assertThat(b.getWidth()).as(query + " width").isPositive();
        assertThat(window.contains(b.getMinX(), b.getMinY(), b.getWidth(), b.getHeight()))
                .as(query + " at " + b + " inside the window " + window).isTrue();
    }

    private static List<GridPane> grids(FxRobot robot) {
        return robot.lookup(".field-grid").match(NodeQueryUtils.isVisible()).queryAllAs(GridPane.class).stream().toList();
    }

    private static ScrollPane formScroll(FxRobot robot) {
        return robot.lookup(".form-scroll").match(NodeQueryUtils.isVisible()).queryAs(ScrollPane.class);
    }

    private static void assertNoSidewaysScrolling(FxRobot robot) {
        ScrollPane scroll = formScroll(robot);
        assertThat(onFx(() -> scroll.lookupAll(".scroll-bar").stream()
                .filter(b -> b instanceof ScrollBar s && s.getOrientation() == Orientation.HORIZONTAL)
                .noneMatch(Node::isVisible))).isTrue();
    }

    /**
     * The form is taller than its part of the window, so it scrolls: tabbing to the last field brings it into the
     * visible part.
     */
    private static void lastFieldScrollsIntoView(FxRobot robot) {
        ScrollPane scroll = formScroll(robot);
        assertThat(onFx(() -> scroll.getContent().getBoundsInLocal().getHeight() > scroll.getViewportBounds().getHeight()))
                .as("the form is taller than its viewport").isTrue();
        Node last = onFx(() -> scroll.getContent().lookupAll(".text-field").stream()
                .filter(f -> f.isFocusTraversable() && NodeQueryUtils.isVisible().test(f))
                .reduce((a, b) -> b).orElseThrow());
        robot.interact(last::requestFocus);
        WaitForAsyncUtils.waitForFxEvents();
        waitUntil(() -> onFx(() -> {
            Bounds viewport = scroll.localToScreen(scroll.getLayoutBounds());
            Bounds field = last.localToScreen(last.getBoundsInLocal());
            return viewport.contains(field);
        }));
        robot.interact(() -> robot.lookup("#field-d01").query().requestFocus());
        WaitForAsyncUtils.waitForFxEvents();
    }
}
