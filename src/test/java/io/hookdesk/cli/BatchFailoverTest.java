package io.hookdesk.cli;

import io.hookdesk.testing.StreamingPair;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code apply --file} through a primary failover (issue 24 items 3 and 5), against a real primary and streaming
 * standby reached by a multi-host URL: the line whose hook provisioned while the primary went away ends "commit failed
 * after hook" (exit 4), recorded on the promoted standby, and goes into the rest file marked {@code "settle"} with the
 * number it was given; the rerun on the new primary settles it (applied, since its commit was lost) and applies the
 * lines never tried; a line whose change is in the database already is reported as such, never applied or
 * provisioned again.
 */
class BatchFailoverTest {

    @RegisterExtension
    static final CliHarness cli = CliHarness.perClass(CliHarness.Data.EMPTY).removingHooksAfterEach();

    @RegisterExtension
    final StreamingPair pair = StreamingPair.withDemoData();

    private CliHarness.Run onThePair(String... args) {
        return cli.runOn(pair.url(), args);
    }

    @Test
    void aLineWhoseCommitWasLostInAFailoverIsSettledByTheRerunOnTheNewPrimary() throws Exception {
        Path started = cli.temp.resolve("started");
        Path release = cli.temp.resolve("release");
        Path ran = cli.temp.resolve("ran");
        Files.deleteIfExists(ran);
        cli.hook("service", "echo \"service $NEW_number $NEW_d04\" >> '" + ran + "'; exit 0");
        // Only the first run of the ticket's hook waits, for the failover to happen while it runs.
        cli.hook("ticket", "if [ ! -e '" + release + "' ]; then touch '" + started + "'; while [ ! -e '" + release
                + "' ]; do sleep 0.05; done; fi; echo \"ticket $NEW_number $NEW_subject\" >> '" + ran + "'; exit 0");
        Path file = cli.temp.resolve("changes.jsonl");
        Files.writeString(file, String.join("\n",
                "{\"table\":\"service\",\"number\":1,\"set\":{\"d04\":\"one\"}}",
                "{\"table\":\"ticket\",\"new\":true,\"set\":{\"account\":1,\"queue\":1,\"subject\":\"failover two\"}}",
                "{\"table\":\"service\",\"number\":2,\"set\":{\"d04\":\"three\"}}") + "\n");

        CompletableFuture<CliHarness.Run> batch = CompletableFuture.supplyAsync(
                () -> onThePair("apply", "--file", file.toString(), "--parallel", "1"));
        await("line 2's hook runs").atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(50))
                .until(() -> Files.exists(started) || batch.isDone());
        assertThat(batch).as(() -> batch.join().toString()).isNotDone();
        pair.awaitStandbyCaughtUp();
        pair.stopPrimary();
        pair.promoteStandby();
        Files.createFile(release);
        CliHarness.Run first = batch.get(5, TimeUnit.MINUTES);

        int newPrimary = pair.standbyPort();
        String lost = pair.value(newPrimary, "SELECT record_number FROM hookdesk.hook_run WHERE table_name = 'ticket' "
                + "AND outcome = 'commit_failed'");
        assertThat(first.exit()).as(first.toString()).isEqualTo(ExitCodes.DATABASE);
        assertThat(first.err()).contains("line 2: commit failed after hook: ")
                .contains("ticket_hook succeeded but the database did not commit");
        assertThat(lost).as("the lost commit recorded on the promoted standby").isNotNull();
        assertThat(pair.value(newPrimary, "SELECT count(*) FROM ticket WHERE number = " + lost)).isEqualTo("0");
        Path rest = cli.temp.resolve("changes.jsonl.not-tried");
        assertThat(first.out()).contains("STOPPED at line 2").contains("marked \"settle\"").contains(rest.toString());
        assertThat(Files.readAllLines(rest)).containsExactly(
                "{\"settle\":" + lost + ",\"table\":\"ticket\",\"new\":true,\"set\":{\"account\":1,\"queue\":1,"
                        + "\"subject\":\"failover two\"}}",
                "{\"table\":\"service\",\"number\":2,\"set\":{\"d04\":\"three\"}}");

        CliHarness.Run rerun = onThePair("apply", "--file", rest.toString());

        assertThat(rerun.exit()).as(rerun.toString()).isZero();
        String created = pair.value(newPrimary, "SELECT max(number) FROM ticket WHERE subject = 'failover two'");
        assertThat(rerun.out()).contains("line 1: created ticket " + created);
        assertThat(pair.value(newPrimary, "SELECT count(*) FROM ticket WHERE subject = 'failover two'")).isEqualTo("1");
        assertThat(pair.value(newPrimary, "SELECT d04 FROM service WHERE number = 2")).isEqualTo("three");
        assertThat(Files.readAllLines(ran)).containsExactlyInAnyOrder("service 1 one", "ticket " + lost + " failover two",
                "ticket " + created + " failover two", "service 2 three");

        // The same changes settled again, as after a lost commit that did go through: found, not applied, not run.
        Path settled = Files.writeString(cli.temp.resolve("settle.jsonl"), String.join("\n",
                "{\"settle\":" + created + ",\"table\":\"ticket\",\"new\":true,\"set\":{\"account\":1,\"queue\":1,"
                        + "\"subject\":\"failover two\"}}",
                "{\"settle\":2,\"table\":\"service\",\"number\":2,\"set\":{\"d04\":\"three\"}}") + "\n");
        int runsBefore = Integer.parseInt(pair.value(newPrimary, "SELECT count(*) FROM hookdesk.hook_run"));

        CliHarness.Run again = onThePair("apply", "--file", settled.toString());

        assertThat(again.exit()).as(again.toString()).isZero();
        assertThat(again.out()).contains("line 1: already in the database: ticket " + created)
                .contains("line 2: already in the database: service 2").containsPattern("already in the database: +2\n");
        assertThat(pair.value(newPrimary, "SELECT count(*) FROM ticket WHERE subject = 'failover two'")).isEqualTo("1");
        assertThat(Files.readAllLines(ran)).hasSize(4);
        assertThat(Integer.parseInt(pair.value(newPrimary, "SELECT count(*) FROM hookdesk.hook_run"))).isEqualTo(runsBefore);
    }
}
