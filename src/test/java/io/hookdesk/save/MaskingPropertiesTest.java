package io.hookdesk.save;

import io.hookdesk.model.EnvValues;
import io.hookdesk.model.HookedTable;
import io.hookdesk.model.Secrets;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.strings;

/**
 * {@link Masking} keeps the behaviour it has, for any secret and any output: a service password (four characters or
 * more) that a hook prints is masked wherever it stands, also when the output cap's cut falls inside it, and a secret
 * variable never reaches the environment's text, however its value would have been written on one line.
 */
class MaskingPropertiesTest {

    private static final HookedTable TABLE = HookedTable.SERVICE;
    /** The service's password column, a secret by BillMax's documentation. */
    private static final String SECRET_COLUMN = "d02";

    /** A password as an ISP's users choose them: no asterisk (the mask's own character), four to twenty characters. */
    private static Gen<String> passwords() {
        return strings().betweenCodePoints('!', '~').ofLengthBetween(4, 20).assuming(s -> s.indexOf('*') < 0);
    }

    /** What a hook prints around it: letters, digits, spaces, punctuation and newlines (no asterisk either). */
    private static Gen<String> output() {
        return strings().betweenCodePoints('\n', '~').ofLengthBetween(0, 60)
                .map(s -> s.replace('*', '.').replaceAll("[\\x0b-\\x1f]", " "));
    }

    private static Map<String, String> env(String password) {
        Map<String, String> env = new TreeMap<>();
        env.put("NEW_" + SECRET_COLUMN, password);
        env.put("NEW_d01", "jdoe");
        env.put("NEW", "0");
        return env;
    }

    @Test
    void aPasswordPrintedAnywhereInTheOutputIsMaskedEverywhere() {
        qt().withExamples(500).forAll(passwords(), lists().of(output()).ofSizeBetween(1, 4)).checkAssert((password, pieces) -> {
            String printed = String.join(password, pieces);
            String shown = Masking.output(TABLE, env(password), printed);
            assertThat(shown).doesNotContain(password);
            if (pieces.size() > 1) {
                assertThat(shown).contains(Secrets.MASK);
            }
        });
    }

    @Test
    void bothTheOldAndTheNewPasswordAreMasked() {
        qt().withExamples(300).forAll(passwords(), passwords(), output()).checkAssert((old, now, around) -> {
            Map<String, String> env = env(now);
            env.put("OLD_" + SECRET_COLUMN, old);
            String shown = Masking.output(TABLE, env, around + old + around + now + around);
            assertThat(shown).doesNotContain(old).doesNotContain(now);
        });
    }

    /**
     * The hook runner keeps the first and the last half of its cap and puts a line between them; a password the cut
     * fell in has its start before that line and its end after it. No piece of it, however short, is left beside the
     * line, and a whole one elsewhere is masked as ever.
     */
    @Test
    void noPieceOfAPasswordSurvivesTheOutputCapsCut() {
        qt().withExamples(1000).forAll(passwords(), output().zip(output(), List::of), integers().between(1, 19),
                        integers().between(1, 5000))
                .checkAssert((password, around, at, omitted) -> {
                    String before = around.get(0);
                    String after = around.get(1);
                    int cut = Math.min(at, password.length() - 1);
                    String head = before + password.substring(0, cut);
                    String tail = password.substring(cut) + after;
                    String line = "\n[... " + omitted + " bytes of output omitted by HookDesk ...]\n";
                    String shown = Masking.output(TABLE, env(password), head + line + tail + " " + password);

                    assertThat(shown).doesNotContain(password).contains(line);
                    String shownHead = shown.substring(0, shown.indexOf(line));
                    String shownTail = shown.substring(shown.indexOf(line) + line.length());
                    for (int n = 1; n < password.length(); n++) {
                        assertThat(shownHead).as("the head ends in the password's first %d characters", n)
                                .doesNotEndWith(password.substring(0, n));
                        assertThat(shownTail).as("the tail starts with the password's last %d characters", n)
                                .doesNotStartWith(password.substring(password.length() - n));
                    }
                });
    }

    /**
     * The environment's text ({@code hookdesk env}, the audit, the hook log) masks secret variables by name, whatever
     * their value, also one shorter than four characters (which the output's masking by value leaves alone), and
     * writes every other value on its one line.
     */
    @Test
    void theEnvironmentsTextNeverHoldsASecretHoweverItsValueIsWritten() {
        Gen<String> anyValue = strings().allPossible().ofLengthBetween(1, 20).assuming(s -> s.indexOf('*') < 0);
        qt().withExamples(500).forAll(anyValue, anyValue, anyValue).checkAssert((newPassword, oldPassword, login) -> {
            Map<String, String> env = new LinkedHashMap<>();
            env.put("NEW_" + SECRET_COLUMN, newPassword);
            env.put("OLD_" + SECRET_COLUMN, oldPassword);
            env.put("NEW_d01", login);
            env.put("HOOK_TABLE", "service");

            String text = Masking.environmentText(TABLE, env);
            List<String> lines = text.lines().toList();
            assertThat(lines).as("one line per variable").hasSize(env.size());
            assertThat(lines).contains("NEW_" + SECRET_COLUMN + "=" + Secrets.MASK, "OLD_" + SECRET_COLUMN + "=" + Secrets.MASK,
                    "NEW_d01=" + EnvValues.oneLine(login));
            assertThat(Masking.environment(TABLE, env)).containsEntry("NEW_" + SECRET_COLUMN, Secrets.MASK)
                    .containsEntry("OLD_" + SECRET_COLUMN, Secrets.MASK);
        });
    }
}
