package io.hookdesk.ui;

import io.hookdesk.model.HookedTable;
import io.hookdesk.ui.connect.ConnectionRequest;
import io.hookdesk.ui.connect.Connector;
import io.hookdesk.ui.connect.ProfileStore;
import io.hookdesk.ui.connect.Session;
import io.hookdesk.ui.form.FormOverlays;
import io.hookdesk.ui.search.ListColumn;
import io.hookdesk.ui.search.SearchViewModel;
import io.hookdesk.ui.task.SameThreadTaskExecutor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class MainViewModelTest {

    @RegisterExtension
    static final UiFixture fx = UiFixture.demo();

    final List<String> events = new ArrayList<>();
    final FakeDialogs dialogs = new FakeDialogs();

    /** Sessions over the fixture's services that note when they are opened and closed. */
    final Connector connector = request -> {
        if ("jdbc:postgresql://nowhere/db".equals(request.url())) {
            throw new IllegalStateException("Cannot use the database at nowhere: connection refused");
        }
        int n = events.size();
        events.add("open " + n + " as " + request.csr());
        // carol's database login is a supervisor's, dave's is not
        return new Session(fx.session.records(), fx.session.saves(), "test database " + n, request.csr(),
                "carol".equals(request.csr()),
                () -> events.add("close " + n));
    };

    MainViewModel main() {
        return new MainViewModel(connector, new ProfileStore(fx.dir().resolve("profiles.properties")),
                new SameThreadTaskExecutor(), dialogs, new FormOverlays(), Clock.systemUTC(), "carol");
    }

    @Test
    void connectingShowsWhereAndWhoAndOpensTheAccounts() {
        MainViewModel main = main();
        main.connect(ConnectionRequest.embedded("carol"));

        assertThat(main.databaseProperty().get()).isEqualTo("test database 0");
        assertThat(main.signedInProperty().get()).isEqualTo("carol");
        assertThat(main.supervisorProperty().get()).isTrue();
        assertThat(main.hooksProperty().get()).isEqualTo(fx.hooks.dir().toString());
        assertThat(main.selectedProperty().get()).isInstanceOfSatisfying(Workspace.Search.class,
                s -> assertThat(s.section()).isEqualTo(Section.ACCOUNTS));
        assertThat(((Workspace.Search) main.selectedProperty().get()).search().rows())
                .hasSize(Math.min(SearchViewModel.DEFAULT_PAGE_SIZE, fx.count(HookedTable.ACCOUNT, "")));
    }

    @Test
    void aFormOpensWithTheEnvironmentPanelAsTheCsrLastLeftItOnAnyForm() {
        MainViewModel main = main();
        main.envPanelPreferredProperty().set(false);
        main.connect(ConnectionRequest.embedded("carol"));
        main.open(HookedTable.SERVICE, fx.anOpenService());
        Workspace.Form first = (Workspace.Form) main.selectedProperty().get();
        assertThat(first.form().envPanelShownProperty().get()).isFalse();

        main.toggleEnvironmentPanel();
        main.open(HookedTable.ACCOUNT, 1);

        assertThat(main.envPanelPreferredProperty().get()).isTrue();
        assertThat(((Workspace.Form) main.selectedProperty().get()).form().envPanelShownProperty().get()).isTrue();
    }

    @Test
    void theProgressLineSaysTheDemoDatabaseIsCreatedOnlyWhenItIs() {
        List<String> said = new ArrayList<>();
        MainViewModel main = main();
        main.connectingTextProperty().addListener((obs, was, now) -> said.add(now));
        boolean[] creates = {true};
        main.firstStartCheck(() -> creates[0]);

        main.connect(ConnectionRequest.embedded("carol"));
        creates[0] = false;
        main.connect(ConnectionRequest.embedded("carol"));

        assertThat(said).filteredOn(t -> !t.isEmpty())
                .containsExactly("Creating the demo database (first start)…", "Opening the database…");
    }

    @Test
    void anotherDatabaseIsOpenedOnlyAfterThePreviousOneIsClosed() {
        MainViewModel main = main();
        main.connect(ConnectionRequest.embedded("carol"));
        main.open(HookedTable.SERVICE, fx.anOpenService());

        main.connect(ConnectionRequest.embedded("dave"));

        assertThat(events).containsExactly("open 0 as carol", "close 0", "open 2 as dave");
        assertThat(main.signedInProperty().get()).isEqualTo("dave");
        assertThat(main.supervisorProperty().get()).as("dave's login is no supervisor's").isFalse();
        assertThat(main.workspaces()).noneMatch(w -> w instanceof Workspace.Form);
    }

    @Test
    void aDatabaseThatCannotBeOpenedBringsUpTheConnectionDialogWithTheReason() {
        MainViewModel main = main();
        main.connect(new ConnectionRequest("jdbc:postgresql://nowhere/db", "csr", null, "carol"));

        assertThat(dialogs.connectProblems).singleElement().asString().contains("connection refused");
        assertThat(main.sessionProperty().get()).isNull();
        assertThat(main.connectingProperty().get()).isFalse();
    }

    @Test
    void aFailedConnectKeepsTheDatabaseInUseItsTabsAndWhatTheCsrTyped() {
        MainViewModel main = main();
        main.connect(ConnectionRequest.embedded("carol"));
        main.open(HookedTable.SERVICE, fx.anOpenService());
        List<Workspace> before = List.copyOf(main.workspaces());

        main.connect(new ConnectionRequest("jdbc:postgresql://nowhere/db", "billing", "wrong", "carol"));

        assertThat(events).containsExactly("open 0 as carol");
        assertThat(main.sessionProperty().get()).isNotNull();
        assertThat(main.databaseProperty().get()).isEqualTo("test database 0");
        assertThat(main.workspaces()).containsExactlyElementsOf(before);
        assertThat(main.connectingProperty().get()).isFalse();
        assertThat(dialogs.connectProblems).singleElement().asString().contains("connection refused");
        assertThat(dialogs.connectModels).singleElement().satisfies(m -> {
            assertThat(m.urlProperty().get()).isEqualTo("jdbc:postgresql://nowhere/db");
            assertThat(m.userProperty().get()).isEqualTo("billing");
            assertThat(m.csrProperty().get()).isEqualTo("carol");
            assertThat(m.passwordProperty().get()).isEmpty();
        });
    }

    @Test
    void anotherServerIsOpenedBeforeTheOneInUseIsClosed() {
        MainViewModel main = main();
        main.connect(ConnectionRequest.embedded("carol"));

        main.connect(new ConnectionRequest("jdbc:postgresql://elsewhere/db", "billing", null, "dave"));

        assertThat(events).containsExactly("open 0 as carol", "open 1 as dave", "close 0");
        assertThat(main.signedInProperty().get()).isEqualTo("dave");
    }

    @Test
    void aRecordOpensOnceAndAFormWithEditsAsksBeforeClosing() {
        MainViewModel main = main();
        main.connect(ConnectionRequest.embedded("carol"));
        int n = fx.anOpenService();
        main.open(HookedTable.SERVICE, n);
        main.open(HookedTable.SERVICE, n);
        List<Workspace.Form> forms = main.workspaces().stream().filter(w -> w instanceof Workspace.Form)
                .map(w -> (Workspace.Form) w).toList();
        assertThat(forms).hasSize(1);

        forms.get(0).form().field("d05").textProperty().set("edited");
        dialogs.confirmAnswer = false;
        assertThat(main.close(forms.get(0))).isFalse();
        assertThat(main.workspaces()).contains(forms.get(0));
        dialogs.confirmAnswer = true;
        assertThat(main.close(forms.get(0))).isTrue();
        assertThat(main.workspaces()).doesNotContain(forms.get(0));
    }

    @Test
    void newRecordFromAnAccountsServicesTabIsANewServiceOfItsUser() {
        MainViewModel main = main();
        main.connect(ConnectionRequest.embedded("carol"));
        main.open(HookedTable.ACCOUNT, 1);
        Workspace.Form account = (Workspace.Form) main.selectedProperty().get();
        var services = account.details().tabs().stream().filter(t -> t.table() == HookedTable.SERVICE).findFirst().orElseThrow();
        ListColumn product = services.columns().stream().filter(c -> c.column().equals("servdef")).findFirst().orElseThrow();
        assertThat(services.rows()).extracting(product::text).contains("Fiber 500", "Email mailbox");

        account.details().newChild(services);

        Workspace.Form created = (Workspace.Form) main.selectedProperty().get();
        assertThat(created.form().table()).isEqualTo(HookedTable.SERVICE);
        assertThat(created.form().buildRequest().changes()).isEqualTo(Map.of("user", "1"));
        assertThat(created.form().title()).isEqualTo("New service *");
    }
}
