package io.hookdesk.db.store;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AuditTextTest {

    @Test
    void nulBytesAreEscaped() {
        assertThat(AuditText.fit("a\0b", 100)).isEqualTo("a\\x00b");
    }

    @Test
    void loneSurrogatesBecomeTheReplacementCharacterAndPairsStay() {
        assertThat(AuditText.fit("x\uD800y", 100)).isEqualTo("x\uFFFDy");
        assertThat(AuditText.fit("x\uDC00", 100)).isEqualTo("x\uFFFD");
        assertThat(AuditText.fit("😀\0", 100)).isEqualTo("😀\\x00");
    }

    @Test
    void longTextIsCutToTheLimitWithANote() {
        String cut = AuditText.fit("a".repeat(50), 20);
        assertThat(cut).hasSize(20).endsWith(AuditText.CUT_NOTE).startsWith("aaaa");
    }

    @Test
    void aCutNeverSplitsASurrogatePair() {
        String s = "a".repeat(13) + "😀" + "b".repeat(10);
        String cut = AuditText.fit(s, 20);
        assertThat(cut.codePointCount(0, cut.length())).isEqualTo(20);
        assertThat(cut).isEqualTo("a".repeat(13) + "😀" + AuditText.CUT_NOTE);
    }

    @Test
    void theLimitCountsCharactersAsPostgresqlDoesNotUtf16Units() {
        String emoji = "😀".repeat(100);
        assertThat(AuditText.fit(emoji, 100)).isSameAs(emoji);
        String cut = AuditText.fit("😀".repeat(101), 100);
        assertThat(cut.codePointCount(0, cut.length())).isEqualTo(100);
        assertThat(cut).startsWith("😀".repeat(94)).endsWith(AuditText.CUT_NOTE);
    }

    @Test
    void cleanTextIsReturnedAsIs() {
        String s = "ok";
        assertThat(AuditText.fit(s, 10)).isSameAs(s);
        assertThat(AuditText.fit(null, 10)).isEmpty();
    }
}
