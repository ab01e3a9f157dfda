package io.hookdesk.cli;

import io.hookdesk.testing.PgBouncer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code apply --file --parallel 4} and {@code db check} through a real PgBouncer 1.18 in transaction mode with two
 * server connections (issue 24 items 2 and 5): four lanes, each holding a client connection while its hook runs, share
 * them; every line commits once, every hook runs once, and {@code db check} says it sees the pooler.
 */
class BatchThroughPgBouncerTest {

    @RegisterExtension
    static final CliHarness cli = CliHarness.perClass(CliHarness.Data.DEMO).removingHooksAfterEach();

    @RegisterExtension
    static final PgBouncer.Fixture bouncer = PgBouncer.perClass(2);

    private CliHarness.Run throughBouncer(String... args) {
        return cli.runOn(bouncer.url(cli.value("SELECT current_database()")), args);
    }

    @Test
    void parallelLanesShareTheServerConnectionsAndEveryLineCommitsOnce() throws Exception {
        Path ran = cli.temp.resolve("ran");
        cli.hook("service", "echo \"$NEW_number $NEW_d04\" >> '" + ran + "'; sleep 0.05; exit 0");
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            lines.add("{\"table\":\"service\",\"number\":" + (1 + i % 8) + ",\"set\":{\"d04\":\"pb" + i + "\"},\"csr\":\"batch\"}");
        }
        Path file = Files.write(cli.temp.resolve("changes.jsonl"), lines);
        int runsBefore = cli.hookRuns();

        CliHarness.Run r = throughBouncer("apply", "--file", file.toString(), "--parallel", "4");

        assertThat(r.exit()).as(r.err() + "\n" + bouncer.log()).isZero();
        assertThat(Files.readAllLines(ran)).hasSize(40);
        assertThat(cli.hookRuns() - runsBefore).isEqualTo(40);
        for (int n = 1; n <= 8; n++) {
            // One record's lines keep their file order in their lane: the last one wins.
            assertThat(cli.value("SELECT d04 FROM service WHERE number = " + n)).isEqualTo("pb" + (32 + n - 1));
        }
    }

    @Test
    void dbCheckSaysItSeesThePoolerAndThatStatementsAreNotPrepared() {
        CliHarness.Run r = throughBouncer("db", "check");

        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("connection pooler: seen").contains("not prepared on the server (prepareThreshold=0)")
                .containsPattern("connections: the server's max_connections is \\d+ \\(\\d+ kept for superusers\\); \\d+ "
                        + "sessions now, \\d+ of them HookDesk's \\(from \\d+ hosts?\\); this HookDesk holds at most 3");
    }
}
