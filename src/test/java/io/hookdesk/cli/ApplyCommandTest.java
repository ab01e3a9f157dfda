package io.hookdesk.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class ApplyCommandTest {

    @RegisterExtension
    static final CliHarness cli = CliHarness.perClass(CliHarness.Data.DEMO).removingHooksAfterEach();

    private String state(int service) {
        return cli.value("SELECT state::text FROM service WHERE number = " + service);
    }

    private String log() throws IOException {
        return Files.exists(cli.logFile) ? Files.readString(cli.logFile) : "";
    }

    @Test
    void updateWithoutAHookCommits() {
        CliHarness.Run r = cli.run("apply", "service", "3", "--set", "state=2");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEqualTo("service 3: Saved; no service_hook is installed.\n");
        assertThat(state(3)).isEqualTo("2");
    }

    @Test
    void createPrintsTheNewNumberAloneOnStdout() {
        CliHarness.Run r = cli.run("apply", "service", "--new", "--set", "user=4", "--set", "servdef=4", "--set", "d01=box4");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).matches("\\d+\n");
        int number = Integer.parseInt(r.out().trim());
        assertThat(cli.value("SELECT d01 FROM service WHERE number = " + number)).isEqualTo("box4");
        assertThat(r.err()).startsWith("created service " + number + ": ");
    }

    @Test
    void aValueThatDoesNotParseIsBadInputNamingTheColumnAndWritesNothing() throws IOException {
        int runs = cli.hookRuns();
        String log = log();
        CliHarness.Run r = cli.run("apply", "service", "5", "--set", "state=abc");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEqualTo("hookdesk: service 5 not saved, nothing changed: state: 'abc' is not a whole number\n");
        assertThat(cli.hookRuns()).isEqualTo(runs);
        assertThat(log()).isEqualTo(log);

        CliHarness.Run date = cli.run("apply", "service", "5", "--set", "invdate=31/12/2026");
        assertThat(date.err()).isEqualTo("hookdesk: service 5 not saved, nothing changed: invdate: '31/12/2026' is not a valid YYYY-MM-DD\n");
    }

    @Test
    void anUnknownColumnIsNamedWithASuggestion() {
        CliHarness.Run r = cli.run("apply", "service", "5", "--set", "stat=2");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("hookdesk: service 5 not saved, nothing changed: "
                + "stat: service has no column 'stat' (did you mean state?)\n");
    }

    @Test
    void anUnknownTableListsTheTables() {
        CliHarness.Run r = cli.run("apply", "servce", "5", "--set", "state=2");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("unknown table 'servce'; the tables are: account, user, service, efpstate, efpdata, "
                + "payhist, queue, ticket, message, datacall");
    }

    @Test
    void malformedArgumentsAreBadInput() {
        assertThat(cli.run("apply", "service", "5", "--set", "state").err())
                .isEqualTo("hookdesk: --set 'state': expected COLUMN=VALUE (COLUMN= for empty), nothing changed\n");
        assertThat(cli.run("apply", "service", "5", "--new", "--set", "state=2").exit()).isEqualTo(2);
        assertThat(cli.run("apply", "service", "--set", "state=2").err()).startsWith("hookdesk: missing NUMBER");
        assertThat(cli.run("apply", "service", "five", "--set", "state=2").exit()).isEqualTo(2);
        assertThat(cli.run("apply", "service", "5", "--set", "state=2", "--set", "state=3").err())
                .isEqualTo("hookdesk: --set state is given twice; nothing changed\n");
    }

    @Test
    void aMissingRecordIsBadInput() {
        CliHarness.Run r = cli.run("apply", "service", "999999", "--set", "state=2");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).startsWith("hookdesk: There is no service 999999. Nothing changed.\n");
    }

    @Test
    void aConstraintViolationIsBadInputNamingTheColumn() {
        CliHarness.Run r = cli.run("apply", "service", "5", "--set", "state=4");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).startsWith("hookdesk: service 5 not saved, nothing changed: state: is not one of the allowed values");
        assertThat(state(5)).isNotEqualTo("4");
    }

    @Test
    void aValueMayContainEqualsAndAnEmptyValueClears() {
        CliHarness.Run r = cli.run("apply", "service", "7", "--set", "d03=a=b=c", "--set", "enddate=2030-01-01");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(cli.value("SELECT d03 || '|' || enddate FROM service WHERE number = 7")).isEqualTo("a=b=c|2030-01-01");
        CliHarness.Run clear = cli.run("apply", "service", "7", "--set", "d03=", "--set", "enddate=");
        assertThat(clear.exit()).as(clear.toString()).isZero();
        assertThat(cli.value("SELECT '[' || d03 || ']' || coalesce(enddate::text, 'NULL') FROM service WHERE number = 7"))
                .isEqualTo("[]NULL");
    }

    @Test
    void theHookRunsNonInteractivelyToldTheDatabaseLoginAndCommitsOnExit0() throws IOException {
        Path seen = cli.temp.resolve("seen-env");
        cli.hook("service", "env > " + seen + "\nexit 0");
        CliHarness.Run r = cli.run("apply", "service", "9", "--set", "state=2");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.err()).isEqualTo("service 9: Saved; service_hook succeeded.\n");
        assertThat(Files.readString(seen)).contains("HOOK_INTERACTIVE=0\n", "HOOK_CSR=postgres\n", "NEW_state=2\n", "NEW=0\n");
        assertThat(cli.value("SELECT csr || '/' || db_user FROM hookdesk.hook_run ORDER BY id DESC LIMIT 1")).isEqualTo("tester/postgres");
        assertThat(state(9)).isEqualTo("2");

        cli.run("apply", "service", "9", "--set", "state=0", "--csr", "batchjob");
        assertThat(Files.readString(seen)).contains("HOOK_CSR=postgres\n").doesNotContain("batchjob");
        assertThat(cli.value("SELECT csr || '/' || db_user FROM hookdesk.hook_run ORDER BY id DESC LIMIT 1")).isEqualTo("batchjob/postgres");
    }

    @Test
    void aFailingHookRollsBackAndIsLoggedWithItsOutput() throws IOException {
        cli.hook("service", "echo provisioning $NEW_d01\necho 'RADIUS said no' >&2\nexit 7");
        String login = cli.value("SELECT d01 FROM service WHERE number = 11");
        CliHarness.Run r = cli.run("apply", "service", "11", "--set", "state=2");

        assertThat(r.exit()).as(r.toString()).isEqualTo(3);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEqualTo("hookdesk: service 11: service_hook exited with status 7; the change was rolled back.\n"
                + "  | RADIUS said no\n"
                + "hookdesk: logged in " + cli.logFile + "\n");
        assertThat(state(11)).isEqualTo("0");
        String log = log();
        assertThat(log).contains("ROLLED BACK: update service 11 by tester via command_line", "exit:     code 7\n", "stdout:\n    | provisioning " + login + "\n  stderr:",
                "    | RADIUS said no\n", "changes:  state=2\n", "duration:");
    }

    @Test
    void aRefusedHookIsExitCode3AndChangesNothing() {
        cli.hook("service", "exit 0", "rw-r--r--");
        CliHarness.Run r = cli.run("apply", "service", "13", "--set", "state=2");
        assertThat(r.exit()).isEqualTo(3);
        assertThat(r.err()).startsWith("hookdesk: service 13: Not saved: ").contains("not executable", "chmod 755");
        assertThat(state(13)).isEqualTo("0");
    }

    @Test
    void aHookRunningPastTheTimeoutIsKilledAndRolledBack() throws IOException {
        cli.hook("service", "sleep 120");
        long t0 = System.nanoTime();
        CliHarness.Run r = cli.run("apply", "service", "15", "--set", "state=2", "--hook-timeout", "1s");
        assertThat(r.exit()).as(r.toString()).isEqualTo(3);
        // Far below the hook's sleep, far above the 1 s timeout plus any delay of a loaded machine.
        assertThat((System.nanoTime() - t0) / 1_000_000_000).isLessThan(30);
        assertThat(r.err()).contains("timed out");
        assertThat(state(15)).isEqualTo("0");
        assertThat(log()).contains("TIMED OUT: update service 15").contains("timed out");
    }

    @Test
    void aCommitThatFailsAfterTheHookSucceededIsExitCode4AndSaysSoLoudly() {
        // A deferred constraint trigger fails only at COMMIT, after the hook has run.
        cli.db.dsl().execute("""
                CREATE FUNCTION fail_at_commit() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                  IF NEW.d03 = 'boom' THEN RAISE EXCEPTION 'deferred check failed'; END IF;
                  RETURN NEW;
                END $$""");
        cli.db.dsl().execute("CREATE CONSTRAINT TRIGGER fail_at_commit AFTER UPDATE ON service "
                + "DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION fail_at_commit()");
        try {
            cli.hook("service", "exit 0");
            CliHarness.Run r = cli.run("apply", "service", "17", "--set", "d03=boom");
            assertThat(r.exit()).as(r.toString()).isEqualTo(4);
            assertThat(r.err()).startsWith("hookdesk: WARNING: service 17: service_hook succeeded but the database did not commit")
                    .contains("may now be ahead of the database");
        } finally {
            cli.db.dsl().execute("DROP TRIGGER fail_at_commit ON service");
            cli.db.dsl().execute("DROP FUNCTION fail_at_commit()");
        }
    }

    @Test
    void aMissingHooksDirectoryRefusesTheSaveWithExit3AndChangesNothing() {
        Path missing = cli.temp.resolve("no-such-hooks");
        String before = state(12);

        CliHarness.Run r = cli.raw("--db-url", cli.url(), "--db-user", "postgres", "--home", cli.home.toString(),
                "--hooks-dir", missing.toString(), "apply", "service", "12", "--set", "state=2");

        assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCodes.HOOK);
        assertThat(r.err()).contains(missing.toString(), "does not exist");
        assertThat(state(12)).isEqualTo(before);
        assertThat(cli.value("SELECT outcome FROM hookdesk.hook_run ORDER BY id DESC LIMIT 1")).isEqualTo("refused");
    }
}
