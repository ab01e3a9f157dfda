package io.hookdesk.db;

import org.junit.jupiter.api.Test;

import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;

/** What a JDBC URL says about the route to the server: its ports, and the operator's prepareThreshold. */
class ConnectionBudgetUrlTest {

    @Test
    void aServerListeningOnAPortTheUrlDoesNotNameIsBehindAPooler() {
        assertThat(ConnectionBudget.behindPooler("jdbc:postgresql://db.isp.example:6432/billing", 5432)).isTrue();
        assertThat(ConnectionBudget.behindPooler("jdbc:postgresql://db.isp.example/billing", 5432)).isFalse();
        assertThat(ConnectionBudget.behindPooler("jdbc:postgresql://h1:5433,h2:5434/billing?targetServerType=primary", 5434))
                .isFalse();
        assertThat(ConnectionBudget.behindPooler("jdbc:postgresql://[::1]:6432/billing", 5432)).isTrue();
        assertThat(ConnectionBudget.behindPooler("jdbc:postgresql://[::1]/billing", 5432)).isFalse();
    }

    @Test
    void theUrlsOwnPrepareThresholdIsTheOperatorsWord() {
        assertThat(ConnectionBudget.prepareThreshold("jdbc:postgresql://h:6432/b?sslmode=require&prepareThreshold=0"))
                .isEqualTo(OptionalInt.of(0));
        assertThat(ConnectionBudget.prepareThreshold("jdbc:postgresql://h:6432/b?preparethreshold=5")).isEqualTo(OptionalInt.of(5));
        assertThat(ConnectionBudget.prepareThreshold("jdbc:postgresql://h:6432/b")).isEmpty();
    }
}
