package io.hookdesk.ui;

import io.hookdesk.model.HookRun;
import io.hookdesk.model.HookedTable;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuBar;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.input.KeyCode;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.util.List;

import static io.hookdesk.ui.MainWindowUiTest.comboText;
import static io.hookdesk.ui.MainWindowUiTest.onFx;
import static io.hookdesk.ui.MainWindowUiTest.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a CSR sees and reaches with the keyboard in the 1366x768 window: a new payment's form, the navigation's
 * highlight, Alt+F, the form not moving under the pointer when its message line appears, History's columns, the focus
 * on a drop-down, and what "Copy as shell" says it left out.
 */
@ExtendWith(ApplicationExtension.class)
class CsrScreenUiTest {

    @RegisterExtension
    static final UiFixture fx = UiFixture.demo();

    MainViewModel main;
    Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        main = fx.showDesktop(stage, 1366, 768);
    }

    @AfterEach
    void closeLeftoverDialogs() throws Exception {
        fx.closeWindows(HookedTable.SERVICE);
    }

    @Test
    void aNewPaymentSaysSoStartsInTheAccountAndNamesItsKinds(FxRobot robot) {
        waitUntil(() -> main.sessionProperty().get() != null && robot.lookup("#nav-payments").tryQuery().isPresent());
        robot.clickOn("#nav-payments");
        waitUntil(() -> onFx(() -> main.selectedProperty().get() instanceof Workspace.Search s && s.section() == Section.PAYMENTS));
        robot.press(KeyCode.CONTROL).type(KeyCode.N).release(KeyCode.CONTROL);

        waitUntil(() -> robot.lookup("#field-account").tryQuery().map(n -> onFx(n::isFocused)).orElse(false));
        assertThat(onFx(() -> ((Workspace.Form) main.selectedProperty().get()).form().title())).isEqualTo("New payment *");
        assertThat(onFx(() -> comboText(robot, "#field-kind"))).isEqualTo("2 Payment");
        assertThat(onFx(() -> robot.lookup("#field-kind").queryAs(ComboBox.class).getItems().stream()
                .map(c -> ((io.hookdesk.ui.form.Code) c).display()).toList()))
                .contains("1 Sale", "2 Payment", "4 Refund");
        robot.write("1");
        robot.type(KeyCode.ENTER);
        waitUntil(() -> "1".equals(onFx(() -> robot.lookup("#field-account").queryAs(TextField.class).getText())));
    }

    @Test
    void theNavigationFollowsTheTabInFrontAndAClickOnItGoesBackToTheSearch(FxRobot robot) {
        waitUntil(() -> main.sessionProperty().get() != null);
        int n = fx.anOpenService();
        robot.interact(() -> main.open(HookedTable.SERVICE, n));
        waitUntil(() -> robot.lookup("#field-d01").tryQuery().isPresent());
        waitUntil(() -> navigationHighlight(robot) == Section.SERVICES);
        robot.interact(() -> main.open(HookedTable.ACCOUNT, 1));
        waitUntil(() -> navigationHighlight(robot) == Section.ACCOUNTS);

        robot.clickOn("#nav-accounts");
        waitUntil(() -> onFx(() -> main.selectedProperty().get() instanceof Workspace.Search s && s.section() == Section.ACCOUNTS));
    }

    @Test
    void altFOpensTheFileMenuFromAField(FxRobot robot) {
        fx.openAnOpenService(robot, main);
        robot.interact(() -> robot.lookup("#field-d04").query().requestFocus());

        robot.press(KeyCode.ALT).type(KeyCode.F).release(KeyCode.ALT);

        waitUntil(() -> onFx(() -> robot.lookup("#menu").queryAs(MenuBar.class).getMenus().get(0).isShowing()));
        robot.type(KeyCode.ESCAPE);
        waitUntil(() -> !onFx(() -> robot.lookup("#menu").queryAs(MenuBar.class).getMenus().get(0).isShowing()));
    }

    @Test
    void theFormStaysPutWhenItsMessageLineAppearsAndHistoryShowsEveryColumnWhole(FxRobot robot) {
        fx.hooks.install(HookedTable.SERVICE, "echo refused >&2\nexit 1");
        fx.openAnOpenService(robot, main);
        robot.interact(() -> robot.lookup("#field-d04").query().requestFocus());
        robot.interact(() -> robot.lookup("#field-d04").queryAs(TextField.class).setText("moves?"));
        WaitForAsyncUtils.waitForFxEvents();
        double before = onFx(() -> screenY(robot.lookup("#field-d04").query()));
        robot.press(KeyCode.CONTROL).type(KeyCode.S).release(KeyCode.CONTROL);
        waitUntil(() -> robot.lookup("#hook-failure-dialog").tryQuery().map(p -> onFx(() -> p.getScene().getWindow().isShowing())).orElse(false));
        robot.type(KeyCode.ENTER);
        waitUntil(() -> robot.lookup("#hook-failure-dialog").tryQuery().isEmpty());

        assertThat(onFx(() -> robot.lookup("#form-message").queryAs(Label.class).getText())).isNotEmpty();
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(onFx(() -> screenY(robot.lookup("#field-d04").query()))).isEqualTo(before);

        robot.clickOn("#form-history-tab");
        waitUntil(() -> onFx(() -> !robot.lookup("#history-table").queryAs(TableView.class).getItems().isEmpty()));
        WaitForAsyncUtils.waitForFxEvents();
        TableView<HookRun> history = onFx(() -> robot.lookup("#history-table").queryAs(TableView.class));
        assertThat(onFx(() -> history.getColumns().stream().map(TableColumn::getText).toList())).contains("Operation");
        assertThat(onFx(() -> history.getItems().get(0).operation())).isEqualTo("update");
        List<String> cut = onFx(() -> history.lookupAll(".table-cell").stream()
                .filter(c -> c instanceof Labeled l && l.getText() != null && !l.getText().isEmpty() && c.isVisible())
                .filter(c -> !(c instanceof javafx.scene.control.TableCell<?, ?> tc && "Message".equals(tc.getTableColumn().getText())))
                .filter(c -> c.lookup(".text") instanceof Text t && !t.getText().equals(((Labeled) c).getText()))
                .map(c -> ((Labeled) c).getText()).toList());
        assertThat(cut).as("cells cut short (…)").isEmpty();
    }

    @Test
    void aFocusedDropDownShowsARingAndCopyAsShellSaysWhichSecretsItLeftOut(FxRobot robot) {
        fx.openAnOpenService(robot, main);
        robot.interact(() -> robot.lookup("#field-state").query().requestFocus());
        waitUntil(() -> onFx(() -> robot.lookup("#field-state").query().isFocused()));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(onFx(() -> {
            javafx.scene.layout.Region state = robot.lookup("#field-state").queryAs(javafx.scene.layout.Region.class);
            return state.getBorder() != null && !state.getBorder().getStrokes().isEmpty();
        })).as("a focus ring on the drop-down").isTrue();

        ToggleButton toggle = robot.lookup("#env-toggle").queryAs(ToggleButton.class);
        if (!onFx(toggle::isSelected)) {
            robot.clickOn(toggle);
        }
        waitUntil(() -> robot.lookup("#env-copy").tryQuery().map(n -> onFx(n::isVisible)).orElse(false));
        robot.clickOn("#env-copy");
        waitUntil(() -> !onFx(() -> robot.lookup("#env-copied").queryAs(Label.class).getText()).isEmpty());
        assertThat(onFx(() -> robot.lookup("#env-copied").queryAs(Label.class).getText()))
                .startsWith("Copied, without ").contains("NEW_d02").contains("set");
    }


    private static double screenY(Node n) {
        return n.localToScreen(n.getBoundsInLocal()).getMinY();
    }

    private static Section navigationHighlight(FxRobot robot) {
        return onFx(() -> (Section) robot.lookup("#navigation").queryAs(ListView.class).getSelectionModel().getSelectedItem());
    }
}
