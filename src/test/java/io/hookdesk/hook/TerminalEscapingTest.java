package io.hookdesk.hook;

import io.hookdesk.model.EnvValues;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What may drive a terminal is escaped in values and in text for terminals, the same way (issue 19 item 7). */
class TerminalEscapingTest {

    private static final String HOSTILE = "a\u001b[2J\u001b[31mred\u0007 \u0085nel \u2028ls \u2029ps \u202eevil\u202c \u2066iso\u2069 \u200fm";

    @Test
    void controlsSeparatorsAndBidiFormattingAreEscapedLinesAndTabsKeptForTerminals() {
        String shown = EnvValues.forTerminal(HOSTILE + "\nsecond\tline \\x\r");
        assertThat(shown).isEqualTo("a\\u001b[2J\\u001b[31mred\\u0007 \\u0085nel \\u2028ls \\u2029ps \\u202eevil\\u202c "
                + "\\u2066iso\\u2069 \\u200fm\nsecond\tline \\x\\r");
        assertThat(shown.codePoints().filter(cp -> cp != '\n' && cp != '\t')
                .filter(cp -> Character.getType(cp) == Character.CONTROL || Character.getType(cp) == Character.FORMAT)).isEmpty();
    }

    @Test
    void valuesOnOneLineEscapeTheSameCharactersAndStayReversible() {
        assertThat(EnvValues.oneLine(HOSTILE + "\n\\")).isEqualTo("a\\u001b[2J\\u001b[31mred\\u0007 \\u0085nel \\u2028ls "
                + "\\u2029ps \\u202eevil\\u202c \\u2066iso\\u2069 \\u200fm\\n\\\\");
        assertThat(EnvValues.oneLine("Zoë O'Brien – 東京 \t tab")).isEqualTo("Zoë O'Brien – 東京 \t tab");
    }
}
