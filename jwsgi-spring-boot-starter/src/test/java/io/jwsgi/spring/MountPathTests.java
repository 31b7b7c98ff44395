package io.jwsgi.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class MountPathTests {

    @ParameterizedTest
    @CsvSource({"/,/", "/shop,/shop", "/shop/,/shop", "/a/b-c.d~e,/a/b-c.d~e"})
    void normalizeDropsTrailingSlash(String path, String normalized) {
        assertThat(MountPath.normalize("p", path)).isEqualTo(normalized);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "", "shop", "/a//b", "/a/./b", "/a/../b", "/a b", "/a%20b", "/a/*", "/a?b", "/a#b", "/a;b", "/\u00e9"
            })
    void normalizeRefusesAnythingButAPlainPath(String path) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> MountPath.normalize("jwsgi.path", path))
                .withMessageContaining("jwsgi.path");
    }

    @ParameterizedTest
    @CsvSource({"/,/,/**", "/shop,/shop/*,/shop/**"})
    void mappingAndPatternFollowThePath(String path, String mapping, String pattern) {
        assertThat(MountPath.servletMapping(path)).isEqualTo(mapping);
        assertThat(MountPath.pattern(path)).isEqualTo(pattern);
    }
}
