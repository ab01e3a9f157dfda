package io.hookdesk.db;

import io.hookdesk.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Where its login may (a superuser, as on the embedded database), HookDesk's sessions keep a refused statement's
 * DETAIL ("Failing row contains" a password) and the statement out of the server's log (issue 19 item 9); a login that
 * may not change these settings still connects.
 */
class ServerLogDetailTest {

    @Test
    void aSuperusersSessionsLogRefusalsTersely() {
        try (Database db = TestDatabase.fresh()) {
            assertThat(db.dsl().fetchOne("SELECT current_setting('log_error_verbosity') || ' ' || "
                    + "current_setting('log_min_error_statement')").get(0, String.class)).isEqualTo("terse panic");
        }
    }

    @Test
    void aLoginThatMayNotSetThemConnectsAsBefore() {
        String login = "csr_log_" + ProcessHandle.current().pid();
        try (Database admin = TestDatabase.fresh()) {
            admin.dsl().execute("CREATE ROLE " + login + " LOGIN");
            admin.dsl().execute("GRANT USAGE ON SCHEMA hookdesk TO " + login);
            admin.dsl().execute("GRANT SELECT ON ALL TABLES IN SCHEMA hookdesk TO " + login);
            try (Database csr = Database.connect(admin.description(), login, null)) {
                assertThat(csr.dsl().fetchOne("SELECT current_setting('log_error_verbosity')").get(0, String.class))
                        .isEqualTo("default");
            } finally {
                admin.dsl().execute("DROP OWNED BY " + login);
                admin.dsl().execute("DROP ROLE " + login);
            }
        }
    }
}
