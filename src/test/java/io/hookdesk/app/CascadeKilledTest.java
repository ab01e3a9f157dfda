package io.hookdesk.app;

import io.hookdesk.db.Database;
import io.hookdesk.db.DatabaseSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 21: a cascade whose HookDesk is killed with -9 midway (by its third hook) commits nothing, and the next start
 * reports the hooks that had run and provisioned for it, each naming the cascade, as not committed.
 */
class CascadeKilledTest {

    @TempDir
    Path home;
    @TempDir
    Path hooks;
    private Database held;

    @AfterEach
    void release() {
        if (held != null) {
            held.close();
        }
    }

    @BeforeEach
    void customerWhoseServiceHookKillsHookDesk() throws IOException {
        for (String t : new String[] {"account", "user"}) {
            write(t + "_hook", "exit 0\n");
        }
        // Kills the HookDesk that runs it, as a crash or an operator's kill -9 would, while the cascade is open.
        write("service_hook", "kill -9 \"$PPID\"\nsleep 30\n");
        // The test keeps the home's server in use throughout, so the next start does not stop it as orphaned.
        held = Database.open(new DatabaseSettings(null, null, null, home));
        held.dsl().execute("""
                INSERT INTO account (number, state) VALUES (1042, 0);
                INSERT INTO "user" (number, account, state, login) VALUES (501, 1042, 0, 'a');
                INSERT INTO service (number, "user", state, servdef, d01) VALUES (9001, 501, 0, 1, 'a1');
                """);
    }

    private void write(String name, String body) throws IOException {
        Path hook = hooks.resolve(name);
        Files.writeString(hook, "#!/bin/sh\n" + body);
        Files.setPosixFilePermissions(hook, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @Test
    void nothingIsCommittedAndTheNextStartReportsTheHooksThatRan() throws Exception {
        try (Jvm cli = Jvm.start(Main.class, "--home", home.toString(), "--hooks-dir", hooks.toString(),
                "apply", "account", "1042", "--set", "state=2", "--cascade")) {
            assertThat(cli.waitFor(120)).as("killed by the service hook; HookDesk said:\n" + cli.output()).isEqualTo(137);
        }
        assertThat(held.dsl().fetchOne("SELECT string_agg(state::text, ',') FROM (SELECT state FROM account WHERE number = 1042"
                + " UNION ALL SELECT state FROM \"user\" WHERE number = 501 UNION ALL SELECT state FROM service WHERE number = 9001) s")
                .get(0, String.class)).as("nothing committed").isEqualTo("0,0,0");

        try (Jvm next = Jvm.start(Main.class, "--home", home.toString(), "--hooks-dir", hooks.toString(), "env", "account", "1042")) {
            assertThat(next.waitFor(120)).as(next.output()).isZero();
        }
        try (Stream<Path> markers = Files.list(home.resolve("hooks-running"))) {
            assertThat(markers).as("reported once").isEmpty();
        }
        String log = Files.readString(home.resolve("logs/hooks.log"));
        assertThat(log)
                .contains("PROVISIONED, NOT COMMITTED: " + hooks.resolve("account_hook") + " for account 1042 (update, cascade from account:1042)")
                .contains("PROVISIONED, NOT COMMITTED: " + hooks.resolve("user_hook") + " for user 501 (update, cascade from account:1042)");
    }
}
