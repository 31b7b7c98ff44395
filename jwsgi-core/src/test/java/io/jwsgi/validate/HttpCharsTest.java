package io.jwsgi.validate;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HttpCharsTest {

    @Test
    void findsTheFirstControlOrNonLatin1Char() {
        assertThat(HttpChars.firstControlChar("ab\tc")).isEqualTo(2);
        assertThat(HttpChars.firstControlChar("ab\u007fc")).isEqualTo(2);
        assertThat(HttpChars.firstControlChar("ab\u00ffc")).isEqualTo(-1);
        assertThat(HttpChars.firstNonLatin1Char("ab\u00ff\u0100")).isEqualTo(3);
        assertThat(HttpChars.firstNonLatin1Char("ab\u00ff")).isEqualTo(-1);
    }

    @Test
    void recognisesTokensAndDigits() {
        assertThat(HttpChars.isToken("M-SEARCH")).isTrue();
        assertThat(HttpChars.isToken("!#$%&'*+-.^_`|~09azAZ")).isTrue();
        assertThat(HttpChars.isToken("")).isFalse();
        assertThat(HttpChars.isToken("A B")).isFalse();
        assertThat(HttpChars.isToken("A\"B")).isFalse();
        assertThat(HttpChars.isToken("caf\u00e9")).isFalse();
        assertThat(HttpChars.isDigits("0123")).isTrue();
        assertThat(HttpChars.isDigits("")).isFalse();
        assertThat(HttpChars.isDigits("+1")).isFalse();
        assertThat(HttpChars.isDigits("\u0661")).isFalse(); // a Unicode digit is not an ASCII one
    }
}
