package io.hookdesk.ui;

import io.hookdesk.app.AppContext;
import io.hookdesk.db.Database;
import io.hookdesk.model.HookedTable;
import io.hookdesk.save.FailureLog;
import io.hookdesk.testing.TestApp;
import io.hookdesk.testing.TestDatabase;
import io.hookdesk.ui.form.FieldViewModel;
import io.hookdesk.ui.form.FormOverlays;
import io.hookdesk.ui.form.RecordFormView;
import io.hookdesk.ui.form.RecordFormViewModel;
import io.hookdesk.ui.connect.Session;
import io.hookdesk.ui.envpanel.EnvEntry;
import io.hookdesk.ui.task.SameThreadTaskExecutor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import javafx.scene.Scene;
import javafx.scene.control.TextField;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import static io.hookdesk.ui.MainWindowUiTest.onFx;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The desktop on the hand-written drifted BillMax schema ({@code drifted-billmax.sql}) signed in as logins with column
 * grants ({@code support_*}: every account column but ccnum, changes only state and d03 of a service) and subject to
 * row-level security ({@code rls_*}: sees only its team's queues): the form locks what the login may not change and
 * says why, the environment panel names what it may not read, and a hidden record is "not visible", not "deleted".
 */
class ColumnGrantsFormTest {

    @TempDir
    static Path dir;

    static TestDatabase.Drifted drifted;
    static AppContext admin;
    static AppContext support;
    static AppContext rls;

    @BeforeAll
    static void connect() throws Exception {
        drifted = TestDatabase.driftedBillMax(true, false);
        Path hooks = Files.createDirectories(dir.resolve("hooks"));
        // The database's owner connects first, as its administrator would: HookDesk's schema is then its own.
        admin = TestApp.wire(Database.connect(drifted.url(), drifted.admin(), null), dir, hooks, Duration.ofSeconds(10),
                FailureLog.NONE);
        for (String login : List.of(drifted.support(), drifted.rls())) {
            for (String sql : List.of("GRANT USAGE ON SCHEMA hookdesk TO " + login,
                    "GRANT SELECT ON ALL TABLES IN SCHEMA hookdesk TO " + login,
                    "GRANT INSERT ON hookdesk.hook_run TO " + login,
                    "GRANT USAGE ON ALL SEQUENCES IN SCHEMA hookdesk TO " + login,
                    "GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA hookdesk TO " + login)) {
                admin.database().dsl().execute(sql);
            }
        }
        support = TestApp.wire(Database.connect(drifted.url(), drifted.support(), null), dir, hooks,
                Duration.ofSeconds(10), FailureLog.NONE);
        rls = TestApp.wire(Database.connect(drifted.url(), drifted.rls(), null), dir, hooks,
                Duration.ofSeconds(10), FailureLog.NONE);
    }

    @AfterAll
    static void close() {
        for (AppContext c : new AppContext[] {rls, support, admin}) {
            if (c != null) {
                c.close();
            }
        }
    }

    static RecordFormViewModel form(AppContext context, HookedTable table) {
        Session session = new Session(context.records(), context.saves(), context.database().description(), "alice",
                false, context);
        return new RecordFormViewModel(table, session, new SameThreadTaskExecutor(), new FakeDialogs(),
                new FormOverlays(), Clock.systemUTC());
    }

    static String value(String sql) {
        return admin.database().dsl().fetchValue(sql).toString();
    }

    @Test
    void aColumnTheLoginMayNotUpdateIsReadOnlyAndSaysWhyWhileItsGrantedColumnsSave() {
        RecordFormViewModel form = form(support, HookedTable.SERVICE);
        form.open(2);

        FieldViewModel d01 = form.field("d01");
        assertThat(d01.readOnly()).isTrue();
        assertThat(d01.lockedProperty().get()).isEqualTo("your login may not change this column");
        assertThat(form.field("state").readOnly()).isFalse();
        assertThat(form.field("state").lockedProperty().get()).isEmpty();

        d01.textProperty().set("mallory");
        assertThat(d01.dirty()).isFalse();
        form.field("d03").textProperty().set("vlan9");
        form.save();

        assertThat(form.messageProperty().get()).doesNotStartWith("Not saved").doesNotContain("may not change");
        assertThat(value("SELECT d01 || ' ' || d03 FROM billing.service WHERE number = 2")).isEqualTo("svc2 vlan9");
    }

    @Test
    void aLoginWithTableGrantsHasNoLockedField() {
        RecordFormViewModel form = form(admin, HookedTable.SERVICE);
        form.open(3);

        assertThat(form.field("d01").readOnly()).isFalse();
        assertThat(form.field("d01").lockedProperty().get()).isEmpty();
        assertThat(form.env().notShownProperty().get()).isEmpty();
    }

    @Test
    void theEnvironmentPanelSaysWhichColumnsTheLoginMayNotRead() {
        RecordFormViewModel form = form(support, HookedTable.SERVICE);
        form.open(4);

        assertThat(form.env().notShownProperty().get()).isEqualTo("not shown: account ccnum (this login may not read it)");
        assertThat(form.env().entries()).extracting(EnvEntry::key).doesNotContain("ACCOUNT_ccnum").contains("ACCOUNT_clname");
    }

    @Test
    void aRecordRowLevelSecurityHidesIsNotFoundOrNotVisibleRatherThanDeleted() {
        int abuse = Integer.parseInt(value("SELECT number FROM billing.queue WHERE name = 'Abuse'"));
        RecordFormViewModel hidden = form(rls, HookedTable.QUEUE);
        hidden.open(abuse);

        assertThat(hidden.messageProperty().get())
                .isEqualTo("Queue " + abuse + " is not found or not visible to your login (row-level security on queue).");

        // The owner is not subject to the policy: a number no row has is simply not there.
        RecordFormViewModel owner = form(admin, HookedTable.QUEUE);
        owner.open(999);
        assertThat(owner.messageProperty().get()).isEqualTo("There is no queue 999; someone may have deleted it.");
    }

    /** The same form on screen: the locked column's box takes no typing and its tooltip says why. */
    @Nested
    @ExtendWith(ApplicationExtension.class)
    class OnScreen {

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

        @Test
        void theLockedColumnIsNotEditableAndItsTooltipSaysWhy(FxRobot robot) {
            RecordFormViewModel form = form(support, HookedTable.SERVICE);
            form.open(5);
            RecordFormView view = onFx(() -> new RecordFormView(form, List.of()));
            robot.interact(() -> window.getChildren().setAll(view));
            TextField d01 = robot.lookup("#field-d01").queryAs(TextField.class);
            TextField d03 = robot.lookup("#field-d03").queryAs(TextField.class);

            assertThat(onFx(d01::isEditable)).isFalse();
            assertThat(onFx(() -> d01.getTooltip().getText())).endsWith(": your login may not change this column");
            assertThat(onFx(d03::isEditable)).isTrue();
            assertThat(onFx(() -> d03.getTooltip().getText())).doesNotContain("may not change");
        }
    }
}
