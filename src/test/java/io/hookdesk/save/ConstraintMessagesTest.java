package io.hookdesk.save;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Rules as the server states them, made readable for a CSR without changing what they say. */
class ConstraintMessagesTest {

    @Test
    void castsAndParenthesesAroundSingleTermsAreLeftOut() {
        assertThat(ConstraintMessages.readable("CHECK ((balance > ('-1000'::integer)::numeric))"))
                .isEqualTo("CHECK (balance > -1000)");
    }

    @Test
    void anArrayOfAllowedValuesReadsAsAnInList() {
        assertThat(ConstraintMessages.readable("CHECK ((state = ANY (ARRAY[0, 1, 2, 3, 5])))"))
                .isEqualTo("CHECK (state IN (0, 1, 2, 3, 5))");
        assertThat(ConstraintMessages.readable(
                "CHECK (((kind)::text = ANY ((ARRAY['a'::character varying, 'b'::character varying])::text[])))"))
                .isEqualTo("CHECK (kind IN ('a', 'b'))");
    }

    @Test
    void keysAndReferencesKeepTheirSyntax() {
        assertThat(ConstraintMessages.readable("UNIQUE (login)")).isEqualTo("UNIQUE (login)");
        assertThat(ConstraintMessages.readable("FOREIGN KEY (servdef) REFERENCES servdef(number)"))
                .isEqualTo("FOREIGN KEY (servdef) REFERENCES servdef(number)");
        assertThat(ConstraintMessages.readable("CREATE UNIQUE INDEX user_pw ON public.\"user\" USING btree (password) WHERE ((password)::text <> ''::text)"))
                .isEqualTo("UNIQUE INDEX user_pw ON public.\"user\" (password) WHERE ((password) <> '')");
    }
}
