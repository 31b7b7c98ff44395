package io.jwsgi.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonTest {

    @Test
    void writesObjectsInInsertionOrder() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("id", 7L);
        map.put("text", "hi");
        map.put("ok", true);
        map.put("none", null);
        map.put("list", List.of(1, "two", List.of()));
        assertThat(Json.write(map))
                .isEqualTo("{\"id\":7,\"text\":\"hi\",\"ok\":true,\"none\":null,\"list\":[1,\"two\",[]]}");
    }

    @Test
    void escapesQuotesBackslashesAndControlCharacters() {
        assertThat(Json.write("a\"b\\c\nd\te\u0001</script>")).isEqualTo("\"a\\\"b\\\\c\\nd\\te\\u0001</script>\"");
    }

    @Test
    void refusesValuesWithoutAJsonForm() {
        assertThatThrownBy(() -> Json.write(new Object())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Json.write(Map.of(1, "x"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void parsesEveryKindOfValue() {
        Object parsed = Json.parse(" {\"a\": [1, -2.5e3, true, false, null, \"s\"], \"b\": {}} ");
        assertThat(parsed).isInstanceOf(LinkedHashMap.class);
        Map<?, ?> map = (Map<?, ?>) parsed;
        assertThat(map.get("a"))
                .isEqualTo(Arrays.asList(new BigDecimal("1"), new BigDecimal("-2.5e3"), true, false, null, "s"));
        assertThat(map.get("b")).isEqualTo(Map.of());
    }

    @Test
    void decodesEscapesIncludingSurrogatePairs() {
        assertThat(Json.parse("\"\\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9\\ud83d\\ude00\""))
                .isEqualTo("\"\\/\b\f\n\r\té😀");
    }

    @Test
    void roundTripsWhatItWrites() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("text", "line 1\nline \"2\" \u0000 ✓ 😀");
        map.put("items", new ArrayList<>(List.of("x", true)));
        assertThat(Json.parse(Json.write(map))).isEqualTo(map);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "{",
                "{\"a\":1,}",
                "[1,]",
                "{'a':1}",
                "{\"a\" 1}",
                "{a:1}",
                "01",
                "1.",
                "-",
                "1e",
                "+1",
                "tru",
                "nul",
                "\"unterminated",
                "\"bad \\x escape\"",
                "\"\\u12\"",
                "\"tab\tinside\"",
                "[1] [2]",
                "// comment\n1",
                "{\"a\":1,\"a\":2}",
                "NaN"
            })
    void refusesWhatIsNotJson(String text) {
        assertThatThrownBy(() -> Json.parse(text))
                .isInstanceOf(Json.ParseException.class)
                .hasMessageContaining("at offset");
    }

    @Test
    void saysWhereTheErrorIs() {
        assertThatThrownBy(() -> Json.parse("{\"a\": x}")).hasMessage("unexpected character 'x' at offset 6");
        assertThatThrownBy(() -> Json.parse("{\"a\":1,\"a\":2}")).hasMessage("duplicate key \"a\" at offset 7");
    }

    @Test
    void limitsNestingDepth() {
        String ok = "[".repeat(Json.MAX_DEPTH) + "]".repeat(Json.MAX_DEPTH);
        assertThat(Json.parse(ok)).isInstanceOf(List.class);
        String tooDeep = "[".repeat(Json.MAX_DEPTH + 1) + "]".repeat(Json.MAX_DEPTH + 1);
        assertThatThrownBy(() -> Json.parse(tooDeep)).hasMessageContaining("nested deeper than 32 levels");
    }
}
