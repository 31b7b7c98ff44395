package io.jwsgi.simpleserver.http1;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HttpCharsTest {

    /** RFC 9110 section 5.6.2: tchar is "!#$%&'*+-.^_`|~", DIGIT and ALPHA, nothing else. */
    private static final String TCHARS =
            "!#$%&'*+-.^_`|~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    @Test
    void tcharIsExactlyTheSeventySevenCharsOfRfc9110() {
        for (char c = 0; c < 0x200; c++) {
            assertThat(HttpChars.isTchar(c)).as("char 0x%02x", (int) c).isEqualTo(TCHARS.indexOf(c) >= 0);
        }
    }

    @Test
    void tokenIsANonEmptyRunOfTchars() {
        assertThat(HttpChars.isToken("M-SEARCH", 0, 8)).isTrue();
        assertThat(HttpChars.isToken("Content-Type: x", 0, 12)).isTrue();
        assertThat(HttpChars.isToken("Content-Type: x", 0, 13)).isFalse();
        assertThat(HttpChars.isToken("GET", 1, 1)).isFalse();
        assertThat(HttpChars.isToken("A B", 0, 3)).isFalse();
        assertThat(HttpChars.isToken("A\"B", 0, 3)).isFalse();
    }

    @Test
    void fieldValueCharsAreHtabSpVcharAndObsText() {
        assertThat(HttpChars.isFieldValueChar('\t')).isTrue();
        assertThat(HttpChars.isFieldValueChar(' ')).isTrue();
        assertThat(HttpChars.isFieldValueChar('~')).isTrue();
        assertThat(HttpChars.isFieldValueChar('\u00ff')).isTrue();
        assertThat(HttpChars.isFieldValueChar('\r')).isFalse();
        assertThat(HttpChars.isFieldValueChar('\n')).isFalse();
        assertThat(HttpChars.isFieldValueChar('\0')).isFalse();
        assertThat(HttpChars.isFieldValueChar('\u007f')).isFalse();
        assertThat(HttpChars.isFieldValueChar('\u0100')).isFalse();
    }

    @Test
    void hexValueReadsBothCasesAndRefusesTheRest() {
        assertThat(HttpChars.hexValue('0')).isZero();
        assertThat(HttpChars.hexValue('9')).isEqualTo(9);
        assertThat(HttpChars.hexValue('a')).isEqualTo(10);
        assertThat(HttpChars.hexValue('F')).isEqualTo(15);
        assertThat(HttpChars.hexValue('g')).isEqualTo(-1);
        assertThat(HttpChars.hexValue('\u0660')).isEqualTo(-1); // a Unicode digit is not HEXDIG
    }
}
