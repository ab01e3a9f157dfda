package io.hookdesk.save;

import io.hookdesk.model.EnvValues;
import io.hookdesk.model.HookedTable;
import io.hookdesk.model.Secrets;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.strings;

/**
 * No secret survives masking, whatever it is and wherever the text around it is cut (issue 19 item 12): a hook's
 * output cut by the output cap anywhere inside the secret, the environment written one value a line, and a database
 * error quoting a failing row or a key. Secrets are drawn from letters, digits and symbols (and, separately, from
 * any code point but controls); the text around them from an alphabet they never use, so a surviving piece is a
 * piece of the secret and not chance.
 */
class DatabaseErrorMaskingPropertiesTest {

    private static final String CUT = "\n[... 12.0 KiB of output omitted by HookDesk ...]\n";

    /**
     * Secrets of 4 to 40 characters from the printable ASCII range, lower-case 'x' and 'y' (the surrounding text's) and
     * '*' (the mask's own character, which a secret may hold but which this test could not tell apart) excepted.
     */
    private static Gen<String> secrets() {
        return strings().betweenCodePoints('!', '~').ofLengthBetween(4, 40)
                .map(s -> s.replace('x', 'Q').replace('y', 'R').replace('*', 'S'));
    }

    /** Text around a secret: 'x' and 'y' only, so no part of it can be taken for part of a secret. */
    private static Gen<String> around() {
        return strings().betweenCodePoints('x', 'y').ofLengthBetween(0, 30);
    }

    private static Map<String, String> env(String secret) {
        Map<String, String> env = new TreeMap<>();
        env.put("NEW_d01", "jdoe");
        env.put("NEW_d02", secret);
        env.put("OLD_d02", secret);
        return env;
    }

    @Test
    void noPieceOfASecretSurvivesTheOutputCapsCutWhereverItFalls() {
        qt().forAll(secrets(), around(), around(), integers().between(0, 1000)).checkAssert((secret, before, after, at) -> {
            int cut = at % (secret.length() + 1);
            String output = before + secret.substring(0, cut) + CUT + secret.substring(cut) + after;

            String masked = Masking.output(HookedTable.SERVICE, env(secret), output);

            String head = masked.substring(0, masked.indexOf(CUT));
            String tail = masked.substring(masked.indexOf(CUT) + CUT.length());
            assertThat(head.replace(Secrets.MASK, "")).as("before the cut").matches("[xy]*");
            assertThat(tail.replace(Secrets.MASK, "")).as("after the cut").matches("[xy]*");
        });
    }

    @Test
    void aWholeSecretIsMaskedEveryTimeItIsEchoed() {
        qt().forAll(secrets(), around(), around()).checkAssert((secret, before, after) -> {
            String masked = Masking.output(HookedTable.SERVICE, env(secret), before + secret + after + secret + "\n");

            assertThat(masked).doesNotContain(secret).isEqualTo(before + Secrets.MASK + after + Secrets.MASK + "\n");
        });
    }

    @Test
    void theEnvironmentTextHoldsNoSecretInAnyEncodingOfIt() {
        qt().forAll(strings().allPossible().ofLengthBetween(1, 30)).checkAssert(secret -> {
            String text = Masking.environmentText(HookedTable.SERVICE, env(secret));

            assertThat(text).contains("NEW_d02=" + Secrets.MASK, "OLD_d02=" + Secrets.MASK);
            if (secret.length() >= 4) {
                assertThat(text).doesNotContain(secret).doesNotContain(EnvValues.oneLine(secret));
            }
        });
    }

    @Test
    void aDatabaseErrorQuotingTheRowOrASecretKeyKeepsNoSecret() {
        qt().forAll(secrets()).checkAssert(secret -> {
            String failingRow = "ERROR: new row for relation \"user\" violates check constraint \"user_pw_len\" Detail: "
                    + "Failing row contains (7, 1, jdoe, " + secret + ", (x), y). Where: SQL statement";
            String key = "ERROR: duplicate key value violates unique constraint \"user_password_key\" Detail: Key (password)=("
                    + secret + ") already exists.";
            Map<String, String> changes = Map.of("password", secret, "login", "jdoe");

            for (String error : new String[] {failingRow, key, "ERROR: something else mentioning " + secret}) {
                String masked = Masking.databaseError(HookedTable.USER, error, changes);
                assertThat(masked).doesNotContain(secret);
            }
            assertThat(Masking.databaseError(HookedTable.USER, failingRow, Map.of()))
                    .doesNotContain(secret).contains("Failing row contains (the row's values are not shown)", "Where: SQL");
            assertThat(Masking.databaseError(HookedTable.USER, key, Map.of())).contains("Key (password)=(" + Secrets.MASK + ")");
        });
    }

    @Test
    void aKeyOfAnOrdinaryColumnIsShownAsTheServerSaidIt() {
        String key = "Detail: Key (login)=(ada) already exists.";
        assertThat(Masking.databaseError(HookedTable.USER, key, Map.of())).isEqualTo(key);
    }
}
