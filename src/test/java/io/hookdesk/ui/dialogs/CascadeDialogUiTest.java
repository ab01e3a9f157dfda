package io.hookdesk.ui.dialogs;

import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.DialogPane;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The "cascade or only this record?" dialog on screen (issue 21 item 4): the records with their count, each one's
 * variables shown when it is selected, and the CSR's choice returned.
 */
@ExtendWith(ApplicationExtension.class)
class CascadeDialogUiTest {

    private static <T> T onFx(java.util.concurrent.Callable<T> read) throws Exception {
        return WaitForAsyncUtils.asyncFx(read).get();
    }

    private Stage stage;
    private CascadeDialog dialog;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        stage.setScene(new Scene(new StackPane(), 800, 600));
        stage.show();
    }

    @AfterEach
    void close() throws Exception {
        FxToolkit.cleanupStages();
    }

    private static CascadeReport.Entry entry(String label, String number) {
        Map<String, String> env = new TreeMap<>(Map.of("HOOK_CASCADE", "1", "HOOK_CASCADE_FROM", "account:1042",
                "NEW_number", number, "NEW_d02", "********"));
        return new CascadeReport.Entry(label, new TreeMap<>(env));
    }

    @Test
    void selectingARecordShowsItsVariablesAndTheChoiceIsReturned(FxRobot robot) throws Exception {
        CascadeReport report = new CascadeReport("Suspend account 1042 and everything under it?",
                "account:1042: 2 records change to Suspended, 2 hooks run", List.of(
                entry("account 1042: Open -> Suspended, account_hook runs", "1042"),
                entry("service 9001: Open -> Suspended, service_hook runs", "9001")),
                List.of("service 9002: Closed, Closed is beyond Suspended: stays Closed"), null);
        robot.interact(() -> {
            dialog = new CascadeDialog(stage, report);
            dialog.show();
            // As openbox opens it: at its least size.
            dialog.setHeight(dialog.getDialogPane().minHeight(-1));
        });
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> robot.lookup("#cascade-dialog").tryQuery().isPresent());
        DialogPane pane = robot.lookup("#cascade-dialog").queryAs(DialogPane.class);
        ListView<?> records = robot.lookup("#cascade-records").queryAs(ListView.class);
        TableView<?> variables = robot.lookup("#cascade-environment").queryAs(TableView.class);

        assertThat(pane.getHeaderText()).isEqualTo("account:1042: 2 records change to Suspended, 2 hooks run");
        assertThat(records.getItems()).hasSize(2);
        // Room for several records and variables: a window manager that opens the dialog at its content's least size
        // showed one line of each (seen under openbox at 1366x768).
        assertThat(onFx(() -> Math.min(records.getHeight(), variables.getHeight()))).isGreaterThanOrEqualTo(150.0);
        assertThat(variables.getItems()).extracting(Object::toString).contains("NEW_number=1042");

        robot.interact(() -> records.getSelectionModel().select(1));
        assertThat(variables.getItems()).extracting(Object::toString)
                .contains("NEW_number=9001", "HOOK_CASCADE_FROM=account:1042", "NEW_d02=********");
        assertThat(robot.lookup("#cascade-left").tryQuery()).isPresent();

        Button all = (Button) pane.lookupButton(pane.getButtonTypes().get(0));
        assertThat(all.getText()).isEqualTo("Change all 2");
        assertThat(pane.getButtonTypes()).contains(ButtonType.CANCEL).hasSize(3);
        robot.clickOn(all);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !dialog.isShowing());
        assertThat(dialog.getResult()).isEqualTo(CascadeChoice.CASCADE);
    }
}
