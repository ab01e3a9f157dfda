package io.hookdesk.cli;

import io.hookdesk.testing.Migrations;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

class DbCommandTest {

    @RegisterExtension
    final CliHarness cli = CliHarness.perTest(CliHarness.Data.EMPTY);

    @Test
    void migratePrintsTheSchemaVersionAlone() {
        CliHarness.Run r = cli.run("db", "migrate");
        assertThat(r.exit()).as(r.toString()).isZero();
        int latest = Migrations.latestVersion();
        assertThat(r.out()).isEqualTo(latest + "\n");
        assertThat(r.err()).contains("is at schema version " + latest);
    }

    @Test
    void demoAddsTheRequestedServices() {
        CliHarness.Run r = cli.run("db", "demo", "--scale", "100");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).matches("demo: added 100 services in [0-9.]+ s\n");
        assertThat(cli.count("SELECT count(*) FROM service")).isEqualTo(100);
        assertThat(cli.count("SELECT count(*) FROM account")).isEqualTo(50);
    }

    @Test
    void aScaleOutOfRangeIsBadInput() {
        CliHarness.Run r = cli.run("db", "demo", "--scale", "1");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("hookdesk: --scale 1: give a number of services from 2 to 1000000\n");
        assertThat(cli.count("SELECT count(*) FROM service")).isZero();
    }
}
