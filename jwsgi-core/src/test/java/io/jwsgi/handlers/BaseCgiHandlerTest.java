package io.jwsgi.handlers;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.jwsgi.Header;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** BaseCgiHandler: a SimpleHandler that speaks CGI (testCGIEnviron and the gateway preamble). */
class BaseCgiHandlerTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final PrintStream stderr = new PrintStream(new ByteArrayOutputStream(), true, UTF_8);

    @Test
    void anEmptyRequestStillGetsSchemeInputAndErrors() throws IOException {
        BaseCgiHandler h = new BaseCgiHandler(InputStream.nullInputStream(), out, stderr, Map.of());
        h.setupEnviron();
        assertThat(h.environ).containsKeys("wsgi.url_scheme", "wsgi.input", "wsgi.errors");
    }

    @ParameterizedTest
    @ValueSource(strings = {"HTTP/0.9", "HTTP/1.0", "HTTP/1.1"})
    void theResponseStartsWithAStatusHeaderWithoutDateOrServer(String protocol) {
        BaseCgiHandler h = new BaseCgiHandler(
                InputStream.nullInputStream(), out, stderr, Map.of("SERVER_PROTOCOL", protocol), false, true);
        h.serverSoftware = "FooBar/1.0";
        h.run((environ, start) -> {
            start.start("404 Not Found", List.of(Header.of("Content-Type", "text/plain")));
            return List.of("nope".getBytes(ISO_8859_1));
        });
        assertThat(out.toString(ISO_8859_1))
                .isEqualTo("Status: 404 Not Found\r\nContent-Type: text/plain\r\nContent-Length: 4\r\n\r\nnope");
    }

    @Test
    void theConstructorsOnlyTurnOffTheOriginServer() throws IOException {
        BaseCgiHandler defaults = new BaseCgiHandler(InputStream.nullInputStream(), out, stderr, Map.of());
        defaults.setupEnviron();
        assertThat(defaults.originServer).isFalse();
        assertThat(defaults.environ)
                .containsEntry("wsgi.multithread", true)
                .containsEntry("wsgi.multiprocess", false)
                .containsEntry("wsgi.run_once", false);

        BaseCgiHandler chosen = new BaseCgiHandler(InputStream.nullInputStream(), out, stderr, Map.of(), false, true);
        chosen.setupEnviron();
        assertThat(chosen.environ).containsEntry("wsgi.multithread", false).containsEntry("wsgi.multiprocess", true);
    }
}
