package io.hookdesk.save;

import io.hookdesk.model.HookOutcome;
import io.hookdesk.model.HookRun;
import io.hookdesk.model.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static io.hookdesk.model.HookedTable.ACCOUNT;
import static io.hookdesk.model.HookedTable.SERVICE;
import static io.hookdesk.model.HookedTable.USER;
import static org.assertj.core.api.Assertions.assertThat;

/** A hook that does not exit 0 leaves every column of every touched row as it was. */
class RollbackTest {

    @RegisterExtension
    final SaveFixture f = SaveFixture.perTest(Duration.ofSeconds(2));

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "exit 1        | echo 'radius: login taken'; echo 'details on stderr' >&2; exit 1 | EXITED",
        "exit 255      | echo partial; exit 255                                         | EXITED",
        "killed by KILL| echo before; kill -9 $$                                        | EXITED",
        "timeout       | echo waiting; sleep 30                                         | TIMED_OUT",
    })
    void failingHookLeavesServiceUnchanged(String name, String body, HookOutcome.Kind kind) {
        f.hooks.install(SERVICE, body);
        Row service = f.row(SERVICE, 1);
        Row user = f.row(USER, 1);
        Row account = f.row(ACCOUNT, 1);

        SaveResult r = f.update(SERVICE, 1, Map.of("state", "1", "d01", "renamed", "enddate", "2027-01-31"));

        assertThat(r.outcome()).isEqualTo(SaveOutcome.HOOK_FAILED);
        assertThat(r.hook().kind()).isEqualTo(kind);
        if (name.startsWith("killed")) {
            // Java cannot tell a signal death from exit 128+n; the runner reports both facts (see HookRunner).
            assertThat(r.hook().signal()).isEqualTo(9);
            assertThat(r.hook().reason()).contains("signal 9");
        }
        assertThat(r.message()).contains("service_hook").contains("rolled back");
        assertThat(f.row(SERVICE, 1)).isEqualTo(service);
        assertThat(f.row(USER, 1)).isEqualTo(user);
        assertThat(f.row(ACCOUNT, 1)).isEqualTo(account);
        HookRun audit = f.runs(SERVICE, 1).get(0);
        assertThat(audit.outcome()).isEqualTo(kind == HookOutcome.Kind.TIMED_OUT ? "timed_out" : "rolled_back");
        assertThat(audit.hookPath()).endsWith("service_hook");
    }

    @Test
    void failingHookOutputIsCapturedSeparately() {
        f.hooks.install(SERVICE, "echo 'radius: login taken'; echo 'details on stderr' >&2; exit 1");
        SaveResult r = f.update(SERVICE, 1, Map.of("state", "1"));
        assertThat(r.hook().exitCode()).isEqualTo(1);
        assertThat(r.hook().stdout()).isEqualTo("radius: login taken\n");
        assertThat(r.hook().stderr()).isEqualTo("details on stderr\n");
    }

    @Test
    void missingInterpreterIsAFailureNotASave() {
        f.hooks.write("service_hook", "#!/nonexistent/perl\nexit 0\n", "rwxr-xr-x");
        Row before = f.row(SERVICE, 1);
        SaveResult r = f.update(SERVICE, 1, Map.of("state", "1"));
        assertThat(r.outcome()).isEqualTo(SaveOutcome.HOOK_FAILED);
        assertThat(f.row(SERVICE, 1)).isEqualTo(before);
    }

    @Test
    void failedCreateLeavesNoRow() {
        f.hooks.install(SERVICE, "exit 3");
        int before = f.countRows("SELECT count(*) FROM service");
        SaveResult r = f.create(SERVICE, Map.of("user", "1", "servdef", "1", "d01", "ghost"));
        assertThat(r.outcome()).isEqualTo(SaveOutcome.HOOK_FAILED);
        assertThat(f.countRows("SELECT count(*) FROM service")).isEqualTo(before);
        assertThat(f.countRows("SELECT count(*) FROM service WHERE d01 = 'ghost'")).isZero();
        assertThat(f.countRows("SELECT count(*) FROM hookdesk.hook_run WHERE outcome = 'rolled_back' AND operation = 'create'")).isEqualTo(1);
    }

    @Test
    void hookThatChangesTheDatabaseItselfIsRolledBackWithTheSave() throws Exception {
        // A hook that writes to a file and then fails: the file is its own business (the examples undo it);
        // the database change must not survive.
        Path marker = f.scratch("ran");
        f.hooks.install(SERVICE, "echo ran > '" + marker + "'; exit 1");
        Row before = f.row(SERVICE, 3);
        f.update(SERVICE, 3, Map.of("d01", "changed"));
        assertThat(Files.exists(marker)).isTrue();
        assertThat(f.row(SERVICE, 3)).isEqualTo(before);
    }
}
