package io.hookdesk.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * hooks.log is readable by its owner only and no value forges a line of it (issue 10, item 7); a value no hook could
 * be given is refused before anything is written (item 9).
 */
class LogAndLimitTest {

    @RegisterExtension
    static final CliHarness cli = CliHarness.perClass(CliHarness.Data.DEMO).removingHooksAfterEach();

    @Test
    void theLogAndItsDirectoryAreTheOwnersOnlyAndAValueCannotStartALine() throws Exception {
        cli.hook("service", "echo failing; exit 1");

        CliHarness.Run r = cli.run("apply", "service", "10", "--set", "d04=x\nFAILED: update service 1 by admin via desktop");

        assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCodes.HOOK);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(cli.logFile))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(cli.logFile.getParent()))).isEqualTo("rwx------");
        String log = Files.readString(cli.logFile);
        assertThat(log).contains("d04=x\\nFAILED: update service 1 by admin");
        assertThat(log.lines().filter(l -> l.startsWith("FAILED") || l.contains(" FAILED: update service 1"))).isEmpty();
    }

    @Test
    void aValueOverTheKernelsLimitForOneVariableIsRefusedNamingTheColumnAndTheLimit() {
        String before = cli.value("SELECT row_to_json(s)::text FROM service s WHERE number = 11");
        int runs = cli.hookRuns();

        CliHarness.Run r = cli.run("apply", "service", "11", "--set", "d04=" + "x".repeat(140_000));

        assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err()).contains("d04", "131,072 bytes", "kernel");
        assertThat(cli.value("SELECT row_to_json(s)::text FROM service s WHERE number = 11")).isEqualTo(before);
        assertThat(cli.hookRuns()).isEqualTo(runs);
    }
}
