package io.jwsgi.middleware;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MimeTypesTest {

    @Test
    void mapsExtensionsCaseInsensitively() {
        assertThat(MimeTypes.forFileName("a.HTML")).isEqualTo("text/html; charset=utf-8");
        assertThat(MimeTypes.forFileName("x.tar.gz")).isEqualTo("application/gzip");
        assertThat(MimeTypes.forFileName("logo.svg")).isEqualTo("image/svg+xml");
        assertThat(MimeTypes.forFileName("app.wasm")).isEqualTo("application/wasm");
    }

    @Test
    void fallsBackToOctetStream() {
        assertThat(MimeTypes.forFileName("README")).isEqualTo(MimeTypes.DEFAULT);
        assertThat(MimeTypes.forFileName("x.unknown")).isEqualTo("application/octet-stream");
        assertThat(MimeTypes.forFileName("trailing.")).isEqualTo("application/octet-stream");
    }
}
