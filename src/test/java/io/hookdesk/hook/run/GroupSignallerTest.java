package io.hookdesk.hook.run;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static io.hookdesk.hook.run.TestHooks.dead;
import static org.assertj.core.api.Assertions.assertThat;

class GroupSignallerTest {

    private static final Path SETSID = ProcessGroup.SETSID.orElseThrow();

    /** A group of its own: a shell leading it with a background sleep; returns the leader. */
    private static Process group() throws IOException {
        return new ProcessBuilder(SETSID.toString(), "/bin/sh", "-c", "sleep 300 & sleep 300")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    }

    private static long childOf(Process leader) throws InterruptedException {
        for (int i = 0; i < 200; i++) {
            var child = leader.descendants().findFirst();
            if (child.isPresent()) {
                return child.get().pid();
            }
            Thread.sleep(10);
        }
        throw new AssertionError("the group's child did not start");
    }

    @Test
    void killReachesEveryProcessOfTheGroup() throws Exception {
        GroupSignaller signaller = new GroupSignaller(Path.of("/bin/sh"), 2_000);
        Process leader = group();
        long child = childOf(leader);

        assertThat(signaller.signal("KILL", leader.pid())).isTrue();

        assertThat(leader.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(dead(child, 10_000)).isTrue();
    }

    @Test
    void anEmptyGroupIsNotAnError() throws Exception {
        GroupSignaller signaller = new GroupSignaller(Path.of("/bin/sh"), 2_000);
        Process leader = new ProcessBuilder(SETSID.toString(), "/bin/true").start();
        leader.waitFor();

        assertThat(signaller.signal("KILL", leader.pid())).isTrue();
    }

    @Test
    void aShellThatDiedIsReplacedAtTheNextSignal() throws Exception {
        GroupSignaller signaller = new GroupSignaller(Path.of("/bin/sh"), 2_000);
        Process first = group();
        assertThat(signaller.signal("KILL", first.pid())).isTrue();
        ProcessHandle shell = ProcessHandle.of(signaller.pid()).orElseThrow();
        shell.destroyForcibly();
        shell.onExit().get(10, TimeUnit.SECONDS);

        Process second = group();
        long child = childOf(second);
        assertThat(signaller.signal("TERM", second.pid())).isTrue();

        assertThat(second.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(dead(child, 10_000)).isTrue();
        assertThat(signaller.pid()).isNotEqualTo(shell.pid());
    }

    @Test
    void closingEndsTheShell() throws Exception {
        GroupSignaller signaller = new GroupSignaller(Path.of("/bin/sh"), 2_000);
        Process leader = group();
        assertThat(signaller.signal("KILL", leader.pid())).isTrue();
        ProcessHandle shell = ProcessHandle.of(signaller.pid()).orElseThrow();

        signaller.close();

        shell.onExit().get(10, TimeUnit.SECONDS);
        assertThat(shell.isAlive()).isFalse();
        assertThat(signaller.pid()).isEqualTo(-1);
    }

    @Test
    void withoutAShellTheCallerIsToldToFallBack() throws Exception {
        GroupSignaller signaller = new GroupSignaller(Path.of("/nonexistent/sh"), 2_000);

        assertThat(signaller.signal("KILL", 123456)).isFalse();
    }
}
