package io.hookdesk.ui;

import io.hookdesk.app.AppContext;
import io.hookdesk.db.Database;
import io.hookdesk.model.HookedTable;
import io.hookdesk.save.FailureLog;
import io.hookdesk.testing.TestApp;
import io.hookdesk.testing.TestDatabase;
import io.hookdesk.ui.form.Lookup;
import io.hookdesk.ui.form.LookupNames;
import io.hookdesk.ui.connect.ConnectionRequest;
import io.hookdesk.ui.connect.ProfileStore;
import io.hookdesk.ui.form.ControlKind;
import io.hookdesk.ui.form.FieldViewModel;
import io.hookdesk.ui.form.FormOverlays;
import io.hookdesk.ui.form.RecordFormViewModel;
import io.hookdesk.ui.search.SearchViewModel;
import io.hookdesk.ui.task.SameThreadTaskExecutor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The desktop on a billing database someone else made: the tables it lacks are greyed with their reason, the form
 * shows the ISP's own columns under "Other columns" (those of types HookDesk does not write, read-only), char(n)
 * values come without their pad, and search and save work on what is there.
 */
class ExistingDatabaseDesktopTest {

    @RegisterExtension
    static final UiFixture fx = UiFixture.foreignBillMax();

    final FakeDialogs dialogs = new FakeDialogs();

    MainViewModel main() {
        MainViewModel main = new MainViewModel(request -> fx.session, new ProfileStore(fx.dir().resolve("profiles.properties")),
                new SameThreadTaskExecutor(), dialogs, new FormOverlays(), Clock.systemUTC(), UiFixture.CSR);
        main.connect(ConnectionRequest.embedded(UiFixture.CSR));
        return main;
    }

    @Test
    void tablesTheDatabaseLacksAreUnavailableWithTheirReason() {
        MainViewModel main = main();

        assertThat(main.unavailable(Section.PROCESSOR_DATA)).hasValue("this database has no table efpdata");
        assertThat(main.unavailable(Section.TICKETS)).hasValue("ticket has no single-column primary key number in this database");
        assertThat(main.unavailable(Section.SERVICES)).isEmpty();
        assertThat(main.unavailable(Section.HOOK_RUNS)).isEmpty();

        assertThat(main.openSection(Section.DATA_CALLS)).isNull();
        assertThat(dialogs.warnings).singleElement().asString()
                .startsWith("Data calls are not available: This database has no table datacall.");
    }

    @Test
    void theFormShowsTheIspsOwnColumnsAndNeverEditsTypesItCannotWrite() {
        RecordFormViewModel form = new RecordFormViewModel(HookedTable.SERVICE, fx.session, new SameThreadTaskExecutor(),
                dialogs, new FormOverlays(), Clock.systemUTC());
        form.open(1);

        FieldViewModel vlan = form.field("x_vlan");
        FieldViewModel tags = form.field("x_tags");
        assertThat(vlan.spec().group()).isEqualTo("Other columns");
        assertThat(vlan.spec().kind()).isEqualTo(ControlKind.NUMBER);
        assertThat(vlan.text()).isEqualTo("120");
        // An array of text is written through the server's cast, typed as PostgreSQL writes it.
        assertThat(tags.spec().kind()).isEqualTo(ControlKind.TEXT);
        assertThat(tags.text()).isEqualTo("{fibre,north}");
        assertThat(form.field("d01").text()).isEqualTo("ada");

        vlan.textProperty().set("300");
        form.save();

        assertThat(form.dirty()).isFalse();
        assertThat(form.messageProperty().get()).doesNotStartWith("Not saved");
        assertThat(fx.row(HookedTable.SERVICE, 1).get("x_vlan")).isEqualTo(300);
    }

    @Test
    void anotherCsrsSaveInBetweenIsAConflictAndNothingOfTheirsIsLost() {
        RecordFormViewModel form = new RecordFormViewModel(HookedTable.USER, fx.session, new SameThreadTaskExecutor(),
                dialogs, new FormOverlays(), Clock.systemUTC());
        form.open(1);
        form.field("email").textProperty().set("mine@example.net");
        assertThat(fx.saveBehindTheFormsBack(HookedTable.USER, 1, java.util.Map.of("fname", "Augusta")).committed()).isTrue();

        dialogs.conflictChoice = null;
        form.save();

        assertThat(dialogs.conflicts).singleElement().satisfies(report ->
                assertThat(report.lines()).filteredOn(io.hookdesk.ui.dialogs.ConflictReport.Line::differs)
                        .extracting(io.hookdesk.ui.dialogs.ConflictReport.Line::column).contains("fname", "email"));
        assertThat(fx.row(HookedTable.USER, 1).get("fname")).isEqualTo("Augusta");
        assertThat(fx.row(HookedTable.USER, 1).get("email")).isEqualTo("ada@example.net");
    }

    @Test
    void theNamesOfProductsAndQueuesComeUnpaddedAndADatabaseWithoutQueuesStillOpens() throws Exception {
        assertThat(LookupNames.load(fx.session.records()).name(Lookup.SERVDEF, 1)).isEqualTo("Fibre 100");

        Database db = Database.connect(TestDatabase.foreignBillMax(), "postgres", null);
        db.dsl().execute("DROP TABLE queue");
        Path hooks = Files.createDirectories(fx.dir().resolve("no-queue-hooks"));
        try (AppContext noQueues = TestApp.wire(db, fx.dir().resolve("no-queue-home"), hooks, Duration.ofSeconds(10),
                FailureLog.NONE)) {
            LookupNames names = LookupNames.load(noQueues.records());
            assertThat(names.name(Lookup.QUEUE, 1)).isNull();
            assertThat(names.name(Lookup.SERVDEF, 1)).isEqualTo("Fibre 100");
        }
    }

    @Test
    void searchFindsByTheColumnsThisDatabaseHas() {
        SearchViewModel accounts = ((Workspace.Search) main().openSection(Section.ACCOUNTS)).search();
        accounts.queryProperty().set("love");
        accounts.search();

        assertThat(accounts.rows()).singleElement().satisfies(r -> assertThat(r.get("clname")).isEqualTo("Lovelace"));
    }
}
