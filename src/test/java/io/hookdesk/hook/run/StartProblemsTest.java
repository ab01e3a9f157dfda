package io.hookdesk.hook.run;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What keeps an environment from reaching a hook intact, under the JVM's charsets, named by variable and never by value. */
class StartProblemsTest {

    @Test
    void anEnvironmentInAsciiPassesEveryCharsetThatHoldsAscii() {
        Map<String, String> env = env("NEW_d01", "AC:DE:48:00", "NEW_email", "guido@example.net");

        assertThat(StartProblems.environmentProblem(env, StandardCharsets.US_ASCII, StandardCharsets.UTF_8,
                StandardCharsets.ISO_8859_1)).isNull();
    }

    @Test
    void aNameTheCharsetCannotCarryIsRefusedNamingTheVariableNotTheValue() {
        Map<String, String> env = env("NEW_d01", "plain", "NEW_lastname", "Zoë Brontë");

        assertThat(StartProblems.environmentProblem(env, StandardCharsets.UTF_8)).isNull();
        assertThat(StartProblems.environmentProblem(env, StandardCharsets.ISO_8859_1)).isNull();
        assertThat(StartProblems.environmentProblem(env, StandardCharsets.UTF_8, StandardCharsets.US_ASCII))
                .isEqualTo("the value of NEW_lastname cannot be passed as US-ASCII text without damage; HookDesk must "
                        + "run under a UTF-8 locale (e.g. LC_ALL=C.UTF-8)")
                .doesNotContain("Zoë");
    }

    @Test
    void eachCharsetIsAskedOfEveryVariable() {
        // The euro sign is in UTF-8 but not in Latin-1; the first variable passes both.
        Map<String, String> env = env("NEW_d01", "Zoë", "NEW_amount", "12 €");

        assertThat(StartProblems.environmentProblem(env, StandardCharsets.UTF_8, StandardCharsets.ISO_8859_1))
                .startsWith("the value of NEW_amount cannot be passed as ISO-8859-1");
    }

    @Test
    void textNoCharsetCanEncodeIsRefusedEvenUnderUtf8() {
        // Half a surrogate pair: what a damaged import can leave in a record.
        assertThat(StartProblems.environmentProblem(env("NEW_d02", "ab\uD800c"), StandardCharsets.UTF_8))
                .startsWith("the value of NEW_d02 cannot be passed as UTF-8");
    }

    @Test
    void namesAndValuesNoEnvironmentCanHoldAreRefused() {
        assertThat(StartProblems.environmentProblem(env("A=B", "x"), StandardCharsets.UTF_8))
                .contains("name 'A=B' is not allowed");
        assertThat(StartProblems.environmentProblem(env("NEW_d03", "a\0b"), StandardCharsets.UTF_8))
                .isEqualTo("the value of NEW_d03 holds a NUL character, which no process environment can carry");
    }

    private static Map<String, String> env(String... pairs) {
        Map<String, String> env = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            env.put(pairs[i], pairs[i + 1]);
        }
        return env;
    }
}
