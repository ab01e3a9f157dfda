package io.hookdesk.ui;

import io.hookdesk.model.HookedTable;
import io.hookdesk.testing.TestDatabase;
import io.hookdesk.ui.connect.ConnectionRequest;
import io.hookdesk.ui.connect.Connector;
import io.hookdesk.ui.connect.ProfileStore;
import io.hookdesk.ui.connect.Session;
import io.hookdesk.ui.task.FxTaskExecutor;
import javafx.application.Platform;
import javafx.css.PseudoClass;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.controlsfx.control.MaskerPane;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.hookdesk.ui.MainWindowUiTest.onFx;
import static io.hookdesk.ui.MainWindowUiTest.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A CSR saves while the database is away (its connections ended and new ones refused, as when the server stops):
 * the save says the database cannot be reached and that nothing was saved, the edits stay in the form, the status
 * bar turns red because the save failed (the periodic check is an hour away here), the cover never claims a hook
 * runs, and History says the same in words, not the pool's. How fast it says so is bounded by the pool's connection
 * timeout (3 s, {@code db.Database}); that is measured in the hand-over, not timed here.
 */
@ExtendWith(ApplicationExtension.class)
class DatabaseOutageUiTest {

    static {
        System.setProperty("headless.geometry", "1600x1000-32");
    }

    /** A database of this class's own, since it is cut off. */
    @RegisterExtension
    static final UiFixture fx = UiFixture.demo();

    private static final PseudoClass UNREACHABLE = PseudoClass.getPseudoClass("unreachable");

    MainViewModel main;

    @Start
    void start(Stage stage) {
        Connector connector = request -> new Session(fx.session.records(), fx.session.saves(),
                fx.session.databaseDescription(), UiFixture.CSR, true, null);
        main = DesktopUi.show(stage, connector, new ProfileStore(fx.dir().resolve("profiles.properties")),
                ConnectionRequest.embedded(UiFixture.CSR), new FxTaskExecutor(2), Clock.systemUTC());
        // No periodic check during the test: only the failed save can turn the status red.
        main.databaseStatus().checkEvery(Duration.ofHours(1), Platform::runLater);
    }

    @AfterEach
    void reopenAndClose() throws Exception {
        TestDatabase.reopen(fx.context.database().description());
        FxToolkit.cleanupStages();
        fx.hooks.remove(HookedTable.SERVICE);
    }

    @Test
    void aSaveDuringAnOutageSaysTheDatabaseCannotBeReachedKeepsTheEditsAndNeverClaimsAHookRuns(FxRobot robot)
            throws Exception {
        Path ran = fx.dir().resolve("ran-" + System.nanoTime());
        fx.hooks.install(HookedTable.SERVICE, "touch '" + ran + "'\nexit 0");
        waitUntil(() -> main.sessionProperty().get() != null);
        int n = fx.anOpenService();
        robot.interact(() -> main.open(HookedTable.SERVICE, n));
        waitUntil(() -> robot.lookup("#field-d04").tryQuery().isPresent()
                && !onFx(() -> robot.lookup("#field-d01").queryAs(TextField.class).getText()).isEmpty());
        robot.interact(() -> robot.lookup("#field-d04").query().requestFocus());
        robot.clickOn("#field-d04");
        robot.interact(() -> robot.lookup("#field-d04").queryAs(TextField.class).clear());
        robot.write("during the outage");
        waitUntil(() -> "during the outage".equals(onFx(() -> robot.lookup("#field-d04").queryAs(TextField.class).getText())));
        List<String> covers = new CopyOnWriteArrayList<>();
        robot.interact(() -> robot.lookup("#hook-running").queryAs(MaskerPane.class).textProperty()
                .addListener((obs, was, now) -> covers.add(now)));

        TestDatabase.cutOff(fx.context.database().description());
        robot.press(KeyCode.CONTROL).type(KeyCode.S).release(KeyCode.CONTROL);

        waitUntil(() -> robot.lookup("#error-dialog").tryQuery().map(p -> onFx(() -> p.getScene().getWindow().isShowing()))
                .orElse(false));
        assertThat(onFx(() -> robot.lookup("#error-dialog").queryAs(DialogPane.class).getHeaderText()))
                .isEqualTo("Not saved: the database cannot be reached");
        assertThat(onFx(() -> robot.lookup("#error-dialog-message").queryAs(Label.class).getText()))
                .contains("Nothing was saved").contains("Your edits are still in the form")
                .doesNotContain("refused the change").doesNotContain("Hikari");
        waitUntil(() -> onFx(() -> robot.lookup("#status-database").query().getPseudoClassStates().contains(UNREACHABLE)));

        robot.type(KeyCode.ENTER);
        waitUntil(() -> robot.lookup("#error-dialog").tryQuery().isEmpty());
        assertThat(onFx(() -> robot.lookup("#field-d04").queryAs(TextField.class).getText())).isEqualTo("during the outage");
        assertThat(onFx(() -> main.selectedProperty().get() instanceof Workspace.Form f ? f.form().title() : "")).endsWith("*");
        assertThat(covers).as("what the cover said").isNotEmpty().noneMatch(t -> t.startsWith("Running"));
        assertThat(Files.exists(ran)).isFalse();

        robot.clickOn("#form-history-tab");
        robot.clickOn("#history-refresh");
        waitUntil(() -> historyStatus(robot).startsWith("Could not load the hook runs: the database cannot be reached"));
        assertThat(historyStatus(robot)).doesNotContain("Hikari").doesNotContain("data source");
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static String historyStatus(FxRobot robot) {
        return onFx(() -> robot.lookup("#history-table").queryAs(javafx.scene.control.TableView.class).getPlaceholder()
                instanceof Label l ? l.getText() : "");
    }
}
