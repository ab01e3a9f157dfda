package io.hookdesk.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Files;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A failing hook's terminal escapes and a CSR's value with control or bidi characters reach neither the operator's
 * terminal (stderr) nor hooks.log raw (issue 19 item 7).
 */
class TerminalEscapesTest {

    @RegisterExtension
    static final CliHarness cli = CliHarness.perClass(CliHarness.Data.DEMO).removingHooksAfterEach();

    @Test
    void aHooksEscapesAndSeparatorsAreWrittenEscapedToStderrAndTheLog() throws Exception {
        cli.hook("service", "printf '\\033[2J\\033[31mall clear\\302\\205next\\342\\200\\250line\\n' >&2\n"
                + "printf 'out \\033]0;title\\007\\n'\nexit 1");

        CliHarness.Run r = cli.run("apply", "service", "12", "--set", "d04=name\u202eevil\u001b[0m");

        assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCodes.HOOK);
        assertThat(r.err()).contains("  | \\u001b[2J\\u001b[31mall clear\\u0085next\\u2028line")
                .doesNotContain("\u001b", "\u0085", "\u2028", "\u202e");
        String log = Files.readString(cli.logFile);
        assertThat(log).contains("    | \\u001b[2J\\u001b[31mall clear\\u0085next\\u2028line\n",
                        "    | out \\u001b]0;title\\u0007\n", "d04=name\\u202eevil\\u001b[0m")
                .doesNotContain("\u001b", "\u0085", "\u2028", "\u202e", "\u0007");
    }
}
