package io.hookdesk.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every command's help renders as written: picocli reads descriptions as format strings, and a lone % made it print a
 * warning on stderr before {@code hookdesk --help} and {@code hookdesk search --help}.
 */
class HelpTextTest {

    @Test
    void everyCommandsHelpRendersWithoutAFormatWarning() {
        CommandLine root = new HookDeskCommand(null).commandLine();
        PrintStream before = System.err;
        ByteArrayOutputStream warnings = new ByteArrayOutputStream();
        StringWriter help = new StringWriter();
        System.setErr(new PrintStream(warnings, true, StandardCharsets.UTF_8));
        try {
            root.usage(new PrintWriter(help));
            for (CommandLine sub : root.getSubcommands().values()) {
                sub.usage(new PrintWriter(help));
                for (CommandLine subSub : sub.getSubcommands().values()) {
                    subSub.usage(new PrintWriter(help));
                }
            }
        } finally {
            System.setErr(before);
        }

        assertThat(warnings.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(help.toString()).contains("case-insensitively; % is a wildcard.");
    }
}
