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
import io.hookdesk.testing.TestApp;
import io.hookdesk.ui.connect.Session;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * The demo database with the services wired as the desktop gets them, a hooks directory of the test's own,
 * and a direct way to change records "behind the form's back".
 */
public final class UiFixture implements AutoCloseable {

    public static final String CSR = "alice";

    public final AppContext context;
    public final Session session;
    public final HookScripts hooks;

    private UiFixture(AppContext context, HookScripts hooks) {
        this.context = context;
        this.hooks = hooks;
        this.session = session(context.supervisor());
    }

    /**
     * A session over the same services for a CSR who is, or is not, a supervisor. The test database connects as a
     * superuser, so {@link #session} is a supervisor's; closing the fixture closes what every session shares.
     */
    public Session session(boolean supervisor) {
        return new Session(context.records(), context.saves(), context.database().description(), CSR, supervisor,
                context);
    }

    /** Demo data (30 accounts, 60 services), hooks in {@code dir}/hooks, 10 s hook timeout. */
    public static UiFixture demo(Path dir) throws Exception {
        Path hooksDir = Files.createDirectories(dir.resolve("hooks"));
        HookScripts hooks = new HookScripts(hooksDir);
        return new UiFixture(TestApp.demo(dir, hooksDir, Duration.ofSeconds(10), FailureLog.NONE), hooks);
    }

    public Row row(HookedTable table, int number) {
        return context.records().load(table, number).map(LoadedRecord::row).orElseThrow();
    }

    /** Another CSR's save, as the command line would make it. */
    public SaveResult saveBehindTheFormsBack(HookedTable table, int number, Map<String, String> changes) {
        return context.saves().save(SaveRequest.update(table, number, changes, null, Origin.COMMAND_LINE, "bob"));
    }

    /** The first Open Fiber 100 line of the demo data (tests that leave one closed move on to the next). */
    public int anOpenService() {
        return context.records().search(HookedTable.SERVICE, "", "number", true, 0, 100).rows().stream()
                .filter(r -> Short.valueOf((short) 0).equals(r.get("state")) && Integer.valueOf(1).equals(r.get("servdef")))
                .map(r -> r.integer("number")).findFirst().orElseThrow();
    }

    @Override
    public void close() {
        context.close();
    }
}
