package io.hookdesk.ui;

import io.hookdesk.model.HookedTable;
import io.hookdesk.model.Row;
import io.hookdesk.ui.envpanel.EnvEntry;
import javafx.css.PseudoClass;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
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

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The flows CSRs depend on, in the real window with the real dialogs, on Monocle headless: find and open, save with a
 * succeeding and a failing hook, cancel a hook, the environment panel following typing, and a conflict.
 */
@ExtendWith(ApplicationExtension.class)
class MainWindowUiTest {

    static {
        // Room for the 1366x768 window: Monocle's headless screen is 1280x800 by default.
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
    void closeLeftoverDialogs() throws Exception {
        FxToolkit.cleanupStages();
        fx.hooks.remove(HookedTable.SERVICE);
    }

    private static Optional<Node> accountOneRow(FxRobot robot) {
        return onFx(() -> robot.lookup("#search-results .table-row-cell").queryAll().stream()
                .filter(r -> r instanceof TableRow<?> row && row.getItem() instanceof Row item && item.integer("number") == 1)
                .findFirst());
    }

    @Test
    void findAnAccountByNameOpenAServiceAndSaveANewStateWithASucceedingHook(FxRobot robot) {
        fx.hooks.install(HookedTable.SERVICE,
                "echo \"provisioned $NEW_d01 state $NEW_state\"\necho 'radius: 1 session moved' >&2\nexit 0");
        Row account = fx.row(HookedTable.ACCOUNT, 1);
        waitUntil(() -> main.sessionProperty().get() != null
                && robot.lookup("#search-field").tryQuery().map(n -> n.isVisible() && n.getScene() != null).orElse(false));
        WaitForAsyncUtils.waitForFxEvents();

        robot.clickOn("#search-field").write(account.get("clname").toString()).type(KeyCode.ENTER);
        // The search's rows, not the list shown before it (which has account 1 too).
        waitUntil(() -> rows(robot, "#search-results").stream().anyMatch(r -> r.integer("number") == 1)
                && rows(robot, "#search-results").stream().allMatch(r -> account.get("clname").equals(r.get("clname"))));
        // Account 1's own row: another account with the same first name could be the first cell with that text. The
        // list's items change before its cells do (the next layout pulse): wait for the row to be drawn.
        waitUntil(() -> accountOneRow(robot).isPresent());
        robot.doubleClickOn(accountOneRow(robot).orElseThrow());

        waitUntil(() -> !rows(robot, "#detail-service").isEmpty());
        Row service = onFx(() -> rows(robot, "#detail-service")).stream()
                .filter(r -> Short.valueOf((short) 0).equals(r.get("state"))).findFirst().orElseThrow();
        long n = service.integer("number");
        robot.clickOn("#detail-service-tab");
        robot.doubleClickOn(cellWithText(robot, "#detail-service", service.get("d01").toString()));
        waitUntil(() -> robot.lookup("#field-state").tryQuery().isPresent()
                && onFx(() -> comboText(robot, "#field-state")).equals("0 Open"));

        robot.clickOn("#field-state");
        robot.clickOn("2 Suspended");
        waitUntil(() -> envValue(robot, "NEW_state").equals("2"));
        assertThat(onFx(() -> label(robot, "#env-header"))).startsWith("Will run ");
        robot.clickOn("#form-save");

        waitUntil(() -> Short.valueOf((short) 2).equals(fx.row(HookedTable.SERVICE, n).get("state")));
        waitUntil(() -> notice(robot).isPresent());
        assertThat(onFx(() -> noticeText(notice(robot).orElseThrow())))
                .matches("Saved service " + n + "; service_hook succeeded \\(exit 0, [0-9.]+ m?s\\)\\.");
        waitUntil(() -> !main.selectedProperty().get().toString().isEmpty() && !formTitle(robot).endsWith("*"));

        // The notification's "Show output": what the hook printed, in a dialog like the failure dialog's.
        robot.clickOn(onFx(() -> showOutput(notice(robot).orElseThrow()).orElseThrow()));
        waitUntil(() -> robot.lookup("#hook-output-dialog").tryQuery().isPresent());
        assertThat(onFx(() -> textArea(robot, "#hook-stdout"))).isEqualTo("provisioned " + service.get("d01") + " state 2\n");
        assertThat(onFx(() -> textArea(robot, "#hook-stderr"))).isEqualTo("radius: 1 session moved\n");
        assertThat(onFx(() -> label(robot, "#hook-status"))).isEqualTo("exited with status 0");
        assertThat(onFx(() -> label(robot, "#hook-duration"))).matches("\\d+ ms");
        robot.clickOn("Close");
        waitUntil(() -> robot.lookup("#hook-output-dialog").tryQuery().isEmpty());
    }

    @Test
    void aSaveWithoutAHookIsNotifiedWithNothingToShow(FxRobot robot) {
        int n = openService(robot);
        replaceText(robot, "#field-d04", "no hook here");
        robot.press(KeyCode.CONTROL).type(KeyCode.S).release(KeyCode.CONTROL);

        waitUntil(() -> notice(robot).map(b -> noticeText(b).startsWith("Saved service " + n)).orElse(false));
        assertThat(onFx(() -> noticeText(notice(robot).orElseThrow())))
                .isEqualTo("Saved service " + n + "; no service_hook is installed.");
        assertThat(onFx(() -> showOutput(notice(robot).orElseThrow()))).isEmpty();
        // A notification takes no focus: the cursor is still in the field the CSR saved from.
        assertThat(onFx(() -> robot.lookup("#field-d04").query().isFocused())).isTrue();
    }

    @Test
    void aFailingHookShowsItsOutputTheDatabaseStaysAndTheFormKeepsTheEdits(FxRobot robot) {
        fx.hooks.install(HookedTable.SERVICE,
                "echo \"radius: adding $NEW_d01 with MAC $NEW_d03\"\necho \"radius: MAC $NEW_d03 is in use\" >&2\nexit 3");
        int n = openService(robot);
        String before = (String) fx.row(HookedTable.SERVICE, n).get("d03");

        replaceText(robot, "#field-d03", "AA:BB:CC:00:11:22");
        robot.press(KeyCode.CONTROL).type(KeyCode.S).release(KeyCode.CONTROL);

        waitUntil(() -> robot.lookup("#hook-failure-dialog").tryQuery().isPresent());
        assertThat(onFx(() -> textArea(robot, "#hook-stdout"))).contains("radius: adding").contains("AA:BB:CC:00:11:22");
        assertThat(onFx(() -> textArea(robot, "#hook-stderr"))).isEqualTo("radius: MAC AA:BB:CC:00:11:22 is in use\n");
        assertThat(onFx(() -> label(robot, "#hook-status"))).contains("exited with status 3");
        assertThat(onFx(() -> robot.lookup("#hook-failure-dialog").queryAs(javafx.scene.control.DialogPane.class)
                .getHeaderText())).startsWith("service_hook exited with status 3").contains("rolled back");
        assertThat(onFx(() -> robot.lookup("#hook-env").queryAs(TitledPane.class).isExpanded())).isFalse();
        assertThat(onFx(() -> textArea(robot, "#hook-env-text"))).contains("NEW_d02=********").contains("HOOK_CSR=postgres");
        assertThat(fx.row(HookedTable.SERVICE, n).get("d03")).isEqualTo(before);

        robot.clickOn("Close");
        waitUntil(() -> robot.lookup("#hook-failure-dialog").tryQuery().isEmpty());
        assertThat(onFx(() -> textField(robot, "#field-d03"))).isEqualTo("AA:BB:CC:00:11:22");
        assertThat(formTitle(robot)).endsWith("*");
        assertThat(onFx(() -> label(robot, "#form-message"))).contains("rolled back");
    }

    @Test
    void aSupervisorRunsTheHookAgainFromTheFailureDialogForTheRecordAsSaved(FxRobot robot) throws Exception {
        java.nio.file.Path seen = fx.dir().resolve("ui-run-again-env");
        // Refuses the new MAC; succeeds for the record as saved, which is what "Run hook again" sends.
        fx.hooks.install(HookedTable.SERVICE, "env > '" + seen + "'\n[ \"$NEW_d03\" = 'AA:BB:CC:00:11:33' ] && exit 3\nexit 0");
        int n = openService(robot);
        String before = (String) fx.row(HookedTable.SERVICE, n).get("d03");
        assertThat(onFx(() -> robot.lookup("#form-run-hook-again").query().isVisible())).isTrue();

        replaceText(robot, "#field-d03", "AA:BB:CC:00:11:33");
        robot.press(KeyCode.CONTROL).type(KeyCode.S).release(KeyCode.CONTROL);
        // On screen, not only built: under load the dialog's window shows a moment after its buttons exist.
        waitUntil(() -> robot.lookup("#run-hook-again").tryQuery()
                .map(b -> onFx(() -> b.isVisible() && b.getScene().getWindow().isShowing())).orElse(false));
        robot.clickOn("#run-hook-again");
        // It asks first, as the tool bar's button does.
        waitUntil(() -> robot.lookup("#confirm-dialog").tryQuery()
                .map(p -> onFx(() -> p.getScene().getWindow().isShowing())).orElse(false));
        robot.clickOn(onFx(() -> robot.lookup("#confirm-dialog").queryAs(javafx.scene.control.DialogPane.class)
                .getButtonTypes().stream().filter(t -> t.getButtonData() == javafx.scene.control.ButtonBar.ButtonData.OK_DONE)
                .map(t -> robot.lookup("#confirm-dialog").queryAs(javafx.scene.control.DialogPane.class).lookupButton(t))
                .findFirst().orElseThrow()));

        waitUntil(() -> notice(robot).map(b -> noticeText(b)
                .startsWith("service_hook ran again for service " + n + " and succeeded (exit 0, ")).orElse(false));
        assertThat(java.nio.file.Files.readString(seen)).contains("HOOK_REPROVISION=1\n", "NEW=0\n",
                "NEW_d03=" + before + "\n", "OLD_d03=" + before + "\n");
        assertThat(fx.row(HookedTable.SERVICE, n).get("d03")).isEqualTo(before);
        assertThat(onFx(() -> textField(robot, "#field-d03"))).isEqualTo("AA:BB:CC:00:11:33");
    }

    @Test
    void theRunningHookShowsItsTimeAndCancelRollsBack(FxRobot robot) {
        fx.hooks.install(HookedTable.SERVICE, "echo started\nsleep 30\nexit 0");
        int n = openService(robot);
        replaceText(robot, "#field-d04", "slow");
        robot.clickOn("#form-save");

        waitUntil(() -> robot.lookup("#hook-running").tryQuery().map(Node::isVisible).orElse(false));
        // "Saving…" while at the database, then what runs once it does.
        waitUntil(() -> "Running service_hook".equals(onFx(() -> robot.lookup("#hook-running").queryAs(MaskerPane.class).getText())));
        waitUntil(() -> onFx(() -> label(robot, "#hook-elapsed")).matches("[1-9]\\d* s"));
        robot.clickOn("#cancel-hook");

        waitUntil(() -> robot.lookup("#hook-failure-dialog").tryQuery().isPresent());
        assertThat(onFx(() -> robot.lookup("#hook-failure-dialog").queryAs(javafx.scene.control.DialogPane.class)
                .getHeaderText())).startsWith("You cancelled service_hook");
        assertThat(onFx(() -> textArea(robot, "#hook-stdout"))).isEqualTo("started\n");
        assertThat(fx.row(HookedTable.SERVICE, n).get("d04")).isNotEqualTo("slow");
        robot.clickOn("Close");
    }

    @Test
    void whileTheHookRunsTheRecordIsMaskedAndTypingCannotReachItSoNothingIsLost(FxRobot robot) throws Exception {
        java.nio.file.Path go = fx.dir().resolve("go-" + System.nanoTime());
        fx.hooks.install(HookedTable.SERVICE, "while [ ! -e '" + go + "' ]; do sleep 0.05; done\nexit 0");
        int n = openService(robot);
        String d05 = onFx(() -> textField(robot, "#field-d05"));
        replaceText(robot, "#field-d04", "before the save");
        robot.press(KeyCode.CONTROL).type(KeyCode.S).release(KeyCode.CONTROL);
        waitUntil(() -> robot.lookup("#hook-running").tryQuery().map(Node::isVisible).orElse(false));

        // A CSR carrying on: typing where the cursor was, then clicking another field and typing there.
        robot.write("typed");
        robot.clickOn("#field-d05").write("lost?");

        assertThat(onFx(() -> robot.lookup("#field-d04").query().isDisabled())).isTrue();
        // ControlsFX's status bar says work is going on, with a running bar.
        assertThat(onFx(() -> robot.lookup("#status-bar").queryAs(org.controlsfx.control.StatusBar.class).getText()))
                .isEqualTo("Working…");
        assertThat(onFx(() -> robot.lookup("#status-bar").queryAs(org.controlsfx.control.StatusBar.class).getProgress()))
                .isNegative();
        assertThat(onFx(() -> textField(robot, "#field-d04"))).isEqualTo("before the save");
        assertThat(onFx(() -> textField(robot, "#field-d05"))).isEqualTo(d05);
        java.nio.file.Files.createFile(go);

        waitUntil(() -> !onFx(() -> robot.lookup("#hook-running").query().isVisible()));
        waitUntil(() -> !formTitle(robot).endsWith("*"));
        waitUntil(() -> onFx(() -> robot.lookup("#status-bar").queryAs(org.controlsfx.control.StatusBar.class)
                .getText().isEmpty()));
        assertThat(fx.row(HookedTable.SERVICE, n).get("d04")).isEqualTo("before the save");
        assertThat(onFx(() -> textField(robot, "#field-d04"))).isEqualTo("before the save");
        assertThat(onFx(() -> textField(robot, "#field-d05"))).isEqualTo(d05);
        // The cursor is back where the CSR left it.
        assertThat(onFx(() -> robot.lookup("#field-d04").query().isFocused())).isTrue();
    }

    @Test
    void theEnvironmentPanelFollowsTyping(FxRobot robot) {
        fx.hooks.install(HookedTable.SERVICE, "exit 0");
        int n = openService(robot);
        String login = (String) fx.row(HookedTable.SERVICE, n).get("d01");
        assertThat(onFx(() -> label(robot, "#env-header"))).isEqualTo("service_hook will not run: nothing changed.");

        focus(robot, "#field-d01");
        robot.type(KeyCode.END).write("-x");

        waitUntil(() -> envValue(robot, "NEW_d01").equals(login + "-x"));
        assertThat(envValue(robot, "OLD_d01")).isEqualTo(login);
        assertThat(onFx(() -> label(robot, "#env-header"))).isEqualTo("Will run " + fx.hooks.dir().resolve("service_hook"));
        assertThat(onFx(() -> label(robot, "#env-changed"))).isEqualTo("Changed: d01");
        robot.clickOn("#env-filter").write("d01");
        waitUntil(() -> onFx(() -> rowStates(robot, "NEW_d01")).contains(PseudoClass.getPseudoClass("changed")));
        assertThat(onFx(() -> robot.lookup("#env-table").queryTableView().getItems().size())).isEqualTo(2);
        assertThat(onFx(() -> rowStates(robot, "OLD_d01"))).contains(PseudoClass.getPseudoClass("changed"));

        focus(robot, "#field-d01");
        robot.type(KeyCode.ESCAPE);
        waitUntil(() -> envValue(robot, "NEW_d01").equals(login));
        assertThat(onFx(() -> textField(robot, "#field-d01"))).isEqualTo(login);
        assertThat(formTitle(robot)).doesNotEndWith("*");
    }

    @Test
    void escWithSeveralEditsAsksBeforeDiscardingThem(FxRobot robot) {
        int n = openService(robot);
        replaceText(robot, "#field-d04", "first edit");
        replaceText(robot, "#field-d05", "second edit");

        robot.type(KeyCode.ESCAPE);
        waitUntil(() -> robot.lookup("#confirm-dialog").tryQuery().isPresent());
        assertThat(onFx(() -> robot.lookup("#confirm-dialog").queryAs(javafx.scene.control.DialogPane.class)
                .getHeaderText())).isEqualTo("Discard 2 changes?");
        robot.clickOn(onFx(() -> robot.lookup("#confirm-dialog").queryAs(javafx.scene.control.DialogPane.class)
                .lookupButton(javafx.scene.control.ButtonType.CANCEL)));
        waitUntil(() -> robot.lookup("#confirm-dialog").tryQuery().isEmpty());
        assertThat(onFx(() -> textField(robot, "#field-d04"))).isEqualTo("first edit");
        assertThat(onFx(() -> textField(robot, "#field-d05"))).isEqualTo("second edit");

        focus(robot, "#field-d05");
        robot.type(KeyCode.ESCAPE);
        waitUntil(() -> robot.lookup("#confirm-dialog").tryQuery().isPresent());
        robot.clickOn("Discard changes");
        waitUntil(() -> !formTitle(robot).endsWith("*"));
        assertThat(onFx(() -> textField(robot, "#field-d05"))).isNotEqualTo("second edit");
        assertThat(fx.row(HookedTable.SERVICE, n).get("d05")).isNotEqualTo("second edit");
    }

    @Test
    void typingInACodeBoxFindsTheCodeAndEnterTakesIt(FxRobot robot) {
        int n = openService(robot);
        robot.interact(() -> robot.lookup("#field-state").query().requestFocus());

        // Key by key, as a keyboard sends them (TestFX's write() sends characters without key codes).
        robot.type(KeyCode.S, KeyCode.U, KeyCode.S, KeyCode.P);
        WaitForAsyncUtils.waitForFxEvents();
        robot.type(KeyCode.ENTER);

        waitUntil(() -> onFx(() -> comboText(robot, "#field-state")).equals("2 Suspended"));
        waitUntil(() -> envValue(robot, "NEW_state").equals("2"));
        assertThat(formTitle(robot)).endsWith("*");
        assertThat(fx.row(HookedTable.SERVICE, n).get("state")).isEqualTo((short) 0);
    }

    @Test
    void tabLeavesACodeBoxForTheNextField(FxRobot robot) {
        openService(robot);
        waitUntil(() -> onFx(() -> robot.lookup("#field-servdef").query().isFocused()));
        robot.type(KeyCode.TAB);
        waitUntil(() -> onFx(() -> robot.lookup("#field-state").query().isFocused()));
        robot.type(KeyCode.TAB);
        waitUntil(() -> onFx(() -> robot.lookup("#field-donotprovision").query().isFocused()));
    }

    @Test
    void aServiceFormStartsWithTheCursorInTheProductNotInTheUserNumber(FxRobot robot) {
        openService(robot);
        waitUntil(() -> onFx(() -> robot.lookup("#field-servdef").query().isFocused()));
        assertThat(onFx(() -> robot.lookup("#field-user").query().isFocused())).isFalse();
    }

    @Test
    void aSaveBehindTheFormsBackEndsInTheConflictDialogAndReloadShowsTheirs(FxRobot robot) {
        int n = openService(robot);
        replaceText(robot, "#field-d05", "mine");
        assertThat(fx.saveBehindTheFormsBack(HookedTable.SERVICE, n, Map.of("state", "3")).committed()).isTrue();

        robot.clickOn("#form-save");

        waitUntil(() -> robot.lookup("#conflict-dialog").tryQuery().isPresent());
        TableView<io.hookdesk.ui.dialogs.ConflictReport.Line> table = robot.lookup("#conflict-table").queryTableView();
        var state = onFx(() -> table.getItems().stream().filter(l -> l.column().equals("state")).findFirst().orElseThrow());
        assertThat(state.theirs()).isEqualTo("3");
        assertThat(state.differs()).isTrue();
        assertThat(onFx(() -> table.getItems().stream().filter(l -> l.column().equals("d05")).findFirst().orElseThrow()
                .yours())).isEqualTo("mine");

        robot.clickOn("Reload their version");
        waitUntil(() -> robot.lookup("#confirm-dialog").tryQuery().isPresent());
        robot.clickOn("Discard and reload");

        waitUntil(() -> onFx(() -> comboText(robot, "#field-state")).equals("3 Waiting for Payment"));
        assertThat(onFx(() -> textField(robot, "#field-d05"))).isNotEqualTo("mine");
        assertThat(formTitle(robot)).doesNotEndWith("*");
        assertThat(fx.row(HookedTable.SERVICE, n).get("d05")).isNotEqualTo("mine");
    }

    @Test
    void ticketsAndMessagesGetTheirPickListsAndTextAreas(FxRobot robot) {
        waitUntil(() -> main.sessionProperty().get() != null);
        Row ticket = fx.context.records().search(HookedTable.TICKET, "", null, true, 0, 1).rows().get(0);
        robot.interact(() -> main.open(HookedTable.TICKET, ticket.integer("number")));
        waitUntil(() -> robot.lookup("#field-queue").tryQuery().isPresent());
        String queue = fx.row(HookedTable.QUEUE, ticket.integer("queue")).get("name").toString();
        assertThat(onFx(() -> comboText(robot, "#field-queue"))).isEqualTo(ticket.get("queue") + " " + queue);
        assertThat(onFx(() -> comboText(robot, "#field-status"))).endsWith(
                Map.of((short) 0, "Open", (short) 1, "On Hold", (short) 2, "Closed").get(ticket.get("status")));
        assertThat(onFx(() -> label(robot, "#detail-message-tab .tab-label"))).startsWith("Messages (");

        Row message = fx.context.records().children(HookedTable.MESSAGE, "ticket", ticket.integer("number"), 1).get(0);
        robot.interact(() -> main.open(HookedTable.MESSAGE, message.integer("number")));
        waitUntil(() -> robot.lookup("#field-body").tryQuery().isPresent());
        assertThat(onFx(() -> textArea(robot, "#field-body"))).isEqualTo(message.get("body"));
        assertThat(onFx(() -> robot.lookup("#field-customervisible").queryAs(javafx.scene.control.CheckBox.class)
                .isSelected())).isTrue();
    }

    // ---- helpers -------------------------------------------------------------------------------------------

    private int openService(FxRobot robot) {
        waitUntil(() -> main.sessionProperty().get() != null);
        int n = fx.anOpenService();
        robot.interact(() -> main.open(HookedTable.SERVICE, n));
        waitUntil(() -> robot.lookup("#field-d01").tryQuery().isPresent()
                && !onFx(() -> textField(robot, "#field-d01")).isEmpty());
        return n;
    }

    /** The newest ControlsFX notification on screen (a popup over the main window). */
    static Optional<Node> notice(FxRobot robot) {
        return onFx(() -> robot.lookup(".notification-bar").queryAll().stream().filter(Node::isVisible)
                .reduce((first, second) -> second));
    }

    private static String noticeText(Node bar) {
        return onFx(() -> bar.lookupAll(".label").stream()
                .filter(l -> l instanceof Label && !l.getStyleClass().contains("title"))
                .map(l -> ((Label) l).getText()).filter(t -> t != null && !t.isEmpty()).findFirst().orElse(""));
    }

    static Optional<Node> showOutput(Node bar) {
        return onFx(() -> bar.lookupAll(".button").stream()
                .filter(b -> b instanceof javafx.scene.control.Button button && "Show output".equals(button.getText()))
                .findFirst());
    }

    /** Focuses the field the way Tab would, which scrolls the form to it, then clicks it like a CSR. */
    private static void focus(FxRobot robot, String query) {
        robot.interact(() -> robot.lookup(query).query().requestFocus());
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn(query);
    }

    private static void replaceText(FxRobot robot, String query, String text) {
        focus(robot, query);
        robot.interact(() -> robot.lookup(query).queryAs(TextField.class).clear());
        robot.write(text);
        waitUntil(() -> text.equals(onFx(() -> textField(robot, query))));
    }

    private static String envValue(FxRobot robot, String key) {
        return onFx(() -> {
            TableView<EnvEntry> t = robot.lookup("#env-table").queryTableView();
            return t.getItems().stream().filter(e -> e.key().equals(key)).map(EnvEntry::value).findFirst().orElse("");
        });
    }

    private static Set<PseudoClass> rowStates(FxRobot robot, String key) {
        Optional<TableRow<EnvEntry>> row = robot.lookup("#env-table .table-row-cell").<TableRow<EnvEntry>>queryAll().stream()
                .filter(r -> r.getItem() != null && r.getItem().key().equals(key)).findFirst();
        return row.map(Node::getPseudoClassStates).map(Set::copyOf).orElse(Set.of());
    }

    private static java.util.List<Row> rows(FxRobot robot, String table) {
        return onFx(() -> robot.lookup(table).tryQuery().map(n -> java.util.List.copyOf(((TableView<Row>) n).getItems()))
                .orElse(java.util.List.of()));
    }

    /** The cell showing {@code text}, once drawn: a table's cells follow its items a layout pulse later. */
    private static Node cellWithText(FxRobot robot, String table, String text) {
        Supplier<Optional<Node>> cell = () -> onFx(() -> robot.lookup(table + " .table-cell").queryAll().stream()
                .filter(c -> c instanceof javafx.scene.control.Labeled l && text.equals(l.getText())).findFirst());
        waitUntil(() -> cell.get().isPresent());
        return cell.get().orElseThrow();
    }

    static String comboText(FxRobot robot, String query) {
        ComboBox<?> c = robot.lookup(query).queryAs(ComboBox.class);
        return c.getValue() == null ? "" : c.getConverter().toString(cast(c.getValue()));
    }

    @SuppressWarnings("unchecked")
    private static <T> T cast(Object o) {
        return (T) o;
    }

    private static String label(FxRobot robot, String query) {
        return robot.lookup(query).queryAs(Label.class).getText();
    }

    private static String textArea(FxRobot robot, String query) {
        return robot.lookup(query).queryAs(TextArea.class).getText();
    }

    private static String textField(FxRobot robot, String query) {
        return robot.lookup(query).queryAs(TextField.class).getText();
    }

    private String formTitle(FxRobot robot) {
        return onFx(() -> main.selectedProperty().get() instanceof Workspace.Form f ? f.form().title() : "");
    }

    /** Reads the scene graph on the FX thread. */
    static <T> T onFx(Callable<T> read) {
        if (javafx.application.Platform.isFxApplicationThread()) {
            try {
                return read.call();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        try {
            return WaitForAsyncUtils.asyncFx(read).get(20, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static void waitUntil(Callable<Boolean> condition) {
        try {
            WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, condition);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("condition not met within 20 s", e);
        }
    }
}
