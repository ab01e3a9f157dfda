package io.hookdesk.cli;

import io.hookdesk.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code apply --file} with the database gone mid-batch (issue 19 item 8): it stops after the first line that cannot
 * reach the database instead of waiting out the pool for every remaining line, says which lines committed, failed
 * and were not tried, and writes exactly the rest beside the input, so that running that file once the database is
 * back applies every change once: no committed create is repeated.
 */
class BatchAgainstAStoppedServerTest {

    @RegisterExtension
    final CliHarness cli = CliHarness.perTest(CliHarness.Data.DEMO);

    private static final List<String> LINES = List.of(
            "{\"table\":\"ticket\",\"new\":true,\"set\":{\"account\":1,\"queue\":1,\"subject\":\"outage one\"}}",
            "{\"table\":\"service\",\"number\":2,\"set\":{\"state\":\"2\"}}",
            "{\"table\":\"service\",\"number\":3,\"set\":{\"state\":\"2\"}}",
            "{\"table\":\"ticket\",\"new\":true,\"set\":{\"account\":1,\"queue\":1,\"subject\":\"outage four\"}}",
            "{\"table\":\"service\",\"number\":4,\"set\":{\"state\":\"2\"}}",
            "",
            "{\"table\":\"ticket\",\"new\":true,\"set\":{\"account\":1,\"queue\":1,\"subject\":\"outage seven\"}}",
            "{\"table\":\"service\",\"number\":5,\"set\":{\"state\":\"2\"}}");

    @Test
    void theBatchStopsAtTheFirstUnreachableLineAndTheRestFileAppliesEachChangeOnce() throws Exception {
        Path started = cli.temp.resolve("started");
        Path go = cli.temp.resolve("go");
        // Line 3's hook holds its save open until the test has cut the database off, then fails.
        cli.hook("service", "if [ \"$NEW_number\" = 3 ]; then touch '" + started + "'; while [ ! -e '" + go + "' ]; do "
                + "sleep 0.05; done; exit 1; fi; exit 0");
        Path file = cli.temp.resolve("changes.jsonl");
        Files.writeString(file, String.join("\n", LINES) + "\n");

        CompletableFuture<CliHarness.Run> batch = CompletableFuture.supplyAsync(
                () -> cli.run("apply", "--file", file.toString(), "--parallel", "1"));
        waitFor(started);
        TestDatabase.cutOff(cli.url());
        CliHarness.Run r;
        try {
            Files.createFile(go);
            r = batch.get(3, TimeUnit.MINUTES);
        } finally {
            TestDatabase.reopen(cli.url());
        }

        assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCodes.HOOK);
        assertThat(r.out()).contains("apply: STOPPED at line 3: the database cannot be reached",
                "committed:  lines 1-2 (2)", "failed:     line 3 (1)", "not tried:  lines 4-5, 7-8 (4)",
                "(lines 4-5, 7-8 (4))", "hookdesk apply --file '" + file + ".not-tried'");
        assertThat(r.err()).contains("line 3: hook failed").doesNotContain("\tat ", "line 4:", "line 5:", "line 7:", "line 8:");
        Path rest = Path.of(file + ".not-tried");
        assertThat(Files.readAllLines(rest)).containsExactly(LINES.get(3), LINES.get(4), LINES.get(6), LINES.get(7));
        assertThat(Files.getPosixFilePermissions(rest)).hasSize(2);

        CliHarness.Run again = cli.run("apply", "--file", rest.toString(), "--parallel", "1");

        assertThat(again.exit()).as(again.toString()).isZero();
        assertThat(cli.value("SELECT string_agg(subject, ', ' ORDER BY number) FROM ticket WHERE subject LIKE 'outage %'"))
                .isEqualTo("outage one, outage four, outage seven");
        assertThat(cli.value("SELECT string_agg(number || '=' || state, ' ' ORDER BY number) FROM service "
                + "WHERE number BETWEEN 2 AND 5")).isEqualTo("2=2 3=" + cli.value("SELECT state FROM service WHERE number = 3")
                + " 4=2 5=2");
    }

    private static void waitFor(Path file) throws InterruptedException {
        Instant ceiling = Instant.now().plus(Duration.ofMinutes(2));
        while (!Files.exists(file)) {
            if (Instant.now().isAfter(ceiling)) {
                throw new AssertionError(file + " did not appear");
            }
            Thread.sleep(20);
        }
    }
}
