package io.jwsgi.validate;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ChecksTest {

    @Test
    void quoteEscapesControlAndNonLatin1CharsAndLeavesOtherValuesAlone() {
        assertThat(Checks.quote("a\r\n\u0000\u007f\u00e9\u20ac")).isEqualTo("\"a\\x0d\\x0a\\x00\\x7f\u00e9\\u20ac\"");
        assertThat(Checks.quote(42)).isEqualTo("42");
        assertThat(Checks.quote(null)).isEqualTo("null");
    }

    @Test
    void typeOfNamesTheClassOrNull() {
        assertThat(Checks.typeOf("x")).isEqualTo("java.lang.String");
        assertThat(Checks.typeOf(null)).isEqualTo("null");
    }

    @Test
    void findsTheFirstControlOrNonLatin1Char() {
        assertThat(Checks.firstControlChar("ab\tc")).isEqualTo(2);
        assertThat(Checks.firstControlChar("ab\u00ffc")).isEqualTo(-1);
        assertThat(Checks.firstNonLatin1Char("ab\u00ff\u0100")).isEqualTo(3);
        assertThat(Checks.firstNonLatin1Char("ab\u00ff")).isEqualTo(-1);
    }

    @Test
    void recognisesTokensAndDigits() {
        assertThat(Checks.isToken("M-SEARCH")).isTrue();
        assertThat(Checks.isToken("!#$%&'*+-.^_`|~09azAZ")).isTrue();
        assertThat(Checks.isToken("")).isFalse();
        assertThat(Checks.isToken("A B")).isFalse();
        assertThat(Checks.isToken("A\"B")).isFalse();
        assertThat(Checks.isDigits("0123")).isTrue();
        assertThat(Checks.isDigits("")).isFalse();
        assertThat(Checks.isDigits("+1")).isFalse();
    }
}
