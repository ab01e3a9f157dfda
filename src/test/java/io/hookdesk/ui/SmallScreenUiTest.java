package io.hookdesk.ui;

import io.hookdesk.model.HookedTable;
import javafx.geometry.Bounds;
import javafx.geometry.Orientation;
import javafx.geometry.Rectangle2D;
import javafx.scene.Node;
import javafx.scene.control.ScrollBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.layout.GridPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
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

    static {
        // Only takes effect if this class starts the toolkit; the window is sized to 1024x600 below either way.
        System.setProperty("headless.geometry", "1600x1000-32");
    }

    @RegisterExtension
    static final UiFixture fx = UiFixture.demo();

    MainViewModel main;
    Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        main = fx.showDesktop(stage);
        stage.setMaximized(false);
        stage.setX(0);
        stage.setY(0);
        stage.setWidth(1024);
        stage.setHeight(600);
    }

    @AfterEach
    void closeLeftoverWindows() throws Exception {
        FxToolkit.cleanupStages();
    }

    @Test
    void at1024x600TheFormScrollsAndSaveAndTheEnvironmentToggleStayInTheWindow(FxRobot robot) {
        waitUntil(() -> main.sessionProperty().get() != null);
        int n = fx.anOpenService();
        robot.interact(() -> main.open(HookedTable.SERVICE, n));
        waitUntil(() -> robot.lookup("#field-d01").tryQuery().isPresent()
                && !onFx(() -> robot.lookup("#field-d01").queryAs(TextField.class).getText()).isEmpty());
        WaitForAsyncUtils.waitForFxEvents();
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
