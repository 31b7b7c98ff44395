package io.jwsgi.validate;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ViolationsTest {

    @Test
    void failGivesTheAssertionErrorWsgirefsAssertRaises() {
        assertThat(Violations.fail("bad status"))
                .isInstanceOf(AssertionError.class)
                .hasMessage("bad status");
    }

    @Test
    void quoteEscapesControlAndNonLatin1CharsAndLeavesOtherValuesAlone() {
        assertThat(Violations.quote("a\r\n\u0000\u007f\u00e9\u20ac"))
                .isEqualTo("\"a\\x0d\\x0a\\x00\\x7f\u00e9\\u20ac\"");
        assertThat(Violations.quote(42)).isEqualTo("42");
        assertThat(Violations.quote(null)).isEqualTo("null");
    }

    @Test
    void typeOfNamesTheClassOrNull() {
        assertThat(Violations.typeOf("x")).isEqualTo("java.lang.String");
        assertThat(Violations.typeOf(null)).isEqualTo("null");
    }
}
