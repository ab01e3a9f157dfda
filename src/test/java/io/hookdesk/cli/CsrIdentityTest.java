package io.hookdesk.cli;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who saved is the database login, set by the database; what the operator types with {@code --csr} is a label
 * recorded beside it, refused before anything is written when it could forge a log line or not fit (issue 10, item 1).
 */
class CsrIdentityTest {

    @RegisterExtension
    static final CliHarness cli = CliHarness.perClass(CliHarness.Data.DEMO).removingHooksAfterEach();

    private static final String LOGIN = "csr_ident_" + ProcessHandle.current().pid();

    @BeforeAll
    static void csrLogin() {
        CliHarness.Run roles = cli.run("db", "roles");
        assertThat(roles.exit()).as(roles.toString()).isZero();
        cli.db.dsl().execute("CREATE ROLE " + LOGIN + " LOGIN IN ROLE hookdesk_csr");
    }

    @AfterAll
    static void dropLogin() {
        cli.db.dsl().execute("DROP ROLE IF EXISTS " + LOGIN);
    }

    @Test
    void aCsrLoginSavingAsMalloryIsRecordedAsItsLoginWithMalloryAsTheLabel() throws Exception {
        Path seen = cli.temp.resolve("identity-seen");
        cli.hook("service", "echo \"$HOOK_CSR\" > '" + seen + "'");

        CliHarness.Run r = cli.runAs(LOGIN, "apply", "service", "3", "--set", "state=2", "--csr", "mallory");

        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(cli.value("SELECT db_user || ' ' || csr FROM hookdesk.hook_run ORDER BY id DESC LIMIT 1"))
                .isEqualTo(LOGIN + " mallory");
        assertThat(Files.readString(seen)).isEqualTo(LOGIN + "\n");
    }

    @Test
    void aLabelWithALineBreakIsRefusedAndForgesNoLogLine() throws Exception {
        int runs = cli.hookRuns();
        String before = cli.value("SELECT row_to_json(s)::text FROM service s WHERE number = 4");

        CliHarness.Run r = cli.run("apply", "service", "4", "--set", "state=2",
                "--csr", "eve\n2026-01-01T00:00:00Z service 4 committed by admin");

        assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err()).contains("--csr", "control");
        assertThat(cli.hookRuns()).isEqualTo(runs);
        assertThat(cli.value("SELECT row_to_json(s)::text FROM service s WHERE number = 4")).isEqualTo(before);
        assertThat(!Files.exists(cli.logFile) || !Files.readString(cli.logFile).contains("committed by admin")).isTrue();
    }

    @Test
    void aLabelOf150CharactersIsRefusedBeforeAnythingIsWritten() {
        int runs = cli.hookRuns();
        String before = cli.value("SELECT row_to_json(s)::text FROM service s WHERE number = 5");

        CliHarness.Run r = cli.run("apply", "service", "5", "--set", "state=2", "--csr", "m".repeat(150));

        assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err()).contains("--csr", "150 characters", "at most 100");
        assertThat(cli.hookRuns()).isEqualTo(runs);
        assertThat(cli.value("SELECT row_to_json(s)::text FROM service s WHERE number = 5")).isEqualTo(before);
    }

    @Test
    void aBatchLineWithABadLabelIsRefusedAndTheOthersGoOn() throws Exception {
        Path file = cli.temp.resolve("labels.jsonl");
        Files.writeString(file, "{\"table\":\"service\",\"number\":6,\"set\":{\"state\":\"2\"},\"csr\":\"tab\\there\"}\n"
                + "{\"table\":\"service\",\"number\":7,\"set\":{\"state\":\"2\"},\"csr\":\"fine\"}\n");

        CliHarness.Run r = cli.run("apply", "--file", file.toString());

        assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err()).contains("line 1", "csr");
        assertThat(cli.value("SELECT state::text FROM service WHERE number = 6")).isNotEqualTo("2");
        assertThat(cli.value("SELECT state::text FROM service WHERE number = 7")).isEqualTo("2");
    }
}
