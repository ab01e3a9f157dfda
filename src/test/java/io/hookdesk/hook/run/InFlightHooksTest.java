package io.hookdesk.hook.run;

import io.hookdesk.os.Executables;
import io.hookdesk.os.ProcessStat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

import static io.hookdesk.hook.run.TestHooks.dead;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the next start does with the markers a killed HookDesk left in {@code hooks-running/} (issue 19, items 2 and 6):
 * it stops a hook group that still runs, but only when it is still that hook's, says plainly when it could not, and
 * reports a hook that had exited 0 as provisioned with what the database says of the commit.
 */
class InFlightHooksTest {

    private static final String DATABASE = "the embedded database in /home/alice/.hookdesk";

    @TempDir
    Path markers;
    private final List<Process> started = new ArrayList<>();
    private final List<String> log = new ArrayList<>();

    @AfterEach
    void killWhatIsLeft() {
        started.forEach(p -> {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        });
    }

    /** A hook's group as a killed HookDesk leaves it: a leader in a session of its own, with a child (or two: sh forks). */
    private Process orphanedHookGroup() throws Exception {
        Process leader = new ProcessBuilder(Executables.SETSID.orElseThrow().toString(), "/bin/sh", "-c", "sleep 300 & sleep 300")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        started.add(leader);
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (ProcessStat.group(leader.pid()).size() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(ProcessStat.group(leader.pid())).as("the group's processes").hasSizeGreaterThanOrEqualTo(2);
        return leader;
    }

    /** A pid no process has now: a HookDesk that has ended. */
    private static long endedHookDesk() throws Exception {
        Process p = new ProcessBuilder("/bin/true").start();
        p.waitFor();
        return p.pid();
    }

    private void marker(long hookDesk, long group, Properties extra) throws IOException {
        Properties p = new Properties();
        p.setProperty("hook", "/opt/hooks/service_hook for service 12 (update) by alice");
        p.setProperty("pid", Long.toString(hookDesk));
        p.setProperty("hookStarted", "2026-12-06T17:00:00Z");
        p.setProperty("group", Long.toString(group));
        ProcessStat.bootId().ifPresent(b -> p.setProperty("boot", b));
        p.setProperty("database", DATABASE);
        p.putAll(extra);
        try (Writer out = Files.newBufferedWriter(markers.resolve(hookDesk + "-" + group), StandardCharsets.UTF_8)) {
            p.store(out, null);
        }
    }

    private static Properties startedAt(long ticks) {
        Properties p = new Properties();
        p.setProperty("groupStarted", Long.toString(ticks));
        return p;
    }

    private void report(InFlightHooks.Transactions transactions) {
        new InFlightHooks(markers, DATABASE).reportAbandoned(log::add, transactions);
    }

    private static InFlightHooks.Transactions noDatabase() {
        return xid -> {
            throw new AssertionError("the database was asked about " + xid);
        };
    }

    private void assertNoMarkerLeft() throws IOException {
        try (Stream<Path> left = Files.list(markers)) {
            assertThat(left).as("reported once").isEmpty();
        }
    }

    @Test
    void aHookGroupThatOutlivedItsHookDeskAndItsWatchdogIsStoppedAtTheNextStart() throws Exception {
        Process hook = orphanedHookGroup();
        long child = hook.descendants().findFirst().orElseThrow().pid();
        marker(endedHookDesk(), hook.pid(), startedAt(ProcessStat.of(hook.pid()).orElseThrow().startTicks()));

        report(noDatabase());

        assertThat(ProcessStat.group(hook.pid())).as("the hook's group").isEmpty();
        assertThat(dead(child, 10_000)).isTrue();
        assertThat(log).singleElement().asString()
                .startsWith("STOPPED: /opt/hooks/service_hook for service 12 (update) by alice was still running after HookDesk")
                .contains("stopped at this start by HookDesk (pid " + ProcessHandle.current().pid() + ")");
        assertNoMarkerLeft();
    }

    @Test
    void aGroupNumberThatNowBelongsToAnotherProcessIsLeftAlone() throws Exception {
        Process other = orphanedHookGroup();
        long otherStarted = ProcessStat.of(other.pid()).orElseThrow().startTicks();
        // The marker's hook started earlier than the process that has its number now: that process is not the hook.
        marker(endedHookDesk(), other.pid(), startedAt(otherStarted - 1));

        report(noDatabase());

        assertThat(other.isAlive()).isTrue();
        assertThat(ProcessStat.group(other.pid())).hasSizeGreaterThanOrEqualTo(2);
        assertThat(log).singleElement().asString().startsWith("STOPPED: ").doesNotContain("stopped at this start");
        assertNoMarkerLeft();
    }

    @Test
    void processesThatCannotBeConfirmedAsTheHooksAreNotStoppedAndTheLineSaysSo() throws Exception {
        Process unknown = orphanedHookGroup();
        // An older marker, which does not say when its hook started.
        marker(endedHookDesk(), unknown.pid(), new Properties());

        report(noDatabase());

        assertThat(unknown.isAlive()).isTrue();
        assertThat(log).singleElement().asString()
                .startsWith("NOT STOPPED: /opt/hooks/service_hook for service 12 (update) by alice may still run")
                .contains("kill -KILL -- -" + unknown.pid());
        assertNoMarkerLeft();
    }

    @Test
    void aHookWhoseGroupIsGoneIsReportedStoppedWithItsChangeRolledBack() throws Exception {
        long gone = endedHookDesk();
        marker(endedHookDesk(), gone, startedAt(1));

        report(noDatabase());

        assertThat(log).singleElement().asString().startsWith("STOPPED: ")
                .contains("ended while it ran; the change was rolled back");
    }

    private void exitedZero(long transaction, String database) throws Exception {
        Properties p = startedAt(1);
        p.setProperty("outcome", "exited 0");
        p.setProperty("hookExited", "2026-12-06T17:00:01Z");
        p.setProperty("transaction", Long.toString(transaction));
        p.setProperty("database", database);
        marker(endedHookDesk(), endedHookDesk(), p);
    }

    @Test
    void aHookThatExitedZeroBeforeACommitThatHappenedIsReportedProvisionedAndCommitted() throws Exception {
        exitedZero(731, DATABASE);
        List<String> asked = new ArrayList<>();

        report(xid -> {
            asked.add(xid);
            // A server still finishing the commit of a client that was killed: decided a moment later.
            return asked.size() < 3 ? "in progress" : "committed";
        });

        assertThat(asked).containsOnly("731");
        assertThat(log).singleElement().asString()
                .startsWith("PROVISIONED, COMMITTED: /opt/hooks/service_hook for service 12 (update) by alice exited 0 at "
                        + "2026-12-06T17:00:01Z, so it provisioned, but HookDesk (pid ")
                .contains("the database has the change committed (transaction 731)");
        assertNoMarkerLeft();
    }

    @Test
    void aHookThatExitedZeroBeforeACommitThatNeverHappenedIsReportedProvisionedAndNotCommitted() throws Exception {
        exitedZero(732, DATABASE);

        report(xid -> "aborted");

        assertThat(log).singleElement().asString().startsWith("PROVISIONED, NOT COMMITTED: ")
                .contains("the provisioned system is ahead of the database");
    }

    @Test
    void whenTheDatabaseCannotSayTheLineSaysTheCommitIsNotConfirmed() throws Exception {
        exitedZero(733, DATABASE);
        exitedZero(734, "db.example.net:5432/billmax");

        report(xid -> {
            throw new IllegalStateException("permission denied for function txid_status");
        });

        assertThat(log).hasSize(2).allSatisfy(line -> assertThat(line).startsWith("PROVISIONED, COMMIT NOT CONFIRMED: "));
        assertThat(String.join("\n", log)).contains("permission denied for function txid_status")
                .contains("it was saved to db.example.net:5432/billmax, not to " + DATABASE);
    }

    @Test
    void markersOfAHookDeskThatStillRunsAreLeftToIt() throws Exception {
        Properties p = startedAt(1);
        p.setProperty("processStarted", ProcessHandle.current().info().startInstant().orElseThrow().toString());
        marker(ProcessHandle.current().pid(), endedHookDesk(), p);

        report(noDatabase());

        assertThat(log).isEmpty();
        try (Stream<Path> left = Files.list(markers)) {
            assertThat(left).hasSize(1);
        }
    }
}
