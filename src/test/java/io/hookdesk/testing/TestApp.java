package io.hookdesk.testing;

import io.hookdesk.app.AppConfig;
import io.hookdesk.app.AppContext;
import io.hookdesk.db.Database;
import io.hookdesk.save.FailureLog;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/** Services wired over a fresh test database, with a hooks directory of the test's own. */
public final class TestApp {

    /** What the client's own environment looks like to the save path in tests. */
    public static final Map<String, String> CLIENT_ENV = Map.of(
            "PATH", "/usr/local/bin:/usr/bin:/bin", "HOME", "/root", "LANG", "C.UTF-8",
            "HOOKDESK_DB_PASSWORD", "s3cret-db-password", "JAVA_HOME", "/usr/lib/jvm/x", "PGPASSWORD", "pg-secret");

    private TestApp() {
    }

    public static AppContext demo(Path home, Path hooksDir, Duration timeout, FailureLog log) {
        return wire(TestDatabase.withDemoData(), home, hooksDir, timeout, log);
    }

    public static AppContext wire(Database db, Path home, Path hooksDir, Duration timeout, FailureLog log) {
        AppConfig config = new AppConfig(home, null, null, null, hooksDir, timeout, home.resolve("logs/hooks.log"));
        return AppContext.wire(config, db, log, Clock.systemUTC(), CLIENT_ENV);
    }
}
