package io.hookdesk.cli;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonLineTest {

    @Test
    void readsTheFlatShapeKeepingNumbersAsWritten() {
        Map<String, Object> o = JsonLine.parse(" {\"table\":\"service\", \"number\": 42, \"set\": {\"price\": 19.90, "
                + "\"d01\": \"a\\\"b\\\\c\\u00e9\\n\\ud83d\\ude00\", \"flag\": true, \"enddate\": null, \"big\": 1e400}} ");
        assertThat(o).containsEntry("table", "service").containsEntry("number", new JsonLine.Number("42"));
        @SuppressWarnings("unchecked")
        Map<String, Object> set = (Map<String, Object>) o.get("set");
        assertThat(set).containsEntry("price", new JsonLine.Number("19.90")).containsEntry("d01", "a\"b\\cé\n😀")
                .containsEntry("flag", Boolean.TRUE).containsEntry("enddate", JsonLine.NULL)
                .containsEntry("big", new JsonLine.Number("1e400"));
        assertThat(set.keySet()).containsExactly("price", "d01", "flag", "enddate", "big");
    }

    @Test
    void rejectsWhatIsNotStrictJsonWithTheColumn() {
        assertThatThrownBy(() -> JsonLine.parse("{\"a\":1,}")).hasMessageStartingWith("malformed JSON at column 8: ");
        assertThatThrownBy(() -> JsonLine.parse("{\"a\":01}")).hasMessage("malformed JSON at column 7: Invalid numeric value: Leading zeroes not allowed");
        assertThatThrownBy(() -> JsonLine.parse("{\"a\":1} x")).hasMessageStartingWith("malformed JSON at column 9: Unrecognized token 'x'");
        assertThatThrownBy(() -> JsonLine.parse("{\"a\":1} {}")).hasMessage("malformed JSON at column 9: unexpected text after the object");
        assertThatThrownBy(() -> JsonLine.parse("{\"a\":1,\"a\":2}")).hasMessage("malformed JSON at column 11: Duplicate field 'a'");
        assertThatThrownBy(() -> JsonLine.parse("{'a':1}")).hasMessageStartingWith("malformed JSON at column 2: ");
        assertThatThrownBy(() -> JsonLine.parse("{\"a\":\"x\ty\"}")).hasMessageContaining("CTRL-CHAR");
        assertThatThrownBy(() -> JsonLine.parse("{\"a\":\"\\x\"}")).hasMessage("malformed JSON at column 8: Unrecognized character escape 'x' (code 120)");
        assertThatThrownBy(() -> JsonLine.parse("{\"a\":tru}")).hasMessageStartingWith("malformed JSON at column 6: Unrecognized token 'tru'");
        assertThatThrownBy(() -> JsonLine.parse("{\"a\":")).hasMessageStartingWith("malformed JSON at column 6: Unexpected end-of-input");
        assertThatThrownBy(() -> JsonLine.parse("{\"a\":1")).hasMessage("malformed JSON at column 7: Unexpected end-of-input: expected close marker for Object");
        assertThatThrownBy(() -> JsonLine.parse("{\"a\":\"open")).hasMessageStartingWith("malformed JSON at column 11: ");
        assertThatThrownBy(() -> JsonLine.parse("{\"a\":NaN}")).hasMessage("malformed JSON at column 9: Non-standard token 'NaN'");
        assertThatThrownBy(() -> JsonLine.parse("[1]")).hasMessage("malformed JSON at column 1: expected a JSON object starting with '{'");
        assertThatThrownBy(() -> JsonLine.parse("{\"a\":[1]}")).hasMessage("malformed JSON at column 6: arrays are not supported here");
    }

    @Test
    void aUnicodeEscapeTakesExactlyFourHexDigits() {
        assertThatThrownBy(() -> JsonLine.parse("{\"a\":\"\\u+0e9\"}"))
                .hasMessage("malformed JSON at column 9: Unexpected character ('+' (code 43)): expected a hex-digit for character escape sequence");
        assertThatThrownBy(() -> JsonLine.parse("{\"a\":\"\\u-001\"}")).hasMessageContaining("expected a hex-digit");
        assertThatThrownBy(() -> JsonLine.parse("{\"a\":\"\\u00e\"}")).hasMessageContaining("expected a hex-digit");
    }

    @Test
    void aLoneSurrogateIsAnErrorNotAQuestionMark() {
        assertThatThrownBy(() -> JsonLine.parse("{\"a\":\"A\\ud800B\"}")).hasMessage("malformed JSON at column 6: "
                + "\\ud800 is half of a UTF-16 surrogate pair without its other half; write the character itself or both halves");
        assertThatThrownBy(() -> JsonLine.parse("{\"a\":\"\\ude00\"}")).hasMessageContaining("\\ude00 is half");
        // In a name, jackson-core (2.22.4 on) refuses the broken pair itself, in its own words.
        assertThatThrownBy(() -> JsonLine.parse("{\"\\ud83d\":1}")).hasMessageStartingWith("malformed JSON at column ")
                .hasMessageContaining("surrogate");
    }

    @Test
    void nestingNumbersAndStringsBeyondWhatAChangeNeedsAreErrorsNotCrashes() {
        assertThatThrownBy(() -> JsonLine.parse("{\"a\":".repeat(20_000))).hasMessage(
                "malformed JSON at column 42: Document nesting depth (9) exceeds the maximum allowed (8)");
        assertThat(JsonLine.parse("{\"a\":".repeat(JsonLine.MAX_DEPTH) + "1" + "}".repeat(JsonLine.MAX_DEPTH))).containsKey("a");
        assertThatThrownBy(() -> JsonLine.parse("{\"a\":" + "9".repeat(JsonLine.MAX_NUMBER_LENGTH + 1) + "}"))
                .hasMessageContaining("Number value length (101) exceeds the maximum allowed (100)");
        assertThatThrownBy(() -> JsonLine.parse("{\"a\":\"" + "x".repeat(JsonLine.MAX_STRING_LENGTH + 1) + "\"}"))
                .hasMessageContaining("String value length (1000001) exceeds the maximum allowed (1000000)");
    }
}
