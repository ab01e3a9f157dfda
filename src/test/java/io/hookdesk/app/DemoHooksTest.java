package io.hookdesk.app;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The demo hooks travel with the jar: started anywhere on the embedded demo database, HookDesk runs them, under its home. */
class DemoHooksTest {

    @TempDir
    Path tmp;

    @Test
    void startedOutsideASourceCheckoutTheDemoHooksRunFromTheHomeAndWriteOnlyThere() throws Exception {
        Path home = tmp.resolve("some-home");
        Path elsewhere = Files.createDirectories(tmp.resolve("not-a-checkout"));
        Path userHome = Files.createDirectories(tmp.resolve("user"));
        try (Jvm cli = Jvm.start(elsewhere, List.of("-Duser.home=" + userHome), Main.class,
                "--home", home.toString(), "apply", "service", "1", "--set", "d01=demo-hooks-travel")) {
            assertThat(cli.waitFor(120)).as(cli.output()).isZero();
            assertThat(cli.output()).contains("service_hook succeeded");
        }
        Path hooks = home.resolve("demo-hooks");
        for (String name : List.of("service_hook", "service_hook-example", "account_hook", "resources/mailbox", "resources/radius")) {
            assertThat(Files.isExecutable(hooks.resolve(name))).as(name).isTrue();
            assertThat(Files.readString(hooks.resolve(name))).isEqualTo(Files.readString(Path.of("local").resolve(name)));
        }
        try (Stream<Path> provisioned = Files.walk(hooks.resolve("demo-provisioned"))) {
            assertThat(provisioned.filter(Files::isRegularFile).map(DemoHooksTest::text)
                    .anyMatch(text -> text.contains("demo-hooks-travel"))).as("the login reached the demo's RADIUS file").isTrue();
        }
        assertThat(userHome.resolve(".local/share/hookdesk")).doesNotExist();
        try (Stream<Path> left = Files.list(elsewhere)) {
            assertThat(left).isEmpty();
        }
    }

    private static String text(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            return "";
        }
    }
}
