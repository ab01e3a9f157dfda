package io.hookdesk.ui;

import io.hookdesk.model.HookedTable;
import io.hookdesk.ui.form.Code;
import io.hookdesk.ui.form.FormOverlays;
import io.hookdesk.ui.form.ListColumns;
import io.hookdesk.ui.form.RecordFormView;
import io.hookdesk.ui.form.RecordFormViewModel;
import io.hookdesk.ui.search.ListColumn;
import io.hookdesk.ui.search.SearchView;
import io.hookdesk.ui.search.SearchViewModel;
import io.hookdesk.ui.task.SameThreadTaskExecutor;
import javafx.scene.Scene;
import javafx.scene.control.ComboBox;
import javafx.scene.control.TableCell;
import javafx.scene.control.TextField;
import javafx.scene.layout.StackPane;
import javafx.scene.text.Text;
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
 * The desktop's money and enum fields on screen, on a database an ISP migrated from MySQL: a numeric balance is shown
 * as stored and typed as currency (20 previews as 20.00), integer cents are shown as currency, an enum state is a
 * choice of its labels.
 */
@ExtendWith(ApplicationExtension.class)
class MigratedDatabaseFormUiTest {

    @RegisterExtension
    static final UiFixture fx = UiFixture.migratedBillMax();

    StackPane window;

    @Start
    void start(Stage stage) {
        window = new StackPane();
        stage.setScene(new Scene(window, 1200, 800));
        stage.show();
    }

    @AfterEach
    void close() throws Exception {
        FxToolkit.cleanupStages();
    }

    private RecordFormViewModel show(FxRobot robot, HookedTable table, int number) {
        RecordFormViewModel form = new RecordFormViewModel(table, fx.session, new SameThreadTaskExecutor(),
                new FakeDialogs(), new FormOverlays(), Clock.systemUTC());
        form.open(number);
        RecordFormView view = onFx(() -> new RecordFormView(form, List.of()));
        robot.interact(() -> window.getChildren().setAll(view));
        return form;
    }

    @Test
    void aNumericBalanceIsShownAsStoredAndTwentyTypedPreviewsAsTwentyPointZeroZero(FxRobot robot) {
        RecordFormViewModel form = show(robot, HookedTable.ACCOUNT, 1);
        TextField balance = robot.lookup("#field-balance").queryAs(TextField.class);
        TextField deposit = robot.lookup("#field-deposit").queryAs(TextField.class);

        String shownBalance = onFx(() -> balance.getText());
        String shownDeposit = onFx(() -> deposit.getText());
        assertThat(shownBalance).isEqualTo("-14.55");
        assertThat(shownDeposit).isEqualTo("49.95");
        assertThat(form.dirty()).isFalse();

        robot.interact(() -> balance.setText("20"));

        waitUntil(() -> onFx(() -> "20.00".equals(form.env().entry("NEW_balance").value())));
        assertThat(form.env().entry("OLD_balance").value()).isEqualTo("-14.55");
    }

    @Test
    void anEnumStateIsAChoiceOfItsLabels(FxRobot robot) {
        show(robot, HookedTable.SERVICE, 1);
        @SuppressWarnings("unchecked")
        ComboBox<Code> state = robot.lookup("#field-state").queryAs(ComboBox.class);

        assertThat(onFx(() -> state.getItems().stream().map(Code::value).toList()))
                .containsExactly("open", "suspended", "closed");
        assertThat(onFx(() -> state.getValue().value())).isEqualTo("open");
    }

    /**
     * A list shows the columns this ISP's user table has (no empty Email or Day phone it lacks) and a user number of
     * nineteen digits whole, not cut to "9223372…".
     */
    @Test
    void aListShowsOnlyTheTablesColumnsAndALongNumberWhole(FxRobot robot) {
        String longNumber = "9223372036854775000";
        fx.context.database().dsl().execute("INSERT INTO \"user\" (number, login, fname, lname) VALUES (" + longNumber
                + ", 'longnumber', 'Long', 'Number') ON CONFLICT DO NOTHING");
        SearchViewModel search = new SearchViewModel(HookedTable.USER, "Users",
                ListColumns.of(new FormOverlays(), HookedTable.USER), fx.session.records(), new SameThreadTaskExecutor(), 50);
        SearchView view = onFx(() -> new SearchView(search, row -> { }, null));
        // As narrow as the list's columns want: the table then has no spare width to hand the number column. In the
        // desktop's theme and stylesheet, whose fonts are larger than JavaFX's default.
        robot.interact(() -> {
            DesktopUi.Theme.LIGHT.apply();
            window.getScene().getStylesheets().setAll(MainWindow.STYLESHEET);
            window.getChildren().setAll(view);
            window.getScene().getWindow().setWidth(640);
        });

        robot.interact(() -> {
            search.queryProperty().set(longNumber);
            search.search();
        });

        assertThat(search.columns()).extracting(ListColumn::column).contains("number", "login")
                .doesNotContain("email", "dphone");
        waitUntil(() -> onFx(() -> robot.lookup(".table-cell").queryAllAs(TableCell.class).stream()
                .anyMatch(c -> longNumber.equals(c.getText()))));
        robot.interact(() -> { });
        List<String> drawn = onFx(() -> robot.lookup(".table-cell .text").queryAllAs(Text.class).stream()
                .map(Text::getText).filter(t -> t.startsWith("92233")).toList());
        assertThat(drawn).containsExactly(longNumber);
    }
}
