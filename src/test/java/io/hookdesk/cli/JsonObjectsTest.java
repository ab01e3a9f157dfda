package io.hookdesk.cli;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonObjectsTest {

    @Test
    void readsTheFlatShapeKeepingNumbersAsWritten() {
        Map<String, Object> o = JsonObjects.parse(" {\"table\":\"service\", \"number\": 42, \"set\": {\"price\": 19.90, "
                + "\"d01\": \"a\\\"b\\\\c\\u00e9\\n\", \"flag\": true, \"enddate\": null}} ");
        assertThat(o).containsEntry("table", "service").containsEntry("number", new JsonObjects.Number("42"));
        @SuppressWarnings("unchecked")
        Map<String, Object> set = (Map<String, Object>) o.get("set");
        assertThat(set).containsEntry("price", new JsonObjects.Number("19.90")).containsEntry("d01", "a\"b\\cé\n")
                .containsEntry("flag", Boolean.TRUE).containsEntry("enddate", JsonObjects.NULL);
        assertThat(set.keySet()).containsExactly("price", "d01", "flag", "enddate");
    }

    @Test
    void rejectsWhatIsNotStrictJsonWithTheColumn() {
        assertThatThrownBy(() -> JsonObjects.parse("{\"a\":1,}")).hasMessage("malformed JSON at column 8: expected a key in double quotes");
        assertThatThrownBy(() -> JsonObjects.parse("{\"a\":01}")).hasMessage("malformed JSON at column 7: expected ',' or '}'");
        assertThatThrownBy(() -> JsonObjects.parse("{\"a\":1} x")).hasMessage("malformed JSON at column 9: unexpected text after the object");
        assertThatThrownBy(() -> JsonObjects.parse("{\"a\":1,\"a\":2}")).hasMessage("malformed JSON at column 8: key \"a\" appears twice");
        assertThatThrownBy(() -> JsonObjects.parse("{'a':1}")).hasMessage("malformed JSON at column 2: expected a key in double quotes");
        assertThatThrownBy(() -> JsonObjects.parse("{\"a\":\"x\ty\"}")).hasMessageContaining("control character");
        assertThatThrownBy(() -> JsonObjects.parse("{\"a\":\"\\x\"}")).hasMessage("malformed JSON at column 7: unknown escape \\x");
        assertThatThrownBy(() -> JsonObjects.parse("{\"a\":tru}")).hasMessage("malformed JSON at column 6: expected a value");
        assertThatThrownBy(() -> JsonObjects.parse("{\"a\":")).hasMessage("malformed JSON at column 6: the line ends where a value is expected");
        assertThatThrownBy(() -> JsonObjects.parse("{\"a\":\"open")).hasMessage("malformed JSON at column 11: unterminated string");
    }
}
