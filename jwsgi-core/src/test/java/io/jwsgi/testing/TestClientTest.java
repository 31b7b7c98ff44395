package io.jwsgi.testing;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jwsgi.Application;
import io.jwsgi.Header;
import io.jwsgi.Write;
import io.jwsgi.util.FileWrapper;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class TestClientTest {

    private static final List<Header> TEXT = List.of(new Header("Content-Type", "text/plain; charset=utf-8"));

    /** Answers with the environ's CGI variables and wsgi.url_scheme, one {@code KEY=value} per line. */
    private static final Application ENVIRON_DUMP = (environ, startResponse) -> {
        StringBuilder out = new StringBuilder();
        new TreeMap<>(environ).forEach((k, v) -> {
            if (k.indexOf('.') < 0 || k.equals("wsgi.url_scheme")) {
                out.append(k).append('=').append(v).append('\n');
            }
        });
        startResponse.start("200 OK", List.of(new Header("Content-Type", "text/plain; charset=iso-8859-1")));
        return List.of(out.toString().getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
    };

    private static Map<String, Object> captured(String method, String target, List<Header> headers, byte[] body)
            throws Exception {
        AtomicReference<Map<String, Object>> seen = new AtomicReference<>();
        new TestClient((environ, startResponse) -> {
                    seen.set(Map.copyOf(new TreeMap<>(environ)));
                    return ENVIRON_DUMP.call(environ, startResponse);
                })
                .request(method, target, headers, body);
        return seen.get();
    }

    @Test
    void buildsACompleteEnvironFromAPathTarget() throws Exception {
        Map<String, Object> env = captured("GET", "/caf%C3%A9/x?a=1&b=%20#frag", List.of(), new byte[0]);
        assertThat(env)
                .containsEntry("REQUEST_METHOD", "GET")
                .containsEntry("SCRIPT_NAME", "")
                .containsEntry("PATH_INFO", "/caf\u00c3\u00a9/x")
                .containsEntry("QUERY_STRING", "a=1&b=%20")
                .containsEntry("SERVER_NAME", "localhost")
                .containsEntry("SERVER_PORT", "80")
                .containsEntry("HTTP_HOST", "localhost")
                .containsEntry("SERVER_PROTOCOL", "HTTP/1.1")
                .containsEntry("REMOTE_ADDR", "127.0.0.1")
                .containsEntry("wsgi.url_scheme", "http")
                .containsEntry("wsgi.version", List.of(1, 0))
                .containsEntry("wsgi.input_terminated", Boolean.TRUE)
                .containsEntry("wsgi.file_wrapper", FileWrapper.FACTORY)
                // as the servers give them (wsgiref's base environ and its CONTENT_TYPE default)
                .containsEntry("GATEWAY_INTERFACE", "CGI/1.1")
                .containsEntry("REMOTE_HOST", "")
                .containsEntry("CONTENT_LENGTH", "")
                .containsEntry("CONTENT_TYPE", "text/plain")
                .doesNotContainKeys("HTTPS", "REMOTE_PORT", "SERVER_SOFTWARE");
        assertThat(env.get("wsgi.input")).isInstanceOf(InputStream.class);
        assertThat(env.get("wsgi.errors")).isInstanceOf(PrintStream.class);
    }

    /** The path is text: its UTF-8 bytes, percent-escapes decoded byte by byte, broken ones kept. */
    @Test
    void decodesThePathToBytesInAStringAndKeepsBrokenEscapes() throws Exception {
        assertThat(captured("GET", "/caf%C3%A9%2F%zz%4", List.of(), new byte[0]))
                .containsEntry("PATH_INFO", "/caf\u00c3\u00a9/%zz%4");
        assertThat(captured("GET", "/caf\u00e9", List.of(), new byte[0]))
                .containsEntry("PATH_INFO", "/caf\u00c3\u00a9");
    }

    @Test
    void takesHostPortAndSchemeFromAnAbsoluteTarget() throws Exception {
        Map<String, Object> env = captured("GET", "https://Example.com:8443/p", List.of(), new byte[0]);
        assertThat(env)
                .containsEntry("SERVER_NAME", "example.com")
                .containsEntry("SERVER_PORT", "8443")
                .containsEntry("HTTP_HOST", "example.com:8443")
                .containsEntry("wsgi.url_scheme", "https")
                .containsEntry("HTTPS", "on")
                .containsEntry("PATH_INFO", "/p");
        assertThat(captured("GET", "https://example.com", List.of(), new byte[0]))
                .containsEntry("SERVER_PORT", "443")
                .containsEntry("HTTP_HOST", "example.com")
                .containsEntry("PATH_INFO", "/");
    }

    @Test
    void mapsRequestHeadersToCgiVariables() throws Exception {
        Map<String, Object> env = captured(
                "PUT",
                "/r",
                List.of(
                        new Header("Content-Type", "application/json"),
                        new Header("Content-Length", "999"),
                        new Header("X-Multi", "a"),
                        new Header("x-multi", "b"),
                        new Header("X_Underscore", "dropped"),
                        new Header("Accept", "*/*")),
                "{}".getBytes(UTF_8));
        assertThat(env)
                .containsEntry("CONTENT_TYPE", "application/json")
                .containsEntry("CONTENT_LENGTH", "2")
                .containsEntry("HTTP_X_MULTI", "a,b")
                .containsEntry("HTTP_ACCEPT", "*/*")
                .doesNotContainKeys("HTTP_CONTENT_TYPE", "HTTP_CONTENT_LENGTH", "HTTP_X_UNDERSCORE");
    }

    @Test
    void returnsStatusHeadersBodyAndText() throws Exception {
        Application app = (environ, startResponse) -> {
            startResponse.start(
                    "201 Created",
                    List.of(new Header("Content-Type", "text/plain; charset=ISO-8859-1"), new Header("X-A", "1")));
            return List.of("caf".getBytes(UTF_8), new byte[] {(byte) 0xE9});
        };
        TestResponse response = new TestClient(app).get("/");
        assertThat(response.status()).isEqualTo(201);
        assertThat(response.statusLine()).isEqualTo("201 Created");
        assertThat(response.headers().get("x-a")).isEqualTo("1");
        assertThat(response.body()).containsExactly('c', 'a', 'f', 0xE9);
        assertThat(response.text()).isEqualTo("caf\u00e9");
        assertThat(response.toString()).startsWith("201 Created").endsWith("(4 bytes)");
    }

    @Test
    void textDefaultsToUtf8() {
        assertThat(TestResponse.charset(null)).isEqualTo(UTF_8);
        assertThat(TestResponse.charset("text/plain")).isEqualTo(UTF_8);
        assertThat(TestResponse.charset("text/plain; charset=no-such-charset")).isEqualTo(UTF_8);
        assertThat(TestResponse.charset("text/html; CHARSET=\"utf-16\"").name()).isEqualTo("UTF-16");
    }

    @Test
    void postsABodyThatTheApplicationReads() throws Exception {
        Application echo = (environ, startResponse) -> {
            byte[] body = ((InputStream) environ.get("wsgi.input")).readAllBytes();
            startResponse.start("200 OK", List.of(new Header("Content-Type", (String) environ.get("CONTENT_TYPE"))));
            return List.of(body);
        };
        TestResponse response =
                new TestClient(echo).post("/echo", "text/plain; charset=utf-8", "h\u00e9".getBytes(UTF_8));
        assertThat(response.text()).isEqualTo("h\u00e9");
    }

    @Test
    void collectsWriteCallsBeforeTheReturnedChunksAndErrorsOutput() throws Exception {
        Application app = (environ, startResponse) -> {
            Write write = startResponse.start("200 OK", TEXT);
            write.write("one ".getBytes(UTF_8));
            ((PrintStream) environ.get("wsgi.errors")).print("logged");
            return List.of("two".getBytes(UTF_8));
        };
        TestResponse response = new TestClient(app).get("/");
        assertThat(response.text()).isEqualTo("one two");
        assertThat(response.errors()).isEqualTo("logged");
    }

    @Test
    void closesTheResponseIterable() throws Exception {
        AtomicInteger closes = new AtomicInteger();
        class Body implements Iterable<byte[]>, AutoCloseable {
            @Override
            public Iterator<byte[]> iterator() {
                return List.of("x".getBytes(UTF_8)).iterator();
            }

            @Override
            public void close() {
                closes.incrementAndGet();
            }
        }
        Application app = (environ, startResponse) -> {
            startResponse.start("200 OK", TEXT);
            return new Body();
        };
        new TestClient(app).get("/");
        new TestClient(app).validate(false).get("/");
        assertThat(closes).hasValue(2);
    }

    @Test
    void closesTheResponseIterableWhenIterationFails() {
        AtomicInteger closes = new AtomicInteger();
        class Failing implements Iterable<byte[]>, AutoCloseable {
            @Override
            public Iterator<byte[]> iterator() {
                throw new IllegalStateException("broken body");
            }

            @Override
            public void close() {
                closes.incrementAndGet();
            }
        }
        Application app = (environ, startResponse) -> {
            startResponse.start("200 OK", TEXT);
            return new Failing();
        };
        assertThatThrownBy(() -> new TestClient(app).get("/")).hasMessage("broken body");
        assertThat(closes).hasValue(1);
    }

    @Test
    void validatesByDefaultAndCanBeSwitchedOff() throws Exception {
        Application noContentType = (environ, startResponse) -> {
            startResponse.start("200 OK", List.of());
            return List.of();
        };
        assertThatThrownBy(() -> new TestClient(noContentType).get("/"))
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("No Content-Type header found");
        assertThat(new TestClient(noContentType).validate(false).get("/").status())
                .isEqualTo(200);
    }

    @Test
    void aMissingStartResponseIsReportedEvenWithoutTheValidator() {
        assertThatThrownBy(() ->
                        new TestClient((e, s) -> List.of()).validate(false).get("/"))
                .isInstanceOf(AssertionError.class)
                .hasMessage("The application returned without calling start_response");
    }

    @Test
    void startResponseFollowsPep3333() throws Exception {
        Application twice = (environ, startResponse) -> {
            startResponse.start("200 OK", TEXT);
            startResponse.start("500 Oops", TEXT);
            return List.of();
        };
        assertThatThrownBy(() -> new TestClient(twice).validate(false).get("/"))
                .isInstanceOf(AssertionError.class)
                .hasMessage("start_response called a second time without excInfo");

        Application replaced = (environ, startResponse) -> {
            startResponse.start("200 OK", TEXT);
            startResponse.start("500 Internal Server Error", TEXT, new IllegalStateException("x"));
            return List.of();
        };
        assertThat(new TestClient(replaced).get("/").status()).isEqualTo(500);

        IllegalStateException late = new IllegalStateException("late");
        Application afterBody = (environ, startResponse) -> {
            Write write = startResponse.start("200 OK", TEXT);
            write.write(new byte[] {1});
            startResponse.start("500 Internal Server Error", TEXT, late);
            return List.of();
        };
        assertThatThrownBy(() -> new TestClient(afterBody).get("/")).isSameAs(late);
    }

    @Test
    void propagatesTheApplicationsExceptions() {
        IllegalStateException boom = new IllegalStateException("boom");
        assertThatThrownBy(() -> new TestClient((e, s) -> {
                            throw boom;
                        })
                        .get("/"))
                .isSameAs(boom);
    }

    @Test
    void keepsCookiesPerClient() throws Exception {
        List<Object> cookiesSeen = new ArrayList<>();
        Application app = (environ, startResponse) -> {
            cookiesSeen.add(environ.getOrDefault("HTTP_COOKIE", "-"));
            List<Header> headers = new ArrayList<>(TEXT);
            switch ((String) environ.get("PATH_INFO")) {
                case "/login" -> {
                    headers.add(new Header("Set-Cookie", "session=abc; Path=/; HttpOnly"));
                    headers.add(new Header("Set-Cookie", "theme=dark"));
                }
                case "/logout" -> headers.add(new Header("Set-Cookie", "session=; Max-Age=0"));
                default -> {}
            }
            startResponse.start("200 OK", headers);
            return List.of();
        };
        TestClient client = new TestClient(app);
        client.get("/login");
        client.get("/page");
        client.request("GET", "/page", List.of(new Header("Cookie", "extra=1")), new byte[0]);
        client.get("/logout");
        client.get("/page");
        new TestClient(app).get("/page");
        assertThat(cookiesSeen)
                .containsExactly(
                        "-",
                        "session=abc; theme=dark",
                        "extra=1; session=abc; theme=dark",
                        "session=abc; theme=dark",
                        "theme=dark",
                        "-");
        assertThat(client.cookies()).containsExactly(Map.entry("theme", "dark"));
    }

    /** Redirects /a → /b (with the given status) → /c, which answers with the method and body it got. */
    private static Application redirecting(String status) {
        return (environ, startResponse) -> {
            String path = (String) environ.get("PATH_INFO");
            if (path.equals("/c")) {
                byte[] body = ((InputStream) environ.get("wsgi.input")).readAllBytes();
                startResponse.start("200 OK", TEXT);
                return List.of((environ.get("REQUEST_METHOD") + " " + new String(body, UTF_8) + " "
                                + environ.get("QUERY_STRING"))
                        .getBytes(UTF_8));
            }
            String location = path.equals("/a") ? "b?q=1" : "http://localhost/c";
            startResponse.start(
                    status, List.of(new Header("Location", location), new Header("Content-Type", "text/plain")));
            return List.of();
        };
    }

    @Test
    void doesNotFollowRedirectsByDefault() throws Exception {
        TestResponse response = new TestClient(redirecting("302 Found")).get("/a");
        assertThat(response.status()).isEqualTo(302);
        assertThat(response.headers().get("Location")).isEqualTo("b?q=1");
    }

    @Test
    void followsRedirectsLikeABrowser() throws Exception {
        TestClient client302 = new TestClient(redirecting("302 Found")).followRedirects(true);
        assertThat(client302.get("/a").text()).isEqualTo("GET  ");
        assertThat(client302.post("/a", "text/plain", "data".getBytes(UTF_8)).text())
                .isEqualTo("GET  ");
        TestClient client303 = new TestClient(redirecting("303 See Other")).followRedirects(true);
        assertThat(client303
                        .request("PUT", "/a", List.of(), "data".getBytes(UTF_8))
                        .text())
                .isEqualTo("GET  ");
        TestClient client307 = new TestClient(redirecting("307 Temporary Redirect")).followRedirects(true);
        assertThat(client307.post("/a", "text/plain", "data".getBytes(UTF_8)).text())
                .isEqualTo("POST data ");
        TestClient client308 = new TestClient(redirecting("308 Permanent Redirect")).followRedirects(true);
        assertThat(client308
                        .request("PUT", "/a", List.of(), "d".getBytes(UTF_8))
                        .text())
                .isEqualTo("PUT d ");
    }

    @Test
    void stopsAnEndlessRedirectLoop() {
        Application loop = (environ, startResponse) -> {
            startResponse.start(
                    "302 Found", List.of(new Header("Location", "/again"), new Header("Content-Type", "text/plain")));
            return List.of();
        };
        assertThatThrownBy(() -> new TestClient(loop).followRedirects(true).get("/"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("more than 10 redirects, the last to /again");
    }

    @Test
    void rejectsARelativeTarget() {
        assertThatThrownBy(() -> new TestClient(ENVIRON_DUMP).get("relative"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("a target is a path starting with /");
    }
}
