package io.jwsgi.spring;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ServletEnvironTests {

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "/plain|/plain",
                "/caf%C3%A9|/caf\u00c3\u00a9",
                "/a%2fb%2Fc|/a/b/c",
                "/100%|/100%",
                "/bad%zzescape|/bad%zzescape",
                "/half%4|/half%4",
                "/%00nul|/\u0000nul",
                "/raw\u00c3\u00a0|/raw\u00c3\u00a0",
                "/utf8\u00e9\u20ac|/utf8\u00e9\u00e2\u0082\u00ac",
                "/plus+%2B|/plus++"
            })
    void decodePathGivesBytesInAString(String raw, String decoded) {
        assertThat(ServletEnviron.decodePath(raw)).isEqualTo(decoded);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {"abc|abc", "caf\u00e9|caf\u00c3\u00a9", "\ud83d\ude00|\u00f0\u009f\u0098\u0080"})
    void bytesInStringIsTheUtf8BytesOneCharEach(String decoded, String bytes) {
        assertThat(ServletEnviron.bytesInString(decoded)).isEqualTo(bytes);
    }
}
