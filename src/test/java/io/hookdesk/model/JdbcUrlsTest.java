package io.hookdesk.model;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A password in a JDBC URL is never shown or kept; an unverified connection to another machine is named (issue 19 item 14). */
class JdbcUrlsTest {

    @Test
    void aPasswordInAUrlIsMaskedWhereverItStands() {
        assertThat(JdbcUrls.masked("jdbc:postgresql://db.isp.example/billing?user=csr&password=s3cret&sslmode=verify-full"))
                .isEqualTo("jdbc:postgresql://db.isp.example/billing?user=csr&password=********&sslmode=verify-full");
        assertThat(JdbcUrls.masked("jdbc:postgresql://db/billing?PASSWORD=x")).doesNotContain("=x");
        assertThat(JdbcUrls.masked("jdbc:postgresql://db/billing")).isEqualTo("jdbc:postgresql://db/billing");
    }

    @Test
    void aSavedProfileKeepsTheUrlWithoutItsPassword() {
        assertThat(JdbcUrls.withoutPassword("jdbc:postgresql://db/b?password=s3cret&sslmode=verify-full"))
                .isEqualTo("jdbc:postgresql://db/b?sslmode=verify-full");
        assertThat(JdbcUrls.withoutPassword("jdbc:postgresql://db/b?sslmode=require&password=s3cret"))
                .isEqualTo("jdbc:postgresql://db/b?sslmode=require");
    }

    @Test
    void onlyARemoteConnectionThatDoesNotVerifyTheServerIsWarnedAbout() {
        assertThat(JdbcUrls.unverifiedTls("jdbc:postgresql://db.isp.example:5432/billing")).get().asString()
                .contains("db.isp.example:5432", "sslmode=prefer", "sslmode=verify-full&sslrootcert=");
        assertThat(JdbcUrls.unverifiedTls("jdbc:postgresql://db.isp.example/billing?sslmode=require")).isPresent();
        assertThat(JdbcUrls.unverifiedTls("jdbc:postgresql://db.isp.example/billing?sslmode=verify-full&sslrootcert=/etc/ca.pem")).isEmpty();
        assertThat(JdbcUrls.unverifiedTls("jdbc:postgresql://localhost:5432/billing")).isEmpty();
        assertThat(JdbcUrls.unverifiedTls("jdbc:postgresql://127.0.0.1/billing")).isEmpty();
        assertThat(JdbcUrls.unverifiedTls("jdbc:postgresql://[::1]:5433/billing")).isEmpty();
        assertThat(JdbcUrls.unverifiedTls("jdbc:postgresql://localhost,db2.isp.example/billing")).isPresent();
    }

    @Test
    void theStatusBarsDescriptionWithItsLoginAfterTheUrlIsReadTheSameWay() {
        // What the status bar passes: the URL, then " as LOGIN" (DatabaseSettings.description).
        assertThat(JdbcUrls.unverifiedTls("jdbc:postgresql://db.isp.example/billing?sslmode=verify-full as alice")).isEmpty();
        assertThat(JdbcUrls.unverifiedTls("jdbc:postgresql://db.isp.example/billing?sslmode=require as alice")).get()
                .asString().contains("(sslmode=require)");
    }
}
