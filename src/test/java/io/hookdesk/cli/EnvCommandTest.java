package io.hookdesk.cli;

import io.hookdesk.db.schema.Catalog;
import io.hookdesk.db.schema.Tables;
import io.hookdesk.model.HookedTable;
import io.hookdesk.model.Secrets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

class EnvCommandTest {

    private static final String SERVICE_TRIGGER = "# preview only: nothing was written; service has the trigger service_generation, which runs when the change is "
                + "saved and may change values this preview cannot show\n";


    @RegisterExtension
    static final CliHarness cli = CliHarness.perClass(CliHarness.Data.DEMO);

    private static Map<String, String> parse(String out) {
        Map<String, String> env = new LinkedHashMap<>();
        for (String line : out.split("\n")) {
            int eq = line.indexOf('=');
            env.put(line.substring(0, eq), line.substring(eq + 1));
        }
        return env;
    }

    @Test
    void serviceUpdateShowsTheSortedEnvironmentWithSecretsMaskedAndWritesNothing() {
        String rowBefore = cli.value("SELECT row_to_json(s)::text FROM service s WHERE number = 1");
        int runsBefore = cli.hookRuns();

        CliHarness.Run r = cli.run("env", "service", "1", "--set", "state=2", "--csr", "alice");

        assertThat(r.exit()).as(r.toString()).isZero();
        List<String> lines = Arrays.asList(r.out().split("\n"));
        assertThat(r.out()).endsWith("\n");
        assertThat(lines).isSortedAccordingTo(String::compareTo).allMatch(l -> l.matches("[A-Za-z_0-9]+=.*"));

        Tables tables = Catalog.read(cli.db.dsl());
        TreeSet<String> expectedKeys = new TreeSet<>(List.of("HOME", "LANG", "PATH", "NEW", "HOOK_TABLE", "HOOK_INTERACTIVE", "HOOK_CSR"));
        tables.meta(HookedTable.SERVICE).columnNames().forEach(c -> {
            expectedKeys.add("NEW_" + c);
            expectedKeys.add("OLD_" + c);
        });
        tables.meta(HookedTable.USER).columnNames().stream().filter(c -> !Secrets.isSecret(HookedTable.USER, c))
                .forEach(c -> expectedKeys.add("USER_" + c));
        tables.meta(HookedTable.ACCOUNT).columnNames().stream().filter(c -> !Secrets.isSecret(HookedTable.ACCOUNT, c))
                .forEach(c -> expectedKeys.add("ACCOUNT_" + c));
        Map<String, String> env = parse(r.out());
        assertThat(env.keySet()).containsExactlyElementsOf(expectedKeys);

        String login = cli.value("SELECT d01 FROM service WHERE number = 1");
        assertThat(r.out()).contains("NEW=0\n", "NEW_number=1\n", "NEW_state=2\n", "OLD_state=0\n",
                "NEW_d01=" + login + "\n", "OLD_d01=" + login + "\n", "NEW_d02=********\n", "OLD_d02=********\n",
                "USER_number=1\n", "USER_account=1\n", "ACCOUNT_number=1\n", "NEW_invdate=" + cli.value("SELECT invdate::text FROM service WHERE number = 1") + "\n",
                "HOOK_TABLE=service\n", "HOOK_INTERACTIVE=0\n", "HOOK_CSR=postgres\n", "PATH=/usr/bin:/bin\n", "LANG=C.UTF-8\n");
        assertThat(r.out()).doesNotContain("USER_password", "ACCOUNT_ccnum", "pw-");
        // The preview wrote nothing; the demo's own BEFORE trigger (it stamps generation) is named, since a preview cannot show it.
        assertThat(r.err()).isEqualTo("# hook: none would run: no service_hook in " + cli.hooks + "\n" + SERVICE_TRIGGER);

        assertThat(cli.value("SELECT row_to_json(s)::text FROM service s WHERE number = 1")).isEqualTo(rowBefore);
        assertThat(cli.hookRuns()).isEqualTo(runsBefore);
    }

    @Test
    void revealShowsSecrets() {
        CliHarness.Run r = cli.run("env", "service", "1", "--reveal");
        assertThat(r.exit()).isZero();
        String d02 = cli.value("SELECT d02 FROM service WHERE number = 1");
        assertThat(r.out()).contains("NEW_d02=" + d02 + "\n", "OLD_d02=" + d02 + "\n");
        assertThat(r.err()).isEqualTo("# hook: none would run: nothing changed\n" + SERVICE_TRIGGER);
    }

    @Test
    void revealIsRefusedToADatabaseUserWhoIsNotASupervisor() {
        String user = "csr_env_" + ProcessHandle.current().pid();
        cli.db.dsl().execute("CREATE ROLE " + user + " LOGIN");
        try {
            cli.db.dsl().execute("GRANT USAGE ON SCHEMA public, hookdesk TO " + user);
            cli.db.dsl().execute("GRANT ALL ON ALL TABLES IN SCHEMA public, hookdesk TO " + user);
            cli.db.dsl().execute("GRANT ALL ON ALL SEQUENCES IN SCHEMA public, hookdesk TO " + user);

            CliHarness.Run refused = cli.runAs(user, "env", "service", "1", "--reveal");
            CliHarness.Run masked = cli.runAs(user, "env", "service", "1");

            assertThat(refused.exit()).as(refused.toString()).isEqualTo(ExitCodes.BAD_INPUT);
            assertThat(refused.out()).isEmpty();
            assertThat(refused.err()).contains("--reveal is for supervisors", "hookdesk_supervisor");
            assertThat(masked.exit()).as(masked.toString()).isZero();
            assertThat(masked.out()).contains("NEW_d02=" + Secrets.MASK + "\n");
        } finally {
            cli.db.dsl().execute("DROP OWNED BY " + user);
            cli.db.dsl().execute("DROP ROLE " + user);
        }
    }

    @Test
    void newlinesAreEscapedInLinesAndRawWithNul() {
        CliHarness.Run lines = cli.run("env", "service", "1", "--set", "misc06=a\\b\nc");
        assertThat(lines.exit()).as(lines.toString()).isZero();
        assertThat(lines.out()).contains("\nNEW_misc06=a\\\\b\\nc\n", "\nOLD_misc06=\n");

        CliHarness.Run nul = cli.run("env", "-0", "service", "1", "--set", "misc06=a\\b\nc");
        assertThat(nul.exit()).isZero();
        List<String> records = Arrays.asList(nul.out().split("\0"));
        assertThat(nul.out()).endsWith("\0").doesNotContain("\\n");
        assertThat(records).contains("NEW_misc06=a\\b\nc", "OLD_misc06=", "NEW_d02=********").isSorted();
    }

    @Test
    void newRecordHasNoOldValuesAndCreatesNothing() {
        int services = cli.count("SELECT count(*) FROM service");
        CliHarness.Run r = cli.run("env", "service", "--new", "--set", "user=3", "--set", "servdef=1", "--set", "d01=newlogin",
                "--set", "d02=secret-pw");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).contains("NEW=1\n", "NEW_d01=newlogin\n", "NEW_d02=********\n", "NEW_state=5\n",
                "NEW_user=3\n", "USER_number=3\n", "ACCOUNT_number=3\n").doesNotContain("OLD_", "secret-pw");
        assertThat(r.err()).startsWith("# hook: none would run: no service_hook in ")
                .contains("# NEW_number is not shown: the database assigns it when apply saves the record");
        assertThat(cli.count("SELECT count(*) FROM service")).isEqualTo(services);
    }

    @Test
    void namesTheHookThatWouldRunWithoutRunningIt() throws Exception {
        Path marker = cli.temp.resolve("ran");
        Path hook = cli.hook("user", "touch " + marker);
        try {
            CliHarness.Run r = cli.run("env", "user", "2", "--set", "fname=Ada");
            assertThat(r.exit()).as(r.toString()).isZero();
            assertThat(r.err()).startsWith("# hook: " + hook + " would run (provisioning columns changed: fname");
            assertThat(marker).doesNotExist();

            CliHarness.Run quiet = cli.run("env", "service", "2", "--set", "invcnt=9");
            assertThat(quiet.err()).isEqualTo("# hook: none would run: only non-provisioning columns changed (invcnt)\n"
                    + SERVICE_TRIGGER);
        } finally {
            Files.delete(hook);
        }
    }

    @Test
    void refusedHookIsExplained() throws Exception {
        Path hook = cli.hook("user", "exit 0", "rw-r--r--");
        try {
            CliHarness.Run r = cli.run("env", "user", "2", "--set", "fname=Ada");
            assertThat(r.exit()).isZero();
            assertThat(r.err()).startsWith("# hook: " + hook + " would be refused, so apply would change nothing and exit 3: ")
                    .contains("chmod 755");
        } finally {
            Files.delete(hook);
        }
    }

    @Test
    void badInputNamesTheColumn() {
        CliHarness.Run r = cli.run("env", "service", "1", "--set", "state=two");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEqualTo("hookdesk: state: 'two' is not a whole number\n");

        CliHarness.Run missing = cli.run("env", "service", "999999");
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).isEqualTo("hookdesk: There is no service 999999. Nothing changed.\n");
    }
}
