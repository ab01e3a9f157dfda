package io.hookdesk.ui;

import io.hookdesk.ui.connect.ConnectionRequest;
import io.hookdesk.ui.connect.ProfileStore;
import io.hookdesk.ui.task.FxTaskExecutor;
import javafx.scene.control.DialogPane;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.time.Clock;

import static io.hookdesk.ui.MainWindowUiTest.onFx;
import static io.hookdesk.ui.MainWindowUiTest.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Dialogs as a window manager shows them: sized by their content, centred on the main window, the main window's
 * maximised state left alone, and the rest of HookDesk waiting while one is open. (What openbox itself does is
 * checked by {@code tools/screenshots.sh} in a real X server.)
 */
@ExtendWith(ApplicationExtension.class)
class DialogsUiTest {

    @RegisterExtension
    static final UiFixture fx = UiFixture.demo();

    MainViewModel main;
    Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        main = fx.showDesktop(stage);
    }

    @AfterEach
    void closeLeftoverDialogsAndUnmaximise() throws Exception {
        fx.closeWindows();
    }

    @Test
    void aDialogIsCentredOnTheMainWindowAtItsContentSizeAndTheMainWindowWaitsUntilItCloses(FxRobot robot) {
        waitUntil(() -> main.sessionProperty().get() != null && robot.lookup("#search-field").tryQuery().isPresent());
        robot.interact(() -> stage.setMaximized(true));
        waitUntil(() -> onFx(stage::isMaximized));

        robot.press(KeyCode.CONTROL, KeyCode.SHIFT).type(KeyCode.O).release(KeyCode.SHIFT, KeyCode.CONTROL);
        waitUntil(() -> robot.lookup("#connect-dialog").tryQuery().isPresent());
        DialogPane pane = robot.lookup("#connect-dialog").queryAs(DialogPane.class);
        Window dialog = onFx(() -> pane.getScene().getWindow());
        waitUntil(() -> onFx(() -> Math.abs(dialog.getX() + dialog.getWidth() / 2 - (stage.getX() + stage.getWidth() / 2)) < 2));
        assertThat(onFx(() -> pane.getWidth())).isGreaterThanOrEqualTo(onFx(() -> pane.prefWidth(-1)) - 1);
        assertThat(onFx(() -> pane.getHeight())).isGreaterThanOrEqualTo(onFx(() -> pane.prefHeight(pane.getWidth())) - 1);
        assertThat(onFx(() -> dialog.getY())).isGreaterThanOrEqualTo(onFx(stage::getY));

        // The main window takes no input meanwhile: a click on another section does not open it.
        robot.clickOn("#nav-users");
        assertThat(onFx(() -> main.selectedProperty().get() instanceof Workspace.Search s ? s.section() : null))
                .isEqualTo(Section.ACCOUNTS);
        assertThat(onFx(stage::isMaximized)).isTrue();

        robot.clickOn(onFx(() -> pane.lookupButton(javafx.scene.control.ButtonType.CANCEL)));
        waitUntil(() -> robot.lookup("#connect-dialog").tryQuery().isEmpty());
        assertThat(onFx(stage::isMaximized)).isTrue();
        robot.clickOn("#nav-users");
        waitUntil(() -> onFx(() -> main.selectedProperty().get() instanceof Workspace.Search s
                && s.section() == Section.USERS));
    }

    @Test
    void theDarkThemeFromTheViewMenuIsAppliedAndRememberedForTheNextStart(FxRobot robot) {
        waitUntil(() -> main.sessionProperty().get() != null);
        assertThat(onFx(javafx.application.Application::getUserAgentStylesheet))
                .isEqualTo(new atlantafx.base.theme.PrimerLight().getUserAgentStylesheet());

        robot.clickOn("View").clickOn("#theme-dark");

        waitUntil(() -> new atlantafx.base.theme.PrimerDark().getUserAgentStylesheet()
                .equals(onFx(javafx.application.Application::getUserAgentStylesheet)));
        assertThat(new DesktopPrefs(fx.dir().resolve("desktop.properties")).get("theme", "")).isEqualTo("dark");


        // The next start: the window comes up dark.
        robot.interact(DesktopUi.Theme.LIGHT::apply);
        robot.interact(() -> DesktopUi.show(new Stage(), request -> fx.session,
                new ProfileStore(fx.dir().resolve("profiles.properties")), ConnectionRequest.embedded(UiFixture.CSR),
                new FxTaskExecutor(1), Clock.systemUTC()));
        assertThat(onFx(javafx.application.Application::getUserAgentStylesheet))
                .isEqualTo(new atlantafx.base.theme.PrimerDark().getUserAgentStylesheet());
    }

    @Test
    void ctrlAndASectionNumberPutsTheCursorInThatSectionsSearchBox(FxRobot robot) {
        waitUntil(() -> main.sessionProperty().get() != null && robot.lookup("#search-field").tryQuery().isPresent());

        robot.press(KeyCode.CONTROL).type(KeyCode.DIGIT3).release(KeyCode.CONTROL);
        waitUntil(() -> onFx(() -> stage.getScene().getFocusOwner() != null
                && "search-field".equals(stage.getScene().getFocusOwner().getId())
                && main.selectedProperty().get() instanceof Workspace.Search s && s.section() == Section.SERVICES));
        robot.write("nlovelace");
        assertThat(onFx(() -> ((Workspace.Search) main.selectedProperty().get()).search().queryProperty().get()))
                .isEqualTo("nlovelace");
    }

    @Test
    void anErrorNothingCaughtOnTheFxThreadIsShownInAnExceptionDialog(FxRobot robot) {
        waitUntil(() -> main.sessionProperty().get() != null);

        javafx.application.Platform.runLater(() -> {
            throw new IllegalStateException("a handler broke");
        });

        waitUntil(() -> robot.lookup("#crash-dialog").tryQuery().isPresent());
        assertThat(onFx(() -> robot.lookup("#crash-dialog").queryAs(DialogPane.class).getHeaderText()))
                .startsWith("Something went wrong inside HookDesk: a handler broke");
        assertThat(onFx(() -> robot.lookup("#crash-dialog").queryAs(DialogPane.class).getExpandableContent()))
                .as("the stack trace, for whoever looks after HookDesk").isNotNull();
    }
}
