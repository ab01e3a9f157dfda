package io.hookdesk.app;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AppConfigTest {

    @TempDir
    Path tmp;

    @Test
    void commandLineBeatsEnvironmentBeatsConfigFile() throws Exception {
        Path home = Files.createDirectories(tmp.resolve("home"));
        Files.writeString(home.resolve("hookdesk.properties"),
                "db.url=jdbc:postgresql://file/db\ndb.user=fileuser\nhooks.dir=/from/file\nhook.timeout=30s\n");
        AppConfig fromFile = AppConfig.resolve(AppConfig.Overrides.none(), Map.of("HOOKDESK_HOME", home.toString()), Map.of());
        assertThat(fromFile.dbUrl()).isEqualTo("jdbc:postgresql://file/db");
        assertThat(fromFile.hooksDir()).isEqualTo(Path.of("/from/file"));
        assertThat(fromFile.hookTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(fromFile.logFile()).isEqualTo(home.resolve("logs/hooks.log"));

        AppConfig fromEnv = AppConfig.resolve(AppConfig.Overrides.none(), Map.of("HOOKDESK_HOME", home.toString(),
                "HOOKDESK_HOOKS_DIR", "/from/env", "HOOKDESK_DB_PASSWORD", "pw"), Map.of());
        assertThat(fromEnv.hooksDir()).isEqualTo(Path.of("/from/env"));
        assertThat(fromEnv.dbPassword()).isEqualTo("pw");
        assertThat(fromEnv.toString()).doesNotContain("pw@").doesNotContain("=pw");

        AppConfig fromCli = AppConfig.resolve(new AppConfig.Overrides(home, "jdbc:postgresql://cli/db", null,
                Path.of("/from/cli"), "2m", null), Map.of("HOOKDESK_HOOKS_DIR", "/from/env"), Map.of());
        assertThat(fromCli.hooksDir()).isEqualTo(Path.of("/from/cli"));
        assertThat(fromCli.dbUrl()).isEqualTo("jdbc:postgresql://cli/db");
        assertThat(fromCli.hookTimeout()).isEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void hookRunnerIsReadAsHookSerializeIsWithTheCommandLineFirst() throws Exception {
        Path home = Files.createDirectories(tmp.resolve("runner-home"));
        Files.writeString(home.resolve("hookdesk.properties"), "hook.runner=account:from-file\n");
        Map<String, String> sys = Map.of("user.home", tmp.toString());
        AppConfig fromFile = AppConfig.resolve(new AppConfig.Overrides(home, "jdbc:postgresql://h/db", null, null, null, null),
                Map.of(), sys);
        assertThat(fromFile.hookRunner().account()).isEqualTo("from-file");
        // The hook account's own directory, which the .deb makes, unless hooks.dir names another.
        assertThat(fromFile.hooksDir()).isEqualTo(AppConfig.ACCOUNT_HOOKS_DIR);
        assertThat(fromFile.runnerCommand()).isEqualTo(AppConfig.DEFAULT_RUNNER_COMMAND);

        AppConfig fromEnv = AppConfig.resolve(new AppConfig.Overrides(home, null, null, null, null, null),
                Map.of("HOOKDESK_HOOK_RUNNER", "ssh://hooks@billing:2222/usr/local/billmax/local"), sys);
        assertThat(fromEnv.hookRunner().kind()).isEqualTo(HookRunnerSetting.Kind.SSH);
        assertThat(fromEnv.hookRunner().user()).isEqualTo("hooks");
        assertThat(fromEnv.hookRunner().host()).isEqualTo("billing");
        assertThat(fromEnv.hookRunner().port()).isEqualTo(2222);
        assertThat(fromEnv.hooksDir()).isEqualTo(Path.of("/usr/local/billmax/local"));

        AppConfig fromCli = AppConfig.resolve(new AppConfig.Overrides(home, null, null, null, null, null, null, "local"),
                Map.of("HOOKDESK_HOOK_RUNNER", "account:x"), sys);
        assertThat(fromCli.hookRunner()).isEqualTo(HookRunnerSetting.LOCAL);
        assertThat(AppConfig.resolve(AppConfig.Overrides.none(), Map.of(), sys).hookRunner()).isEqualTo(HookRunnerSetting.LOCAL);
    }

    @Test
    void homeDefaultsToThePerUserDataDirectory() {
        AppConfig c = AppConfig.resolve(AppConfig.Overrides.none(), Map.of(), Map.of("user.home", "/home/alice"));
        assertThat(c.home()).isEqualTo(Path.of("/home/alice/.local/share/hookdesk"));
        AppConfig xdg = AppConfig.resolve(AppConfig.Overrides.none(), Map.of("XDG_DATA_HOME", "/data"), Map.of());
        assertThat(xdg.home()).isEqualTo(Path.of("/data/hookdesk"));
    }

    @Test
    void theEmbeddedDemoDatabaseUsesTheDemoHooksInTheHomeAndADatabaseTheAppsLocalDirectory() throws Exception {
        Path app = tmp.resolve("app");
        Files.createDirectories(app.resolve("local"));
        Map<String, String> sys = Map.of("hookdesk.appDir", app.toString(), "user.home", tmp.toString());
        AppConfig embedded = AppConfig.resolve(new AppConfig.Overrides(tmp.resolve("elsewhere"), null, null, null, null, null), Map.of(), sys);
        assertThat(embedded.hooksDir()).isEqualTo(tmp.resolve("elsewhere/demo-hooks"));
        assertThat(AppConfig.resolve(AppConfig.Overrides.none(), Map.of("HOOKDESK_DB_URL", "jdbc:postgresql://central/billmax"), sys)
                .hooksDir()).isEqualTo(app.resolve("local"));
        Map<String, String> checkout = Map.of("user.dir", tmp.toString(), "user.home", tmp.toString());
        assertThat(AppConfig.resolve(AppConfig.Overrides.none(), Map.of("HOOKDESK_DB_URL", "jdbc:postgresql://central/billmax"),
                checkout).hooksDir()).isEqualTo(tmp.resolve("local"));
    }

    @Test
    void hookTimeoutAcceptsSecondsAndDurations() {
        assertThat(AppConfig.parseDuration("90")).isEqualTo(Duration.ofSeconds(90));
        assertThat(AppConfig.parseDuration("90s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(AppConfig.parseDuration("1m30s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(AppConfig.parseDuration("PT90S")).isEqualTo(Duration.ofSeconds(90));
        assertThat(AppConfig.parseDuration("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThatThrownBy(() -> AppConfig.parseDuration("soon")).hasMessageContaining("'soon'");
        assertThatThrownBy(() -> AppConfig.parseDuration("0")).hasMessageContaining("duration");
    }

    @Test
    void theBillMaxSchemaComesFromTheOptionTheEnvironmentOrTheFileAndIsUnsetByDefault() throws Exception {
        Path home = Files.createDirectories(tmp.resolve("schema-home"));
        Files.writeString(home.resolve("hookdesk.properties"), "db.schema=from_file\n");
        Map<String, String> env = Map.of("HOOKDESK_HOME", home.toString());

        assertThat(AppConfig.resolve(AppConfig.Overrides.none(), env, Map.of()).dbSchema()).isEqualTo("from_file");
        assertThat(AppConfig.resolve(AppConfig.Overrides.none(), Map.of("HOOKDESK_HOME", home.toString(),
                "HOOKDESK_DB_SCHEMA", "from_env"), Map.of()).dbSchema()).isEqualTo("from_env");
        assertThat(AppConfig.resolve(new AppConfig.Overrides(null, null, null, null, null, null, "from_cli"),
                Map.of("HOOKDESK_HOME", home.toString(), "HOOKDESK_DB_SCHEMA", "from_env"), Map.of()).dbSchema())
                .isEqualTo("from_cli");
        assertThat(AppConfig.resolve(AppConfig.Overrides.none(), Map.of("HOOKDESK_HOME", tmp.resolve("none").toString()),
                Map.of()).dbSchema()).isNull();
    }
}
