package io.hookdesk.ui;

import io.hookdesk.testing.TestDatabase;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.List;
import org.controlsfx.control.MaskerPane;
import javafx.scene.input.KeyCode;
import javafx.scene.control.TextField;
import javafx.scene.control.DialogPane;
import io.hookdesk.model.HookedTable;
import io.hookdesk.ui.connect.ConnectionRequest;
import io.hookdesk.ui.connect.Connector;
import io.hookdesk.ui.connect.Session;
import io.hookdesk.ui.connect.ProfileStore;
import io.hookdesk.ui.task.FxTaskExecutor;
import javafx.application.Platform;
import javafx.css.PseudoClass;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import static io.hookdesk.ui.MainWindowUiTest.onFx;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The status bar tells the CSR when the database stops answering, and when it answers again, without waiting for a
 * save to fail; a save during the outage says the database cannot be reached. The test's own database is cut off for
 * real: its connections (the session's pool) are ended and new ones refused, as when its server goes away. The hooks
 * directory's item, red while the directory is missing, and the connection's "TLS not verified" are the status bar's
 * other warnings.
 */
@ExtendWith(ApplicationExtension.class)
class DatabaseStatusUiTest {

    /** A database of this class's own, since it is cut off. */
    @RegisterExtension
    static final UiFixture fx = UiFixture.demo();

    private static final PseudoClass UNREACHABLE = PseudoClass.getPseudoClass("unreachable");
    private static final PseudoClass UNUSABLE = PseudoClass.getPseudoClass("unusable");

    MainViewModel main;
    /** What the next session says it is connected to: the fixture's own database unless a test says otherwise. */
    volatile String description = fx.session.databaseDescription();

    @Start
    void start(Stage stage) {
        // Sessions over the fixture's services that leave them open when the window connects again.
        Connector connector = request -> new Session(fx.session.records(), fx.session.saves(),
                description, UiFixture.CSR, true, null);
        main = DesktopUi.show(stage, connector, new ProfileStore(fx.dir().resolve("profiles.properties")),
                ConnectionRequest.embedded(UiFixture.CSR), new FxTaskExecutor(2), Clock.systemUTC());
        // Checked every 300 ms instead of 15 s, so the test waits on the check and not on the clock.
        main.databaseStatus().checkEvery(Duration.ofMillis(300), Platform::runLater);
    }

    @AfterEach
    void reopenAndClose() throws Exception {
        TestDatabase.reopen(url());
        fx.closeWindows(HookedTable.SERVICE);
    }

    @Test
    void aDatabaseThatStopsAnsweringTurnsTheStatusRedUntilItAnswersAgain(FxRobot robot) {
        String description = fx.session.databaseDescription();
        waitUntil(() -> main.sessionProperty().get() != null && description.equals(databaseText(robot)));
        assertThat(onFx(() -> database(robot).getPseudoClassStates())).doesNotContain(UNREACHABLE);

        TestDatabase.cutOff(url());

        waitUntil(() -> onFx(() -> database(robot).getPseudoClassStates().contains(UNREACHABLE)));
        assertThat(databaseText(robot)).matches("Database unreachable since \\d\\d:\\d\\d — reconnecting…");
        assertThat(onFx(() -> database(robot).getTooltip().getText())).contains("cannot reach " + description)
                .contains("save again when the status bar shows the database again")
                .containsAnyOf("is not currently accepting connections", "terminating connection");

        TestDatabase.reopen(url());

        waitUntil(() -> !onFx(() -> database(robot).getPseudoClassStates().contains(UNREACHABLE)));
        // Back, saying which server answered (after a failover, the promoted standby: FailoverStatusTest).
        waitUntil(() -> databaseText(robot).startsWith(description + " — back on "));
        assertThat(databaseText(robot)).matches(Pattern.quote(description)
                + " — back on \\S+:" + TestDatabase.port() + " since \\d\\d:\\d\\d");
        assertThat(onFx(() -> database(robot).getTooltip())).isNull();
    }

    @Test
    void aMissingHooksDirectoryStaysRedWithItsReason(FxRobot robot) throws Exception {
        waitUntil(() -> main.sessionProperty().get() != null);
        assertThat(onFx(() -> hooks(robot).getPseudoClassStates())).doesNotContain(UNUSABLE);
        Path dir = fx.hooks.dir();
        Path away = dir.resolveSibling("hooks-away");
        Files.move(dir, away);
        try {
            robot.interact(() -> main.connect(ConnectionRequest.embedded(UiFixture.CSR)));

            waitUntil(() -> onFx(() -> hooks(robot).getPseudoClassStates().contains(UNUSABLE)));
            assertThat(onFx(() -> hooks(robot).getText())).isEqualTo("Hooks: " + dir + " (unusable: every save is refused)");
            assertThat(onFx(() -> hooks(robot).getTooltip().getText())).contains(dir + " does not exist");
        } finally {
            Files.move(away, dir);
        }
    }

    @Test
    void aHooksDirectoryThatGoesAwayMidSessionTurnsRedWithoutReconnectingAndClearsWhenBack(FxRobot robot)
            throws Exception {
        waitUntil(() -> main.sessionProperty().get() != null && onFx(() -> hooks(robot).getText()).startsWith("Hooks: "));
        assertThat(onFx(() -> hooks(robot).getPseudoClassStates())).doesNotContain(UNUSABLE);
        Path dir = fx.hooks.dir();
        Path away = dir.resolveSibling("hooks-away");
        Files.move(dir, away);
        try {
            waitUntil(() -> onFx(() -> hooks(robot).getPseudoClassStates().contains(UNUSABLE)));
            assertThat(onFx(() -> hooks(robot).getTooltip().getText())).contains(dir + " does not exist");
        } finally {
            Files.move(away, dir);
        }
        waitUntil(() -> !onFx(() -> hooks(robot).getPseudoClassStates().contains(UNUSABLE)));
        assertThat(onFx(() -> hooks(robot).getText())).isEqualTo("Hooks: " + dir);
        assertThat(onFx(() -> hooks(robot).getTooltip())).isNull();
    }

    @Test
    void aSaveDuringAnOutageSaysTheDatabaseCannotBeReachedKeepsTheEditsAndNeverClaimsAHookRuns(FxRobot robot)
            throws Exception {
        // No periodic check during this test: only the failed save can turn the status red.
        robot.interact(() -> main.databaseStatus().checkEvery(Duration.ofHours(1), Platform::runLater));
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

    @Test
    void aDatabaseOnAnotherMachineReachedWithoutCheckingItsCertificateIsSaidInTheStatusBar(FxRobot robot) {
        String local = fx.session.databaseDescription();
        waitUntil(() -> main.sessionProperty().get() != null && local.equals(databaseText(robot)));
        assertThat(onFx(() -> database(robot).getTooltip())).as("a local database has no TLS warning").isNull();

        description = "jdbc:postgresql://billing.isp.example:5432/billmax?sslmode=require as alice";
        robot.interact(() -> main.connect(ConnectionRequest.embedded(UiFixture.CSR)));

        waitUntil(() -> databaseText(robot).startsWith("jdbc:postgresql://billing.isp.example"));
        assertThat(databaseText(robot)).isEqualTo(description + " — TLS not verified");
        assertThat(onFx(() -> database(robot).getTooltip().getText()))
                .contains("billing.isp.example:5432 does not verify the server (sslmode=require)")
                .contains("sslmode=verify-full");
        assertThat(onFx(() -> database(robot).getPseudoClassStates())).doesNotContain(UNREACHABLE);

        description = "jdbc:postgresql://billing.isp.example:5432/billmax?sslmode=verify-full&sslrootcert=/etc/isp-ca.pem as alice";
        robot.interact(() -> main.connect(ConnectionRequest.embedded(UiFixture.CSR)));

        waitUntil(() -> databaseText(robot).contains("verify-full"));
        assertThat(databaseText(robot)).isEqualTo(description);
        assertThat(onFx(() -> database(robot).getTooltip())).isNull();
    }

    private static String historyStatus(FxRobot robot) {
        return onFx(() -> robot.lookup("#history-table").queryAs(javafx.scene.control.TableView.class).getPlaceholder()
                instanceof Label l ? l.getText() : "");
    }

    private static Label hooks(FxRobot robot) {
        return robot.lookup("#status-hooks").queryAs(Label.class);
    }

    private static String url() {
        return fx.context.database().description();
    }

    private static Label database(FxRobot robot) {
        return robot.lookup("#status-database").queryAs(Label.class);
    }

    private static String databaseText(FxRobot robot) {
        return onFx(() -> database(robot).getText());
    }

    /** A lost database shows once the pool gives up on it (its 10 s connection timeout), hence the longer wait. */
    private static void waitUntil(Callable<Boolean> condition) {
        try {
            WaitForAsyncUtils.waitFor(45, TimeUnit.SECONDS, condition);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("condition not met within 45 s", e);
        }
    }
}
