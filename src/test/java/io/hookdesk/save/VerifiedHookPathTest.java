package io.hookdesk.save;

import io.hookdesk.app.AppContext;
import io.hookdesk.model.Origin;
import io.hookdesk.testing.HookScripts;
import io.hookdesk.testing.TestApp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.hookdesk.model.HookedTable.SERVICE;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 19, item 10: through a symlinked hooks directory, the save starts the hook by the path it verified (the
 * directory's real path), in that directory, not by the configured path whose link could be retargeted in between.
 */
class VerifiedHookPathTest {

    @TempDir
    Path temp;

    @Test
    void aSaveStartsTheHookByItsVerifiedRealPathInItsRealDirectory() throws Exception {
        Path real = Files.createDirectories(temp.resolve("opt/hookdesk/local"));
        Path etc = Files.createDirectories(temp.resolve("etc/hookdesk"));
        Path link = Files.createSymbolicLink(etc.resolve("hooks"), real);
        Path seen = temp.resolve("seen");
        new HookScripts(real).install(SERVICE, "printf '%s\\n%s\\n' \"$0\" \"$(pwd -P)\" > '" + seen + "'");

        try (AppContext app = TestApp.demo(Files.createDirectories(temp.resolve("home")), link, Duration.ofSeconds(20),
                FailureLog.NONE)) {
            SaveResult r = app.saves().save(SaveRequest.update(SERVICE, 3, Map.of("d04", "verified"), null, Origin.DESKTOP, "alice"));

            assertThat(r.committed()).as(r.message()).isTrue();
            assertThat(r.hookStatus().path()).as("what the CSR is shown").isEqualTo(link.resolve("service_hook"));
        }
        assertThat(Files.readAllLines(seen)).containsExactly(real.toRealPath().resolve("service_hook").toString(),
                real.toRealPath().toString());
    }
}
