package io.hookdesk.ui;

import io.hookdesk.model.HookedTable;
import io.hookdesk.ui.form.FormOverlays;
import io.hookdesk.ui.form.RecordFormView;
import io.hookdesk.ui.form.RecordFormViewModel;
import io.hookdesk.ui.task.SameThreadTaskExecutor;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.time.Clock;
import java.util.List;

import static io.hookdesk.ui.MainWindowUiTest.onFx;
import static io.hookdesk.ui.MainWindowUiTest.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A record that has loaded before its view is on screen (a quick database, the tab not yet laid out) still gets the
 * cursor in its first field once it is shown: seen in a real window, where the cursor stayed in the list the record
 * was opened from and what the CSR typed next went nowhere.
 */
@ExtendWith(ApplicationExtension.class)
class FirstFieldFocusUiTest {

    @RegisterExtension
    static final UiFixture fx = UiFixture.demo();

    StackPane window;
    Button list;

    @Start
    void start(Stage stage) {
        list = new Button("the list the record was opened from");
        window = new StackPane(list);
        stage.setScene(new Scene(window, 1200, 800));
        stage.show();
        list.requestFocus();
    }

    @AfterEach
    void close() throws Exception {
        FxToolkit.cleanupStages();
    }

    @Test
    void aRecordLoadedBeforeItIsShownTakesTheCursorWhenShown(FxRobot robot) {
        int n = fx.anOpenService();
        RecordFormViewModel form = new RecordFormViewModel(HookedTable.SERVICE, fx.session, new SameThreadTaskExecutor(),
                new FakeDialogs(), new FormOverlays(), Clock.systemUTC());
        form.open(n);
        assertThat(form.readyProperty().get()).isTrue();
        RecordFormView view = onFx(() -> new RecordFormView(form, List.of()));
        waitUntil(() -> onFx(list::isFocused));

        robot.interact(() -> window.getChildren().setAll(view));

        waitUntil(() -> onFx(() -> robot.lookup("#field-servdef").query().isFocused()));
        assertThat(onFx(() -> robot.lookup("#field-user").query().isFocused())).isFalse();
    }
}
