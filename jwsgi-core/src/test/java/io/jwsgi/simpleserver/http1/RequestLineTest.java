package io.jwsgi.simpleserver.http1;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RequestLineTest {

    @Test
    void parsesTheThreeParts() throws Exception {
        RequestLine l = RequestLine.parse("GET /a?b HTTP/1.1");
        assertThat(l.method()).isEqualTo("GET");
        assertThat(l.target()).isEqualTo("/a?b");
        assertThat(l.version()).isEqualTo("HTTP/1.1");
        assertThat(l.isHttp11()).isTrue();
        assertThat(l.raw()).isEqualTo("GET /a?b HTTP/1.1");
        assertThat(RequestLine.parse("POST / HTTP/1.0").isHttp11()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "OPTIONS * HTTP/1.1",
                "CONNECT example.com:443 HTTP/1.1",
                "CONNECT [::1]:443 HTTP/1.1",
                "GET http://example.com/p?q HTTP/1.1",
                "GET https://user@example.com HTTP/1.1",
                "GET /caf\u00c3\u00a9 HTTP/1.1",
                "M-SEARCH / HTTP/1.1",
                "PROPFIND / HTTP/1.1"
            })
    void acceptsEveryTargetForm(String line) throws Exception {
        assertThat(RequestLine.parse(line).raw()).isEqualTo(line);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "GET / HTTP/1.1 ",
                "GET  / HTTP/1.1",
                "GET /",
                "GET HTTP/1.1",
                "get / HTTP/1.1",
                "-bl / HTTP/1.1",
                "GE / HTTP/1.1",
                "ABCDEFGHIJKLMNOPQRSTU / HTTP/1.1",
                "bla:rgh / HTTP/1.1",
                "GET\u0000 / HTTP/1.1",
                "GET /a\u0001 HTTP/1.1",
                "GET /a\u007f HTTP/1.1",
                "GET * HTTP/1.1",
                "GET example.com:443 HTTP/1.1",
                "GET foo/bar HTTP/1.1",
                "CONNECT /x HTTP/1.1",
                "CONNECT example.com HTTP/1.1",
                "PUT s://]ufd/: HTTP/1.1",
                "GET http:///p HTTP/1.1",
                "GET / HTTP/0.99",
                "GET / http/1.1",
                "GET / HTTP/1.1\r"
            })
    void refusesMalformedLinesWith400(String line) {
        assertThatThrownBy(() -> RequestLine.parse(line))
                .isInstanceOfSatisfying(
                        RequestException.class, e -> assertThat(e.status()).isEqualTo(400));
    }

    @ParameterizedTest
    @ValueSource(strings = {"GET / HTTP/2.0", "GET / HTTP/1.2", "GET / HTTP/0.9"})
    void refusesOtherWellFormedVersionsWith505(String line) {
        assertThatThrownBy(() -> RequestLine.parse(line))
                .isInstanceOfSatisfying(
                        RequestException.class, e -> assertThat(e.status()).isEqualTo(505));
    }
}
