package io.hookdesk.cli;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class DbCommandTest {

    @TempDir
    Path temp;
    CliHarness cli;

    @BeforeEach
    void setUp() {
        cli = new CliHarness(temp, false);
    }

    @AfterEach
    void tearDown() {
        cli.close();
    }

    @Test
    void migratePrintsTheSchemaVersionAlone() {
        CliHarness.Run r = cli.run("db", "migrate");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).isEqualTo("3\n");
        assertThat(r.err()).contains("is at schema version 3");
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
