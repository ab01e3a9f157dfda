package io.hookdesk.app;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * HookDesk started with no arguments on a machine without a display (a server over ssh, a cron job): it says that
 * it cannot open a window and that the command line works, and ends with status 1. It used to print that and then
 * wait forever in the toolkit's shutdown, which had never started.
 */
class NoDisplayTest {

    @Test
    void withoutADisplayTheDesktopSaysSoAndExitsWithStatusOne(@TempDir Path home) throws Exception {
        // A real JVM as `java -jar hookdesk.jar` starts it: JavaFX's own Linux toolkit, not the tests' headless one.
        try (Jvm desktop = Jvm.start(home, List.of("-Duser.home=" + home, "-Dglass.platform=gtk"),
                List.of("DISPLAY", "WAYLAND_DISPLAY", "XDG_DATA_HOME", "HOOKDESK_HOME"), Main.class)) {
            int status = desktop.waitFor(120);

            assertThat(desktop.output()).contains("hookdesk: cannot open a window")
                    .contains("Is there a display? Use the command line instead");
            assertThat(status).isEqualTo(1);
        }
    }
}
