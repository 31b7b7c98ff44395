package io.jwsgi.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jwsgi.Environ;
import io.jwsgi.Header;
import io.jwsgi.util.Util;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HttpTest {

    private static Map<String, Object> post(String contentType) {
        Map<String, Object> environ = new HashMap<>();
        environ.put(Environ.REQUEST_METHOD, "POST");
        environ.put(Environ.CONTENT_TYPE, contentType);
        Util.setupTestingDefaults(environ);
        return environ;
    }

    private static Map<String, Object> withBody(String contentLength, byte[] body) {
        Map<String, Object> environ = post("text/plain");
        environ.put(Environ.WSGI_INPUT, new ByteArrayInputStream(body));
        if (contentLength == null) {
            environ.remove(Environ.CONTENT_LENGTH);
        } else {
            environ.put(Environ.CONTENT_LENGTH, contentLength);
        }
        return environ;
    }

    @Test
    void readsExactlyContentLengthBytes() throws Exception {
        byte[] body = "hello, and more".getBytes(StandardCharsets.US_ASCII);
        assertThat(Http.readBody(withBody("5", body), 100)).isEqualTo("hello".getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void refusesADeclaredBodyOverTheLimitWith413() throws Exception {
        assertThatThrownBy(() -> Http.readBody(withBody("101", new byte[101]), 100))
                .isInstanceOfSatisfying(
                        HttpError.class, e -> assertThat(e.status()).isEqualTo(413));
        assertThat(Http.readBody(withBody("100", new byte[100]), 100)).hasSize(100);
    }

    @Test
    void refusesAMalformedContentLengthWith400() {
        for (String bad : List.of("abc", "-1", "1.5")) {
            assertThatThrownBy(() -> Http.readBody(withBody(bad, new byte[0]), 100))
                    .isInstanceOfSatisfying(
                            HttpError.class, e -> assertThat(e.status()).isEqualTo(400));
        }
    }

    @Test
    void readsNoBodyWithoutContentLengthUnlessTheInputIsTerminated() throws Exception {
        Map<String, Object> environ = withBody(null, new byte[] {1, 2, 3});
        assertThat(Http.readBody(environ, 100)).isEmpty();

        environ = withBody(null, new byte[] {1, 2, 3});
        environ.put(Environ.WSGI_INPUT_TERMINATED, Boolean.TRUE);
        assertThat(Http.readBody(environ, 100)).containsExactly(1, 2, 3);

        Map<String, Object> tooLong = withBody(null, new byte[101]);
        tooLong.put(Environ.WSGI_INPUT_TERMINATED, Boolean.TRUE);
        assertThatThrownBy(() -> Http.readBody(tooLong, 100))
                .isInstanceOfSatisfying(
                        HttpError.class, e -> assertThat(e.status()).isEqualTo(413));
    }

    @Test
    void givesTheMediaTypeWithoutParameters() {
        Map<String, Object> environ = post("Application/JSON ; charset=UTF-8");
        assertThat(Http.mediaType(environ)).isEqualTo("application/json");
        environ.remove(Environ.CONTENT_TYPE);
        assertThat(Http.mediaType(environ)).isEmpty();
    }

    @Test
    void quotesEveryByteOutsideUnreservedAndSlash() {
        assertThat(Http.quotePath("/a-b_c.d~e/f g\"<\u00c3\u00a9")).isEqualTo("/a-b_c.d~e/f%20g%22%3C%C3%A9");
        assertThatThrownBy(() -> Http.quotePath("/\u20ac")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void startsWithTypeLengthAndNosniffThenTheExtraHeaders() throws Exception {
        List<Object> started = new ArrayList<>();
        Iterable<byte[]> body = Http.send(
                (status, headers, excInfo) -> {
                    started.add(status);
                    started.addAll(headers);
                    return data -> {};
                },
                201,
                "text/plain; charset=utf-8",
                "é",
                List.of(Header.of("Location", "/x")));
        assertThat(started)
                .containsExactly(
                        "201 Created",
                        new Header("Content-Type", "text/plain; charset=utf-8"),
                        new Header("Content-Length", "2"),
                        new Header("X-Content-Type-Options", "nosniff"),
                        new Header("Location", "/x"));
        assertThat(body).containsExactly("é".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void parsesTheQueryStringAndRefusesAMalformedOne() throws Exception {
        Map<String, Object> environ = post("text/plain");
        environ.put(Environ.QUERY_STRING, "limit=5&before=a%20b&limit=6&caf\u00c3\u00a9=1");
        assertThat(Http.query(environ))
                .containsExactly(Map.entry("limit", "5"), Map.entry("before", "a b"), Map.entry("café", "1"));
        environ.put(Environ.QUERY_STRING, "");
        assertThat(Http.query(environ)).isEmpty();
        environ.put(Environ.QUERY_STRING, "limit=%zz");
        assertThatThrownBy(() -> Http.query(environ))
                .isInstanceOfSatisfying(
                        HttpError.class, e -> assertThat(e.status()).isEqualTo(400));
    }

    @Test
    void knowsTheReasonPhrasesItUses() {
        assertThat(Http.status(303)).isEqualTo("303 See Other");
        assertThat(Http.status(503)).isEqualTo("503 Service Unavailable");
        assertThatThrownBy(() -> Http.status(418)).isInstanceOf(IllegalArgumentException.class);
    }
}
