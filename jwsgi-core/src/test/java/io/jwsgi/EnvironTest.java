package io.jwsgi;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EnvironTest {

    /** Python's {@code str.isspace()} over chars 0-255, written out as its documentation lists them. */
    private static boolean pythonSpace(char c) {
        return " \t\n\u000b\f\r\u001c\u001d\u001e\u001f\u0085\u00a0".indexOf(c) >= 0;
    }

    @Test
    void stripHeaderValueStripsWhatPythonStripsAndNothingElse() {
        for (char c = 0; c <= 0xFF; c++) {
            String padded = c + "v" + c + "w" + c;
            String expected = pythonSpace(c) ? "v" + c + "w" : padded;
            assertThat(Environ.stripHeaderValue(padded))
                    .as("char 0x%02x", (int) c)
                    .isEqualTo(expected);
        }
        assertThat(Environ.stripHeaderValue("")).isEmpty();
        assertThat(Environ.stripHeaderValue(" \u00a0\t")).isEmpty();
        String untouched = "no-space";
        assertThat(Environ.stripHeaderValue(untouched)).isSameAs(untouched);
    }
}
