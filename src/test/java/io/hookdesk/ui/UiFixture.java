package io.hookdesk.ui;

import io.hookdesk.app.AppContext;
import io.hookdesk.model.HookedTable;
import io.hookdesk.model.Origin;
import io.hookdesk.model.Row;
import io.hookdesk.records.LoadedRecord;
import io.hookdesk.save.FailureLog;
import io.hookdesk.save.SaveRequest;
import io.hookdesk.save.SaveResult;
import io.hookdesk.testing.HookScripts;
import io.hookdesk.testing.ScopedFixture;
import io.hookdesk.db.Database;
import io.hookdesk.testing.TestApp;
import io.hookdesk.testing.TestDatabase;
import io.hookdesk.ui.connect.Session;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeoutException;

/**
 * The demo database with the services wired as the desktop gets them, a hooks directory of the test's own,
 * and a direct way to change records "behind the form's back".
 *
 * <p>It is also the JUnit extension that sets itself up and tears itself down (temporary directory, database), so that
 * each UI test class says in one {@code @RegisterExtension} field what it needs instead of repeating a {@code @TempDir}
 * and set-up and tear-down methods. {@link #demo()} in a static field shares one database among the class's tests (it
 * is ready before any {@code @BeforeEach}, and before TestFX's {@code @Start}); {@link #demoPerTest()} in an instance
 * field gives every test its own.
 */
public final class UiFixture extends ScopedFixture {

    public static final String CSR = "alice";

    static {
        // The headless screen every UI test class expects (1366x768 and 1024x600 windows fit on it). Set here, as the
        // fixture loads with the test class, before TestFX starts the toolkit; it only counts for the class that starts
        // it, so every class must ask for the same one.
        System.setProperty("headless.geometry", "1600x1000-32");
    }

    /** Set while the fixture is started, as are {@link #session} and {@link #hooks}. */
    public AppContext context;
    public Session session;
    public HookScripts hooks;
    private Path dir;

    private final boolean foreign;
    /** With {@code foreign}: the migrated-from-MySQL schema instead of {@code foreign-billmax.sql}. */
    private final boolean migrated;

    private UiFixture(boolean perClass, boolean foreign) {
        this(perClass, foreign, false);
    }

    private UiFixture(boolean perClass, boolean foreign, boolean migrated) {
        super(perClass, "hookdesk-ui-test");
        this.foreign = foreign;
        this.migrated = migrated;
    }

    /**
     * The BillMax database an ISP migrated from MySQL ({@code mysql-migrated-billmax.sql}: numeric and integer money,
     * an enum state, identity keys, ...), for all tests of the class; register it in a static field.
     */
    public static UiFixture migratedBillMax() {
        return new UiFixture(true, true, true);
    }

    /**
     * Demo data (30 accounts, 60 services), hooks in {@link #dir()}/hooks, 10 s hook timeout, for all tests of the
     * class; register it in a static field.
     */
    public static UiFixture demo() {
        return new UiFixture(true, false);
    }

    /**
     * A billing database someone else made ({@code foreign-billmax.sql}: extra and missing columns, char(n) values,
     * tables absent), wired as the desktop gets it, for all tests of the class; register it in a static field.
     */
    public static UiFixture foreignBillMax() {
        return new UiFixture(true, true);
    }

    /** The same, set up afresh for every test; register it in an instance field. */
    public static UiFixture demoPerTest() {
        return new UiFixture(false, false);
    }

    @Override
    protected void start(Path dir) throws IOException {
        this.dir = dir;
        Path hooksDir = Files.createDirectories(dir.resolve("hooks"));
        this.hooks = new HookScripts(hooksDir);
        this.context = foreign
                ? TestApp.wire(Database.connect(migrated ? TestDatabase.migratedBillMax() : TestDatabase.foreignBillMax(),
                        "postgres", null), dir, hooksDir,
                        Duration.ofSeconds(10), FailureLog.NONE)
                : TestApp.demo(dir, hooksDir, Duration.ofSeconds(10), FailureLog.NONE);
        this.session = session(context.supervisor());
    }

    @Override
    protected void stop() {
        if (context != null) {
            context.close();
        }
    }

    /** The temporary directory: home of the services and parent of the hooks directory; tests may put files here. */
    /**
     * The whole desktop on {@code stage}, as the application puts it together, with every connect handing out this
     * fixture's session, signed in as {@link #CSR}.
     */
    public MainViewModel showDesktop(Stage stage) {
        return DesktopUi.show(stage, request -> session,
                new io.hookdesk.ui.connect.ProfileStore(dir().resolve("profiles.properties")),
                io.hookdesk.ui.connect.ConnectionRequest.embedded(CSR), new io.hookdesk.ui.task.FxTaskExecutor(2),
                java.time.Clock.systemUTC());
    }

    /**
     * The desktop as {@link #showDesktop(Stage)} shows it, in a window of {@code width} x {@code height}
     * at the screen's top left corner, not maximised: the screen sizes a CSR works on (1366x768, 1024x600).
     */
    public MainViewModel showDesktop(Stage stage, int width, int height) {
        MainViewModel main = showDesktop(stage);
        stage.setMaximized(false);
        stage.setX(0);
        stage.setY(0);
        stage.setWidth(width);
        stage.setHeight(height);
        return main;
    }

    /**
     * After each test: closes the dialogs and windows it left open, hands the next test (TestFX gives every class the
     * same stage) an unmaximised stage in the light theme, and removes the hooks of {@code tables} it installed.
     */
    public void closeWindows(HookedTable... tables) throws TimeoutException {
        FxToolkit.cleanupStages();
        FxToolkit.setupStage(s -> s.setMaximized(false));
        FxToolkit.setupFixture(() -> DesktopUi.Theme.LIGHT.apply());
        for (HookedTable t : tables) {
            hooks.remove(t);
        }
    }

    public Path dir() {
        return dir;
    }

    /**
     * A session over the same services for a CSR who is, or is not, a supervisor. The test database connects as a
     * superuser, so {@link #session} is a supervisor's; stopping the fixture closes what every session shares.
     */
    public Session session(boolean supervisor) {
        return new Session(context.records(), context.saves(), context.database().description(), CSR, supervisor,
                context);
    }

    public Row row(HookedTable table, long number) {
        return context.records().load(table, number).map(LoadedRecord::row).orElseThrow();
    }

    /**
     * How many rows of {@code table} the test database holds (with {@code where}, a condition on them: "state = 1"),
     * asked in SQL, so an expectation follows the data the test ran on rather than a count of the demo's.
     */
    public int count(HookedTable table, String where) {
        return context.database().dsl().fetchOne("SELECT count(*) FROM " + table.sqlName()
                + (where.isEmpty() ? "" : " WHERE " + where)).get(0, Integer.class);
    }

    /** The smallest number of a row of {@code table} matching {@code where}; fails the test if there is none. */
    public int first(HookedTable table, String where) {
        Integer n = context.database().dsl().fetchOne("SELECT min(number) FROM " + table.sqlName() + " WHERE " + where)
                .get(0, Integer.class);
        if (n == null) {
            throw new AssertionError("the test data has no " + table.sqlName() + " where " + where);
        }
        return n;
    }

    /** Another CSR's save, as the command line would make it. */
    public SaveResult saveBehindTheFormsBack(HookedTable table, long number, Map<String, String> changes) {
        return context.saves().save(SaveRequest.update(table, number, changes, null, Origin.COMMAND_LINE, "bob"));
    }

    /**
     * Opens {@link #anOpenService()} in {@code main}'s window, as a CSR would find it, and waits until its form shows
     * the service's login (d01); returns its number.
     */
    public int openAnOpenService(FxRobot robot, MainViewModel main) {
        MainWindowUiTest.waitUntil(() -> main.sessionProperty().get() != null);
        int n = anOpenService();
        robot.interact(() -> main.open(HookedTable.SERVICE, n));
        MainWindowUiTest.waitUntil(() -> robot.lookup("#field-d01").tryQuery().isPresent()
                && !MainWindowUiTest.onFx(() -> robot.lookup("#field-d01").queryAs(TextField.class).getText()).isEmpty());
        WaitForAsyncUtils.waitForFxEvents();
        return n;
    }

    /**
     * In the open form's History tab, opens the newest run as a CSR does (selected, Enter) and waits until its dialog
     * ({@code #hook-run-dialog}) shows.
     */
    public void openNewestRunFromHistory(FxRobot robot) {
        robot.clickOn("#form-history-tab");
        MainWindowUiTest.waitUntil(() -> MainWindowUiTest.onFx(() ->
                robot.lookup("#history-table").queryAs(TableView.class).getItems().size()) > 0);
        robot.interact(() -> {
            TableView<?> t = robot.lookup("#history-table").queryAs(TableView.class);
            t.requestFocus();
            t.getSelectionModel().select(0);
        });
        robot.type(KeyCode.ENTER);
        MainWindowUiTest.waitUntil(() -> showing(robot, "#hook-run-dialog"));
    }

    /** Whether the node {@code query} finds is visible in a window that is showing (a dialog open, say). */
    public static boolean showing(FxRobot robot, String query) {
        return robot.lookup(query).tryQuery().map(b -> MainWindowUiTest.onFx(() -> b.isVisible() && b.getScene() != null
                && b.getScene().getWindow().isShowing())).orElse(false);
    }

    /** The first Open Fiber 100 line of the demo data (tests that leave one closed move on to the next). */
    public int anOpenService() {
        return context.records().search(HookedTable.SERVICE, "", "number", true, 0, 100).rows().stream()
                .filter(r -> Short.valueOf((short) 0).equals(r.get("state")) && Integer.valueOf(1).equals(r.get("servdef")))
                .map(r -> r.integer("number").intValue()).findFirst().orElseThrow();
    }
}
