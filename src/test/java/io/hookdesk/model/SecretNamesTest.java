package io.hookdesk.model;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The secret-name heuristic for columns an ISP added (issue 19 item 12): pin, token, key and apikey as words. */
class SecretNamesTest {

    @Test
    void pinTokenKeyAndApikeyAsPartsOfANameAreSecrets() {
        for (String column : new String[] {"pin", "x_wifi_pin", "portal_pin2", "auth_token", "x_tokens", "api_key",
                "apikey", "x_apiKey", "sshKey", "key", "radius-key", "x_password", "radius_secret"}) {
            assertThat(Secrets.isSecret(HookedTable.SERVICE, column)).as(column).isTrue();
        }
    }

    @Test
    void wordsThatOnlyContainThemAreNot() {
        for (String column : new String[] {"keyword", "x_keywords", "monkey", "turnkey", "pinned", "spinner",
                "tokenizer", "x_region", "d01", "company"}) {
            assertThat(Secrets.isSecret(HookedTable.SERVICE, column)).as(column).isFalse();
        }
    }
}
