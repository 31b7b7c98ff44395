package io.jwsgi.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jwsgi.Environ;
import io.jwsgi.util.Util;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RequestsTest {

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
        assertThat(Requests.readBody(withBody("5", body), 100)).isEqualTo("hello".getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void refusesADeclaredBodyOverTheLimitWith413() throws Exception {
        assertThatThrownBy(() -> Requests.readBody(withBody("101", new byte[101]), 100))
                .isInstanceOfSatisfying(
                        HttpError.class, e -> assertThat(e.status()).isEqualTo(413));
        assertThat(Requests.readBody(withBody("100", new byte[100]), 100)).hasSize(100);
    }

    @Test
    void refusesAMalformedContentLengthWith400() {
        for (String bad : List.of("abc", "-1", "1.5")) {
            assertThatThrownBy(() -> Requests.readBody(withBody(bad, new byte[0]), 100))
                    .isInstanceOfSatisfying(
                            HttpError.class, e -> assertThat(e.status()).isEqualTo(400));
        }
    }

    @Test
    void readsNoBodyWithoutContentLengthUnlessTheInputIsTerminated() throws Exception {
        Map<String, Object> environ = withBody(null, new byte[] {1, 2, 3});
        assertThat(Requests.readBody(environ, 100)).isEmpty();

        environ = withBody(null, new byte[] {1, 2, 3});
        environ.put(Environ.WSGI_INPUT_TERMINATED, Boolean.TRUE);
        assertThat(Requests.readBody(environ, 100)).containsExactly(1, 2, 3);

        Map<String, Object> tooLong = withBody(null, new byte[101]);
        tooLong.put(Environ.WSGI_INPUT_TERMINATED, Boolean.TRUE);
        assertThatThrownBy(() -> Requests.readBody(tooLong, 100))
                .isInstanceOfSatisfying(
                        HttpError.class, e -> assertThat(e.status()).isEqualTo(413));
    }

    @Test
    void givesTheMediaTypeWithoutParameters() {
        Map<String, Object> environ = post("Application/JSON ; charset=UTF-8");
        assertThat(Requests.mediaType(environ)).isEqualTo("application/json");
        environ.remove(Environ.CONTENT_TYPE);
        assertThat(Requests.mediaType(environ)).isEmpty();
    }

    @Test
    void parsesTheQueryStringAndRefusesAMalformedOne() throws Exception {
        Map<String, Object> environ = post("text/plain");
        environ.put(Environ.QUERY_STRING, "limit=5&before=a%20b&limit=6&caf\u00c3\u00a9=1");
        assertThat(Requests.query(environ))
                .containsExactly(Map.entry("limit", "5"), Map.entry("before", "a b"), Map.entry("café", "1"));
        environ.put(Environ.QUERY_STRING, "");
        assertThat(Requests.query(environ)).isEmpty();
        environ.put(Environ.QUERY_STRING, "limit=%zz");
        assertThatThrownBy(() -> Requests.query(environ))
                .isInstanceOfSatisfying(
                        HttpError.class, e -> assertThat(e.status()).isEqualTo(400));
    }
}
