package io.jwsgi.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FormsTest {

    private static Map<String, String> parse(String body) {
        return Forms.parse(body.getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void decodesPlusAndPercentEscapesAsUtf8() {
        assertThat(parse("author=Ada+L.&text=Gr%C3%BC%C3%9Fe+%26+%3Cb%3E"))
                .containsExactly(Map.entry("author", "Ada L."), Map.entry("text", "Grüße & <b>"));
    }

    @Test
    void keepsTheFirstValueOfARepeatedField() {
        assertThat(parse("text=one&text=two")).containsExactly(Map.entry("text", "one"));
    }

    @Test
    void readsAFieldWithoutEqualsSignAsEmpty() {
        assertThat(parse("flag&&text=")).containsExactly(Map.entry("flag", ""), Map.entry("text", ""));
    }

    @Test
    void givesNothingForAnEmptyBody() {
        assertThat(parse("")).isEmpty();
    }

    @Test
    void refusesAMalformedPercentEscape() {
        assertThatThrownBy(() -> parse("text=100%")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> parse("text=%zz")).isInstanceOf(IllegalArgumentException.class);
    }
}
