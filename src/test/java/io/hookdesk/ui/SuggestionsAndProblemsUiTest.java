package io.hookdesk.ui;

import io.hookdesk.model.HookedTable;
import io.hookdesk.model.Row;
import io.hookdesk.model.Suggestion;
import io.hookdesk.ui.search.SearchViewModel;
import io.hookdesk.ui.form.RecordFormView;
import javafx.scene.Node;
import javafx.scene.control.Control;
import javafx.scene.control.Labeled;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.PopupWindow;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.controlsfx.control.decoration.Decorator;
import org.controlsfx.validation.ValidationMessage;
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
import java.util.Map;
import java.util.Optional;

import static io.hookdesk.ui.MainWindowUiTest.onFx;
import static io.hookdesk.ui.MainWindowUiTest.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Suggestions from the database while typing (a reference field, a search box) and field problems drawn by ControlsFX
 * once the CSR touched a field, in the real window on Monocle.
 */
@ExtendWith(ApplicationExtension.class)
class SuggestionsAndProblemsUiTest {

    static {
        System.setProperty("headless.geometry", "1600x1000-32");
    }

    @RegisterExtension
    static final UiFixture fx = UiFixture.demo();

    MainViewModel main;

    @Start
    void start(Stage stage) {
        main = fx.showDesktop(stage);
    }

    @AfterEach
    void closeLeftoverWindows() throws Exception {
        FxToolkit.cleanupStages();
    }

    @Test
    void typingLettersOfALoginInAReferenceFieldSuggestsTheUserAndChoosingPutsItsNumberIn(FxRobot robot) {
        int service = openService(robot);
        long current = fx.row(HookedTable.SERVICE, service).integer("user");
        int other = current == 5 ? 6 : 5;
        Row user = fx.row(HookedTable.USER, other);
        String login = user.get("login").toString();
        String shown = other + " · " + login + " · " + user.get("fname") + " " + user.get("lname");

        focus(robot, "#field-user");
        robot.interact(() -> robot.lookup("#field-user").queryAs(TextField.class).clear());
        robot.write(login.substring(0, 3));

        // The two-letter answer can show before the three-letter one replaces it: click only once the list is the
        // answer to all three letters.
        waitForAnswerTo(robot, HookedTable.USER, login.substring(0, 3));
        Node entry = waitForSuggestion(robot, shown);
        // Letters in a number field are a search while the CSR is in it, not yet a problem.
        assertThat(decorated(robot, "#field-user")).isFalse();
        robot.clickOn(entry);

        waitUntil(() -> onFx(() -> text(robot, "#field-user")).equals(Integer.toString(other)));
        waitUntil(() -> popupEntry(robot, shown).isEmpty());
        // The form took it as a pick: the user's name is looked up, and the number is a valid value.
        waitUntil(() -> onFx(() -> robot.lookup(".reference-description").queryAs(Labeled.class).getText())
                .contains(user.get("lname").toString()));
        assertThat(decorated(robot, "#field-user")).isFalse();
        assertThat(fx.row(HookedTable.SERVICE, service).integer("user")).isEqualTo(current);
    }

    @Test
    void aLoginSuggestedInTheAccountsSearchBoxRunsTheSearchWhenChosen(FxRobot robot) {
        waitUntil(() -> main.sessionProperty().get() != null);
        robot.interact(() -> main.openSection(Section.ACCOUNTS));
        Row account = fx.row(HookedTable.ACCOUNT, 7);
        String login = fx.context.records().children(HookedTable.SERVICE, "user",
                fx.context.records().children(HookedTable.USER, "account", 7, 1).get(0).integer("number"), 1)
                .get(0).get("d01").toString();
        String shown = "7 · " + login + " · " + account.get("cfname") + " " + account.get("clname");
        waitUntil(() -> robot.lookup("#search-field").match(NodeQueryUtils.isVisible()).tryQuery().isPresent());
        TextField box = robot.lookup("#search-field").match(NodeQueryUtils.isVisible()).queryAs(TextField.class);
        assertThat(box.getStyleClass()).contains("clearable-field");

        robot.clickOn(box).write(login.substring(0, 3));
        // The letters were typed one by one, and the two-letter answer can show before the three-letter one
        // replaces it: move in the list only once it is the answer to all three letters.
        waitForAnswerTo(robot, HookedTable.ACCOUNT, login.substring(0, 3));
        Node entry = waitForSuggestion(robot, shown);
        // Nothing is highlighted until the CSR moves into the list.
        assertThat(onFx(() -> ((javafx.scene.control.ListCell<?>) entry).getListView().getSelectionModel().isEmpty()))
                .isTrue();
        // By keyboard: Down through the list to the entry, Enter takes it.
        for (int i = 0; i < 12 && !selected(robot, shown); i++) {
            robot.type(KeyCode.DOWN);
        }
        assertThat(selected(robot, shown)).isTrue();
        robot.type(KeyCode.ENTER);

        waitUntil(() -> onFx(box::getText).equals(login));
        TableView<?> results = robot.lookup("#search-results").match(NodeQueryUtils.isVisible()).queryAs(TableView.class);
        waitUntil(() -> onFx(() -> results.getItems().stream().map(r -> ((Row) r).integer("number")).toList())
                .equals(java.util.List.of(7L)));

        // The clear button empties the box.
        robot.clickOn(robot.from(box).lookup(".clear-button").queryAs(Node.class));
        waitUntil(() -> onFx(box::getText).isEmpty());
    }

    @Test
    void enterWithTheSuggestionsOpenSearchesForWhatWasTypedAndClosesThem(FxRobot robot) {
        waitUntil(() -> main.sessionProperty().get() != null);
        robot.interact(() -> main.openSection(Section.ACCOUNTS));
        Row account = fx.row(HookedTable.ACCOUNT, 1);
        String surname = account.get("clname").toString();
        waitUntil(() -> robot.lookup("#search-field").match(NodeQueryUtils.isVisible()).tryQuery().isPresent());
        TextField box = robot.lookup("#search-field").match(NodeQueryUtils.isVisible()).queryAs(TextField.class);

        robot.clickOn(box).write(surname);
        waitUntil(() -> onFx(() -> robot.lookup(".list-cell").queryAll().stream().anyMatch(c -> c.getScene() != null
                && c.getScene().getWindow() instanceof PopupWindow && c.getScene().getWindow().isShowing()
                && ((Labeled) c).getText() != null && ((Labeled) c).getText().contains(surname))));
        robot.type(KeyCode.ENTER);

        waitUntil(() -> onFx(() -> javafx.stage.Window.getWindows().stream().noneMatch(w -> w instanceof PopupWindow
                && w.isShowing() && w.getScene().getRoot().lookup(".list-view") != null)));
        TableView<?> results = robot.lookup("#search-results").match(NodeQueryUtils.isVisible()).queryAs(TableView.class);
        waitUntil(() -> onFx(() -> !results.getItems().isEmpty() && results.getItems().stream()
                .allMatch(r -> ((Row) r).get("clname").toString().contains(surname))));
        assertThat(onFx(() -> box.getText())).isEqualTo(surname);
    }

    @Test
    void aProblemIsDecoratedOnlyOnceTheFieldWasTouchedAndGoesWhenFixed(FxRobot robot) {
        waitUntil(() -> main.sessionProperty().get() != null);
        robot.interact(() -> main.openNew(HookedTable.SERVICE, Map.of()));
        waitUntil(() -> robot.lookup("#field-invday").tryQuery().isPresent());
        WaitForAsyncUtils.waitForFxEvents();
        RecordFormView view = view(robot);

        // A new service lacks its user and product, but nobody has been at those fields yet: nothing is drawn.
        assertThat(onFx(() -> view.viewModel().field("user").invalid())).isTrue();
        assertThat(decorated(robot, "#field-user")).isFalse();
        assertThat(decorated(robot, "#field-servdef")).isFalse();

        focus(robot, "#field-invday");
        robot.interact(() -> robot.lookup("#field-invday").queryAs(TextField.class).clear());
        robot.write("x");
        waitUntil(() -> decorated(robot, "#field-invday"));
        String problem = onFx(() -> view.viewModel().field("invday").error());
        assertThat(onFx(() -> view.validation().getHighestMessage(robot.lookup("#field-invday").queryAs(Control.class))
                .map(ValidationMessage::getText).orElse(""))).endsWith(": " + problem);
        assertThat(onFx(() -> robot.lookup("#error-invday").queryAs(Labeled.class).getText())).isEqualTo(problem);
        assertThat(decorated(robot, "#field-user")).isFalse();

        robot.interact(() -> robot.lookup("#field-invday").queryAs(TextField.class).clear());
        robot.write("12");
        waitUntil(() -> !decorated(robot, "#field-invday"));
        assertThat(onFx(() -> robot.lookup("#error-invday").query().isVisible())).isFalse();

        // Leaving an empty required field touches it too.
        focus(robot, "#field-user");
        robot.type(KeyCode.TAB);
        waitUntil(() -> decorated(robot, "#field-user"));

        // A refused save draws every problem and still names the fields.
        robot.interact(() -> view.viewModel().save());
        waitUntil(() -> decorated(robot, "#field-servdef"));
        assertThat(onFx(() -> view.viewModel().messageProperty().get())).startsWith("Not saved: 2 fields need fixing");
    }

    @Test
    void theDecorationIsDrawnInTheDarkThemeInsideTheScrollingForm(FxRobot robot) {
        robot.interact(DesktopUi.Theme.DARK::apply);
        try {
            openService(robot);
            focus(robot, "#field-invday");
            robot.interact(() -> robot.lookup("#field-invday").queryAs(TextField.class).clear());
            robot.write("x");
            waitUntil(() -> decorated(robot, "#field-invday"));
            // The mark lives inside the field (so it scrolls and is clipped with the form), and shows.
            Node field = robot.lookup("#field-invday").query();
            Optional<Node> mark = onFx(() -> field.lookupAll(".label").stream()
                    .filter(n -> n instanceof Labeled l && l.getTooltip() != null
                            && l.getTooltip().getText().contains(view(robot).viewModel().field("invday").error()))
                    .findFirst());
            assertThat(mark).isPresent();
            assertThat(onFx(() -> mark.get().isVisible() && mark.get().getScene() == field.getScene())).isTrue();
        } finally {
            robot.interact(DesktopUi.Theme.LIGHT::apply);
        }
    }

    // ---- helpers -------------------------------------------------------------------------------------------

    private int openService(FxRobot robot) {
        waitUntil(() -> main.sessionProperty().get() != null);
        int n = fx.anOpenService();
        robot.interact(() -> main.open(HookedTable.SERVICE, n));
        waitUntil(() -> robot.lookup("#field-d01").tryQuery().isPresent() && !onFx(() -> text(robot, "#field-d01")).isEmpty());
        return n;
    }

    private RecordFormView view(FxRobot robot) {
        return (RecordFormView) robot.lookup(".record-form").match(NodeQueryUtils.isVisible()).query();
    }

    /** Whether ControlsFX draws a problem on the field: its decorations, and the style class that reddens it. */
    private static boolean decorated(FxRobot robot, String query) {
        return onFx(() -> {
            Node n = robot.lookup(query).query();
            var decorations = Decorator.getDecorations(n);
            boolean marked = decorations != null && !decorations.isEmpty();
            boolean red = n.getStyleClass().contains("field-invalid");
            if (marked != red) {
                return false;
            }
            return marked;
        });
    }

    private static Node waitForSuggestion(FxRobot robot, String shown) {
        waitUntil(() -> popupEntry(robot, shown).isPresent());
        return popupEntry(robot, shown).orElseThrow();
    }

    /**
     * Waits until the suggestion pop-up lists exactly what the database suggests for {@code typed} (asked here
     * directly, as the field asks it), so the answer to fewer letters is no longer what is shown.
     */
    private static void waitForAnswerTo(FxRobot robot, HookedTable table, String typed) {
        List<String> answer = fx.context.records().suggest(table, typed, SearchViewModel.SUGGESTIONS).stream()
                .map(Suggestion::display).toList();
        assertThat(answer).as("suggestions for " + typed).isNotEmpty();
        waitUntil(() -> onFx(() -> Window.getWindows().stream()
                .filter(w -> w instanceof PopupWindow && w.isShowing() && w.getScene().getRoot().lookup(".list-view") != null)
                .map(w -> ((ListView<?>) w.getScene().getRoot().lookup(".list-view")).getItems().stream()
                        .map(i -> ((Suggestion) i).display()).toList())
                .anyMatch(answer::equals)));
    }

    /** Whether the pop-up's entry that reads {@code shown} is the one highlighted. */
    private static boolean selected(FxRobot robot, String shown) {
        return popupEntry(robot, shown).map(c -> onFx(() -> ((javafx.scene.control.ListCell<?>) c).isSelected()))
                .orElse(false);
    }

    /** The entry of ControlsFX's suggestion pop-up that reads {@code shown}. */
    private static Optional<Node> popupEntry(FxRobot robot, String shown) {
        return onFx(() -> robot.lookup(".list-cell").queryAll().stream()
                .filter(c -> c.getScene() != null && c.getScene().getWindow() instanceof PopupWindow
                        && c.getScene().getWindow().isShowing())
                .filter(c -> shown.equals(((Labeled) c).getText())).findFirst());
    }

    private static void focus(FxRobot robot, String query) {
        robot.interact(() -> robot.lookup(query).query().requestFocus());
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn(query);
    }

    private static String text(FxRobot robot, String query) {
        return robot.lookup(query).queryAs(TextField.class).getText();
    }
}
