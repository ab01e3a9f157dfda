package io.hookdesk.ui;

import io.hookdesk.model.HookedTable;
import javafx.scene.Node;
import javafx.scene.control.DialogPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static io.hookdesk.ui.MainWindowUiTest.comboText;
import static io.hookdesk.ui.MainWindowUiTest.notice;
import static io.hookdesk.ui.MainWindowUiTest.onFx;
import static io.hookdesk.ui.MainWindowUiTest.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The keys a CSR presses without looking around the dialogs and the notification of a save: a second Enter never
 * runs a provisioning hook again, and while a save's notification shows, Ctrl+S, Esc and Enter still reach the form.
 * Each hook here counts its runs in a file, so a run nobody asked for is seen.
 */
@ExtendWith(ApplicationExtension.class)
class CsrKeysUiTest {

    @RegisterExtension
    static final UiFixture fx = UiFixture.demo();

    MainViewModel main;
    Path runs;

    @Start
    void start(Stage stage) {
        main = fx.showDesktop(stage);
        runs = fx.dir().resolve("runs-" + System.nanoTime());
    }

    @AfterEach
    void closeLeftoverDialogs() throws Exception {
        fx.closeWindows(HookedTable.SERVICE);
    }

    @Test
    void enterInTheFailureDialogClosesItAndNeverRunsTheHookAgain(FxRobot robot) throws IOException {
        fx.hooks.install(HookedTable.SERVICE, "echo run >> '" + runs + "'\necho 'radius: refused' >&2\nexit 1");
        fx.openAnOpenService(robot, main);
        replaceText(robot, "#field-d04", "enter twice");
        robot.press(KeyCode.CONTROL).type(KeyCode.S).release(KeyCode.CONTROL);
        waitUntil(() -> UiFixture.showing(robot, "#hook-failure-dialog"));
        assertThat(onFx(() -> robot.lookup("#run-hook-again").tryQuery().isPresent()))
                .as("offered to the supervisor, who is the one who could press Enter on it").isTrue();

        robot.type(KeyCode.ENTER);

        waitUntil(() -> robot.lookup("#hook-failure-dialog").tryQuery().isEmpty());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#confirm-dialog").tryQuery()).isEmpty();
        assertThat(hookRunning(robot)).isFalse();
        assertThat(Files.readAllLines(runs)).hasSize(1);
        assertThat(onFx(() -> robot.lookup("#field-d04").queryAs(TextField.class).getText())).isEqualTo("enter twice");
    }

    @Test
    void runHookAgainInTheFailureDialogAsksFirstAndEnterThereRunsNothing(FxRobot robot) throws IOException {
        fx.hooks.install(HookedTable.SERVICE, "echo run >> '" + runs + "'\nexit 1");
        fx.openAnOpenService(robot, main);
        replaceText(robot, "#field-d04", "asked first");
        robot.press(KeyCode.CONTROL).type(KeyCode.S).release(KeyCode.CONTROL);
        waitUntil(() -> UiFixture.showing(robot, "#run-hook-again"));

        robot.clickOn("#run-hook-again");
        waitUntil(() -> UiFixture.showing(robot, "#confirm-dialog"));
        assertThat(onFx(() -> robot.lookup("#confirm-dialog").queryAs(DialogPane.class).getHeaderText()))
                .isEqualTo("Run service_hook again?");
        robot.type(KeyCode.ENTER);

        waitUntil(() -> robot.lookup("#confirm-dialog").tryQuery().isEmpty());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(hookRunning(robot)).isFalse();
        assertThat(Files.readAllLines(runs)).hasSize(1);
    }

    @Test
    void enterThatCancelsASlowHookAndEnterAgainCloseWithoutStartingItAgain(FxRobot robot) throws IOException {
        fx.hooks.install(HookedTable.SERVICE, "echo run >> '" + runs + "'\nsleep 30\nexit 0");
        fx.openAnOpenService(robot, main);
        replaceText(robot, "#field-d04", "slow");
        robot.press(KeyCode.CONTROL).type(KeyCode.S).release(KeyCode.CONTROL);
        waitUntil(() -> hookRunning(robot) && onFx(() -> robot.lookup("#cancel-hook").query().isFocused())
                && Files.exists(runs));

        robot.type(KeyCode.ENTER);
        waitUntil(() -> UiFixture.showing(robot, "#hook-failure-dialog"));
        assertThat(onFx(() -> robot.lookup("#hook-failure-dialog").queryAs(DialogPane.class).getHeaderText()))
                .startsWith("You cancelled service_hook");
        robot.type(KeyCode.ENTER);

        waitUntil(() -> robot.lookup("#hook-failure-dialog").tryQuery().isEmpty());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#confirm-dialog").tryQuery()).isEmpty();
        assertThat(hookRunning(robot)).isFalse();
        assertThat(Files.readAllLines(runs)).hasSize(1);
    }

    @Test
    void whileTheSaveNotificationShowsCtrlSSavesEscRevertsAndEnterChoosesInADropDown(FxRobot robot) {
        fx.hooks.install(HookedTable.SERVICE, "echo \"provisioned $NEW_d04\"\nexit 0");
        int n = fx.openAnOpenService(robot, main);
        replaceText(robot, "#field-d04", "first");
        robot.press(KeyCode.CONTROL).type(KeyCode.S).release(KeyCode.CONTROL);
        waitUntil(() -> notice(robot).isPresent() && "first".equals(fx.row(HookedTable.SERVICE, n).get("d04"))
                && !formTitle().endsWith("*"));

        // The cursor is still in the field: type on, and save again while the notification shows.
        robot.write(" second");
        waitUntil(() -> formTitle().endsWith("*"));
        assertThat(notice(robot)).isPresent();
        robot.press(KeyCode.CONTROL).type(KeyCode.S).release(KeyCode.CONTROL);
        waitUntil(() -> "first second".equals(fx.row(HookedTable.SERVICE, n).get("d04")) && !formTitle().endsWith("*"));

        // Esc puts back what was loaded.
        assertThat(notice(robot)).isPresent();
        robot.write("x");
        waitUntil(() -> formTitle().endsWith("*"));
        robot.type(KeyCode.ESCAPE);
        waitUntil(() -> "first second".equals(onFx(() -> robot.lookup("#field-d04").queryAs(TextField.class).getText())));
        assertThat(notice(robot)).as("Esc is the form's, not the notification's").isPresent();

        // Enter takes the entry typed for in a drop-down, and opens nothing.
        robot.interact(() -> robot.lookup("#field-state").query().requestFocus());
        robot.type(KeyCode.S, KeyCode.U, KeyCode.S, KeyCode.P);
        WaitForAsyncUtils.waitForFxEvents();
        robot.type(KeyCode.ENTER);
        waitUntil(() -> onFx(() -> comboText(robot, "#field-state")).equals("2 Suspended"));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#hook-output-dialog").tryQuery()).isEmpty();
    }

    @Test
    void afterShowOutputClosesTheCursorIsBackInTheFieldItCameFrom(FxRobot robot) {
        fx.hooks.install(HookedTable.SERVICE, "echo provisioned\nexit 0");
        int n = fx.openAnOpenService(robot, main);
        replaceText(robot, "#field-d04", "look");
        robot.press(KeyCode.CONTROL).type(KeyCode.S).release(KeyCode.CONTROL);
        waitUntil(() -> notice(robot).flatMap(MainWindowUiTest::showOutput).isPresent()
                && "look".equals(fx.row(HookedTable.SERVICE, n).get("d04")));

        robot.clickOn(onFx(() -> notice(robot).flatMap(MainWindowUiTest::showOutput).orElseThrow()));
        waitUntil(() -> UiFixture.showing(robot, "#hook-output-dialog"));
        robot.type(KeyCode.ENTER);
        waitUntil(() -> robot.lookup("#hook-output-dialog").tryQuery().isEmpty());

        robot.write("ed");
        waitUntil(() -> "looked".equals(onFx(() -> robot.lookup("#field-d04").queryAs(TextField.class).getText())));
    }

    @Test
    void aRunOpenedFromHistoryShowsItsOutputAndTheFailureDialogADozenVariables(FxRobot robot) {
        fx.hooks.install(HookedTable.SERVICE, "for i in 1 2 3 4 5 6 7 8 9 10 11 12; do echo \"line $i\"; done\nexit 2");
        fx.openAnOpenService(robot, main);
        replaceText(robot, "#field-d04", "history");
        robot.press(KeyCode.CONTROL).type(KeyCode.S).release(KeyCode.CONTROL);
        waitUntil(() -> UiFixture.showing(robot, "#hook-failure-dialog"));

        // The environment, opened: a useful number of lines, with Close still on the dialog.
        robot.clickOn(onFx(() -> robot.lookup("#hook-env").queryAs(TitledPane.class).lookup(".title")));
        waitUntil(() -> onFx(() -> robot.lookup("#hook-env-text").queryAs(TextArea.class).getHeight()) >= 8 * lineHeight(robot, "#hook-env-text"));
        Node close = onFx(() -> robot.lookup("#hook-failure-dialog").queryAs(DialogPane.class).lookupButton(
                javafx.scene.control.ButtonType.CLOSE));
        assertThat(onFx(() -> insideItsWindow(close))).isTrue();
        String duration = onFx(() -> robot.lookup("#hook-duration").queryAs(javafx.scene.control.Label.class).getText());
        robot.type(KeyCode.ENTER);
        waitUntil(() -> robot.lookup("#hook-failure-dialog").tryQuery().isEmpty());

        fx.openNewestRunFromHistory(robot);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(onFx(() -> robot.lookup("#run-stdout").queryAs(TextArea.class).getHeight()))
                .as("a dozen lines of output in sight").isGreaterThanOrEqualTo(8 * lineHeight(robot, "#run-stdout"));
        assertThat(onFx(() -> robot.lookup("#run-stdout").queryAs(TextArea.class).getText())).contains("line 12");
        // One measured duration, the same in the dialog the CSR saw and in History.
        assertThat(onFx(() -> robot.lookup("#run-duration").queryAs(javafx.scene.control.Label.class).getText()))
                .isEqualTo(duration);
        robot.type(KeyCode.ENTER);
        waitUntil(() -> robot.lookup("#hook-run-dialog").tryQuery().isEmpty());
    }


    private static void replaceText(FxRobot robot, String query, String text) {
        robot.interact(() -> robot.lookup(query).query().requestFocus());
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn(query);
        robot.interact(() -> robot.lookup(query).queryAs(TextField.class).clear());
        robot.write(text);
        waitUntil(() -> text.equals(onFx(() -> robot.lookup(query).queryAs(TextField.class).getText())));
    }

    /** On screen, not only built: under load a dialog's window shows a moment after its nodes exist. */
    private static boolean hookRunning(FxRobot robot) {
        return onFx(() -> robot.lookup("#hook-running").tryQuery().map(Node::isVisible).orElse(false));
    }

    private static boolean insideItsWindow(Node n) {
        javafx.geometry.Bounds b = n.localToScene(n.getBoundsInLocal());
        return b.getMinY() >= 0 && b.getMaxY() <= n.getScene().getHeight() && b.getHeight() > 0;
    }

    private static double lineHeight(FxRobot robot, String query) {
        return onFx(() -> robot.lookup(query).queryAs(TextArea.class).getFont().getSize() * 1.2);
    }

    private String formTitle() {
        return onFx(() -> main.selectedProperty().get() instanceof Workspace.Form f ? f.form().title() : "");
    }
}
