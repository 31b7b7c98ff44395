package io.jwsgi.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

class JwsgiPropertiesTests {

    private final JwsgiProperties properties = new JwsgiProperties();

    @Test
    void defaultsAreEnabledAtRootWithoutValidatorOrDiagnostics() {
        assertThat(this.properties.isEnabled()).isTrue();
        assertThat(this.properties.getPath()).isEqualTo("/");
        assertThat(this.properties.getApps()).isEmpty();
        assertThat(this.properties.isValidate()).isFalse();
        assertThat(this.properties.isErrorDiagnostics()).isFalse();
        assertThat(this.properties.getMaxRequestBody()).isEqualTo(DataSize.ofMegabytes(10));
    }

    @Test
    void setPathNormalizesAndValidates() {
        this.properties.setPath("/wsgi/");
        assertThat(this.properties.getPath()).isEqualTo("/wsgi");
        assertThatIllegalArgumentException().isThrownBy(() -> this.properties.setPath("wsgi"));
    }

    @Test
    void appPathIsValidatedToo() {
        JwsgiProperties.App app = new JwsgiProperties.App();
        assertThat(app.getPath()).isNull();
        app.setPath("/shop/");
        assertThat(app.getPath()).isEqualTo("/shop");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> app.setPath("/shop/*"))
                .withMessageContaining("jwsgi.apps.<name>.path");
    }

    @Test
    void maxRequestBodyMustNotBeNull() {
        assertThatNullPointerException().isThrownBy(() -> this.properties.setMaxRequestBody(null));
    }
}
