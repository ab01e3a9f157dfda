package io.hookdesk.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class BatchApplyTest {

    @RegisterExtension
    static final CliHarness cli = CliHarness.perClass(CliHarness.Data.DEMO).removingHooksAfterEach();

    private Path file(String name, String... lines) throws IOException {
        return Files.write(cli.temp.resolve(name), List.of(lines));
    }

    private String service(int number, String column) {
        return cli.value("SELECT " + column + "::text FROM service WHERE number = " + number);
    }

    @Test
    void goesOnPastFailuresCountsThemByKindAndExitsWith3ForAHookFailure() throws IOException {
        cli.hook("user", "echo 'directory refused' >&2\nexit 1");
        String fnameBefore = cli.value("SELECT fname FROM \"user\" WHERE number = 3");
        Path changes = file("changes.jsonl",
                "{\"table\":\"service\",\"number\":21,\"set\":{\"state\":\"2\"},\"csr\":\"batch\"}",
                "{\"table\":\"service\",\"new\":true,\"set\":{\"user\":5,\"servdef\":4,\"d01\":\"box5\"}}",
                "",
                "{\"table\":\"service\",\"number\":23,\"set\":{\"state\":\"2\"}",
                "{\"table\":\"service\",\"number\":23,\"set\":{\"stat\":\"2\"}}",
                "{\"table\":\"servce\",\"number\":23,\"set\":{}}",
                "{\"table\":\"user\",\"number\":3,\"set\":{\"fname\":\"Zed\"}}",
                "{\"table\":\"service\",\"number\":25,\"expectedVersion\":1,\"set\":{\"state\":\"2\"}}",
                "{\"table\":\"service\",\"number\":999999,\"set\":{\"state\":\"2\"}}",
                "{\"table\":\"service\",\"number\":27,\"set\":{\"state\":\"x\"}}",
                "{\"table\":\"service\",\"number\":29,\"set\":{\"state\":2,\"donotprovision\":true,\"enddate\":null,\"d03\":\"a\\nb\"}}");

        // One lane: the whole file's order, failures reported in line order.
        CliHarness.Run r = cli.run("apply", "--file", changes.toString(), "--parallel", "1");

        assertThat(r.exit()).as(r.toString()).isEqualTo(3);
        assertThat(r.out()).matches("(?s)line 2: created service \\d+\n"
                + "apply: 10 changes from .*changes.jsonl in [0-9.]+ s \\(1 blank line skipped\\)\n"
                + "  committed: +3\n"
                + "  failed: +7\n"
                + "    bad input: +4\n"
                + "    record not found: +1\n"
                + "    hook failed: +1\n"
                + "    hook refused: +0\n"
                + "    conflict: +1\n"
                + "    database error: +0\n"
                + "    commit failed after hook: +0\n");
        assertThat(r.err().lines()).containsExactly(
                "line 4: bad input: malformed JSON at column 51: Unexpected end-of-input: expected close marker for Object",
                "line 5: bad input: service 23: stat: service has no column 'stat' (did you mean state?)",
                "line 6: bad input: unknown table 'servce'; the tables are: account, user, service, efpstate, efpdata, payhist, queue, ticket, message, datacall",
                "line 7: hook failed: user 3: user_hook exited with status 1; the change was rolled back.",
                "line 8: conflict: service 25: Someone else saved service 25 after you opened it; nothing was changed. Reload to see their values.",
                "line 9: record not found: There is no service 999999. Nothing changed.",
                "line 10: bad input: service 27: state: 'x' is not a whole number",
                "hookdesk: failed saves are described in " + cli.logFile);

        assertThat(service(21, "state")).isEqualTo("2");
        assertThat(cli.count("SELECT count(*) FROM hookdesk.hook_run WHERE record_number = 21 AND csr = 'batch'")).isEqualTo(1);
        assertThat(cli.count("SELECT count(*) FROM service WHERE d01 = 'box5'")).isEqualTo(1);
        assertThat(service(29, "state") + "|" + service(29, "donotprovision") + "|" + service(29, "d03")).isEqualTo("2|true|a\nb");
        assertThat(service(29, "enddate")).isNull();
        assertThat(cli.value("SELECT fname FROM \"user\" WHERE number = 3")).isEqualTo(fnameBefore);
        assertThat(Files.readString(cli.logFile)).contains("ROLLED BACK: update user 3 by tester via command_line",
                "    | directory refused", "CONFLICT: update service 25");
    }

    /**
     * Each hostile line is one bad line with its number and reason; the good lines around it are saved and the summary
     * is printed. Before jackson-core the deep line ended the run with a StackOverflowError and no summary, the byte
     * that is not UTF-8 aborted the whole file before any line ran, and the lone surrogate was stored as '?'.
     */
    @Test
    void hostileLinesAreEachOneBadLineAndTheGoodLinesAroundThemAreSaved() throws IOException {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        java.util.function.Consumer<String> line = text -> bytes.writeBytes((text + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        java.util.function.IntConsumer good = n -> line.accept("{\"table\":\"service\",\"number\":" + n + ",\"set\":{\"d05\":\"ok" + n + "\"}}");
        good.accept(2);
        line.accept("{\"table\":\"service\",\"number\":2,\"set\":{\"d05\":\"\\u+0e9\"}}");
        good.accept(4);
        line.accept("{\"table\":\"service\",\"number\":4,\"set\":{\"d05\":\"\\u-001\"}}");
        good.accept(6);
        line.accept("{\"a\":".repeat(20_000));
        good.accept(8);
        bytes.writeBytes("{\"table\":\"service\",\"number\":8,\"set\":{\"d05\":\"caf".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        bytes.write(0xE9); // Latin-1 'é'
        line.accept("\"}}");
        good.accept(10);
        line.accept("{\"table\":\"service\",\"number\":10,\"set\":{\"d05\":\"A\\ud800B\"}}");
        good.accept(12);
        line.accept("{\"table\":\"service\",\"number\":12,\"set\":{\"d05\":\"x\",\"d05\":\"y\"}}");
        good.accept(14);
        Path changes = Files.write(cli.temp.resolve("hostile.jsonl"), bytes.toByteArray());

        CliHarness.Run r = cli.run("apply", "--file", changes.toString());

        assertThat(r.exit()).as(r.toString()).isEqualTo(2);
        assertThat(r.out()).matches("(?s)apply: 13 changes from .*hostile.jsonl in [0-9.]+ s\n"
                + "  committed: +7\n"
                + "  failed: +6\n"
                + "    bad input: +6\n.*");
        assertThat(r.err().lines()).containsExactly(
                "line 2: bad input: malformed JSON at column 47: Unexpected character ('+' (code 43)): expected a hex-digit for character escape sequence",
                "line 4: bad input: malformed JSON at column 47: Unexpected character ('-' (code 45)): expected a hex-digit for character escape sequence",
                "line 6: bad input: malformed JSON at column 42: Document nesting depth (9) exceeds the maximum allowed (8)",
                "line 8: bad input: not UTF-8: 0xE9 at byte 48 of the line; save the file as UTF-8",
                "line 10: bad input: malformed JSON at column 45: \\ud800 is half of a UTF-16 surrogate pair without its other half; write the character itself or both halves",
                "line 12: bad input: malformed JSON at column 54: Duplicate field 'd05'",
                "hookdesk: failed saves are described in " + cli.logFile);
        for (int n = 2; n <= 14; n += 2) {
            assertThat(service(n, "d05")).isEqualTo("ok" + n);
        }
    }

    @Test
    void withoutHookFailuresADatabaseProblemOutranksBadInput() throws IOException {
        Path changes = file("conflict.jsonl",
                "{\"table\":\"service\",\"number\":31,\"set\":{\"bogus\":\"1\"}}",
                "{\"table\":\"service\",\"number\":31,\"expectedVersion\":1,\"set\":{\"state\":\"2\"}}");
        assertThat(cli.run("apply", "--file", changes.toString()).exit()).isEqualTo(4);

        Path bad = file("bad.jsonl", "[1,2]", "{\"table\":\"service\"}", "{\"table\":\"service\",\"number\":1,\"new\":true}",
                "{\"table\":\"service\",\"number\":33,\"set\":{\"state\":[2]}}", "{\"table\":\"service\",\"number\":33,\"sets\":{}}");
        CliHarness.Run r = cli.run("apply", "--file", bad.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err().lines()).containsExactly(
                "line 1: bad input: malformed JSON at column 1: expected a JSON object starting with '{'",
                "line 2: bad input: missing \"number\" (the record to update) or \"new\": true (create one)",
                "line 3: bad input: give either \"number\" or \"new\": true, not both",
                "line 4: bad input: malformed JSON at column 47: arrays are not supported here",
                "line 5: bad input: unknown key \"sets\"; the keys are table, number, new, set, csr, expectedVersion, settle",
                "hookdesk: failed saves are described in " + cli.logFile);
    }

    @Test
    void allGoodIsExitCode0AndTheCsrOptionIsTheDefaultLabel() throws IOException {
        Path seen = cli.temp.resolve("csr-seen");
        cli.hook("service", "echo $HOOK_CSR >> " + seen);
        Path changes = file("good.jsonl",
                "{\"table\":\"service\",\"number\":35,\"set\":{\"state\":\"2\"}}",
                "{\"table\":\"service\",\"number\":37,\"set\":{\"state\":\"2\"},\"csr\":\"carol\"}");
        CliHarness.Run r = cli.run("apply", "--file", changes.toString(), "--csr", "nightly");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.err()).isEmpty();
        // The hook is told the database login; the labels are recorded beside it in the audit.
        assertThat(Files.readAllLines(seen)).containsExactly("postgres", "postgres");
        assertThat(cli.value("SELECT string_agg(csr || '/' || db_user, ' ' ORDER BY record_number) FROM hookdesk.hook_run "
                + "WHERE table_name = 'service' AND record_number IN (35, 37)")).isEqualTo("nightly/postgres carol/postgres");
    }

    @Test
    void parallelLanesGiveTheSameResultAndKeepOneRecordsLinesInOrder() throws IOException {
        applyInterleavedLines("--parallel", "3");
    }

    @Test
    void theDefaultLanesKeepOneRecordsLinesInOrderAndASingleChangeTakesNoParallel() throws IOException {
        applyInterleavedLines();
        assertThat(cli.run("apply", "service", "1", "--set", "d05=single").exit()).isZero();
        assertThat(cli.run("apply", "service", "1", "--set", "d05=single", "--parallel", "1").exit()).isZero();
    }

    private void applyInterleavedLines(String... options) throws IOException {
        cli.hook("service", "exit 0");
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            int number = 41 + (i % 8);
            lines.append("{\"table\":\"service\",\"number\":").append(number).append(",\"set\":{\"d05\":\"step").append(i)
                    .append("\"}}\n");
        }
        lines.append("{\"table\":\"service\",\"number\":41,\"set\":{\"nope\":\"1\"}}\n");
        Path changes = Files.writeString(cli.temp.resolve("parallel.jsonl"), lines);
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("apply", "--file", changes.toString()));
        args.addAll(java.util.List.of(options));
        CliHarness.Run r = cli.run(args.toArray(String[]::new));
        assertThat(r.exit()).as(r.toString()).isEqualTo(2);
        assertThat(r.out()).contains("  committed:                   40\n", "    bad input:                 1\n");
        for (int k = 0; k < 8; k++) {
            assertThat(service(41 + k, "d05")).isEqualTo("step" + (32 + k));
        }
    }

    @Test
    void fileAndSingleChangeOptionsDoNotMix() throws IOException {
        Path changes = file("mix.jsonl", "");
        assertThat(cli.run("apply", "service", "1", "--file", changes.toString()).exit()).isEqualTo(2);
        assertThat(cli.run("apply", "--file", cli.temp.resolve("missing.jsonl").toString()).err())
                .isEqualTo("hookdesk: --file " + cli.temp.resolve("missing.jsonl") + ": no such file; nothing changed\n");
        assertThat(cli.run("apply", "service", "1", "--set", "state=0", "--parallel", "2").exit()).isEqualTo(2);
    }
}
