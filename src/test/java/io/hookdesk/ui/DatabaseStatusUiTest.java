package io.hookdesk.ui;

import io.hookdesk.testing.TestDatabase;
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
import org.testfx.api.FxToolkit;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import static io.hookdesk.ui.MainWindowUiTest.onFx;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The status bar tells the CSR when the database stops answering, and when it answers again, without waiting for a
 * save to fail. The test's own database is cut off for real: its connections (the session's pool) are ended and new
 * ones refused, as when its server goes away. The hooks directory's item, red while the directory is missing, is
 * the status bar's other warning.
 */
@ExtendWith(ApplicationExtension.class)
class DatabaseStatusUiTest {

    static {
        System.setProperty("headless.geometry", "1600x1000-32");
    }

    /** A database of this class's own, since it is cut off. */
    @RegisterExtension
    static final UiFixture fx = UiFixture.demo();

    private static final PseudoClass UNREACHABLE = PseudoClass.getPseudoClass("unreachable");
    private static final PseudoClass UNUSABLE = PseudoClass.getPseudoClass("unusable");

    MainViewModel main;

    @Start
    void start(Stage stage) {
        // Sessions over the fixture's services that leave them open when the window connects again.
        Connector connector = request -> new Session(fx.session.records(), fx.session.saves(),
                fx.session.databaseDescription(), UiFixture.CSR, true, null);
        main = DesktopUi.show(stage, connector, new ProfileStore(fx.dir().resolve("profiles.properties")),
                ConnectionRequest.embedded(UiFixture.CSR), new FxTaskExecutor(2), Clock.systemUTC());
        // Checked every 300 ms instead of 15 s, so the test waits on the check and not on the clock.
        main.databaseStatus().checkEvery(Duration.ofMillis(300), Platform::runLater);
    }

    @AfterEach
    void reopenAndClose() throws Exception {
        TestDatabase.reopen(url());
        FxToolkit.cleanupStages();
    }

    @Test
    void aDatabaseThatStopsAnsweringTurnsTheStatusRedUntilItAnswersAgain(FxRobot robot) {
        String description = fx.session.databaseDescription();
        waitUntil(() -> main.sessionProperty().get() != null && description.equals(databaseText(robot)));
        assertThat(onFx(() -> database(robot).getPseudoClassStates())).doesNotContain(UNREACHABLE);

        TestDatabase.cutOff(url());

        waitUntil(() -> onFx(() -> database(robot).getPseudoClassStates().contains(UNREACHABLE)));
        assertThat(databaseText(robot)).matches("Database unreachable since \\d\\d:\\d\\d — retrying");
        assertThat(onFx(() -> database(robot).getTooltip().getText())).contains("cannot reach " + description)
                .contains("save again when the status bar shows the database again")
                .containsAnyOf("is not currently accepting connections", "terminating connection");

        TestDatabase.reopen(url());

        waitUntil(() -> !onFx(() -> database(robot).getPseudoClassStates().contains(UNREACHABLE)));
        assertThat(databaseText(robot)).isEqualTo(description);
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
