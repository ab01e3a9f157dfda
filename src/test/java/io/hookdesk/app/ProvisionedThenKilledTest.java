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
 * Issue 19, item 6: a hook exits 0 (it has provisioned) and a helper it left behind kills HookDesk right after, while
 * the save commits. The next start says exactly what happened: the hook provisioned, and whether the database committed
 * the change, as the database itself tells.
 *
 * <p>The commit is made slow and observable by a deferred constraint trigger that writes a file (the helper's cue to
 * kill HookDesk) and sleeps: the kill then always falls inside the commit. Whether the server finishes that commit
 * for a client that is gone is what {@code client_connection_check_interval} decides, so each outcome is certain. The
 * test keeps the home's server in use throughout: otherwise the next start would stop it as orphaned (a fast
 * shutdown, which abandons the commit too).
 */
class ProvisionedThenKilledTest {

    @TempDir
    Path home;
    @TempDir
    Path hooks;
    @TempDir
    Path signals;
    private Database held;

    @AfterEach
    void release() {
        if (held != null) {
            held.close();
        }
    }

    @BeforeEach
    void hookWhoseHelperKillsHookDeskDuringTheCommit() throws IOException {
        // The server writes the cue, as its own user.
        Files.setPosixFilePermissions(signals, PosixFilePermissions.fromString("rwxrwxrwx"));
        Path hook = hooks.resolve("service_hook");
        Files.writeString(hook, "#!/bin/sh\n"
                // Out of the hook's group (the runner kills the group at exit 0), not holding its output.
                + "setsid sh -c 'n=0; while [ ! -e \"$1\" ] && [ $n -lt 1200 ]; do sleep 0.05; n=$((n+1)); done; kill -9 \"$2\"' "
                + "killer '" + signals.resolve("committing") + "' \"$PPID\" </dev/null >/dev/null 2>&1 &\n"
                + "exit 0\n");
        Files.setPosixFilePermissions(hook, PosixFilePermissions.fromString("rwxr-xr-x"));
        SeededHome.copyTo(home);
        held = Database.open(new DatabaseSettings(null, null, null, home));
        held.dsl().execute("CREATE FUNCTION public.test_slow_commit() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                + "EXECUTE format('COPY (SELECT 1) TO %L', '" + signals.resolve("committing") + "'); "
                + "PERFORM pg_sleep(3); RETURN NULL; END $$");
        held.dsl().execute("CREATE CONSTRAINT TRIGGER test_slow_commit AFTER UPDATE ON public.service "
                + "DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION public.test_slow_commit()");
    }

    @Test
    void aCommitTheServerFinishedIsReportedAsProvisionedAndCommitted() throws Exception {
        killedDuringTheCommitOf(7, "provisioned-7");

        // The next start waits while the server still finishes the commit, and reports what it decided.
        String log = nextStartsLog();
        assertThat(d04(7)).as("the server finished the commit of a client that was gone").isEqualTo("provisioned-7");
        assertThat(log)
                .contains("PROVISIONED, COMMITTED: " + hooks.resolve("service_hook") + " for service 7 (update)")
                .contains("exited 0 at ")
                .contains("provisioning and database agree");
    }

    @Test
    void aCommitTheServerAbandonedIsReportedAsProvisionedAndNotCommitted() throws Exception {
        // The server notices within 0.1 s that its client is gone, and abandons the commit it was in.
        held.dsl().execute("DO $$ BEGIN EXECUTE format('ALTER DATABASE %I SET client_connection_check_interval = 100', "
                + "current_database()); END $$");
        String before = d04(8);

        killedDuringTheCommitOf(8, "provisioned-8");

        assertThat(d04(8)).as("nothing committed").isEqualTo(before);
        assertThat(nextStartsLog())
                .contains("PROVISIONED, NOT COMMITTED: " + hooks.resolve("service_hook") + " for service 8 (update)")
                .contains("the provisioned system is ahead of the database");
    }

    private void killedDuringTheCommitOf(int service, String value) throws Exception {
        try (Jvm cli = Jvm.start(Main.class, "--home", home.toString(), "--hooks-dir", hooks.toString(),
                "apply", "service", Integer.toString(service), "--set", "d04=" + value)) {
            assertThat(cli.waitFor(120)).as("killed by the hook's helper; HookDesk said:\n" + cli.output()).isEqualTo(137);
        }
    }

    private String nextStartsLog() throws Exception {
        try (Jvm next = Jvm.start(Main.class, "--home", home.toString(), "--hooks-dir", hooks.toString(), "env", "service", "1")) {
            assertThat(next.waitFor(120)).as(next.output()).isZero();
        }
        try (Stream<Path> markers = Files.list(home.resolve("hooks-running"))) {
            assertThat(markers).as("reported once").isEmpty();
        }
        return Files.readString(home.resolve("logs/hooks.log"));
    }

    private String d04(int service) {
        return held.dsl().fetchOne("SELECT coalesce(d04, '') FROM service WHERE number = " + service).get(0, String.class);
    }
}
