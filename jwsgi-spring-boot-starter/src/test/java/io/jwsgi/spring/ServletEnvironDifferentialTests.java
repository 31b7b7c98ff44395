package io.jwsgi.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.jwsgi.Application;
import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The same requests, byte for byte, to jwsgi's standalone server and to the servlet bridge: their
 * environs must agree key by key, apart from {@code SERVER_SOFTWARE}, {@code SERVER_PORT}, {@code
 * REMOTE_PORT}, the bridge's {@code jwsgi.*} extensions and the process environment that the
 * standalone server copies in (as wsgiref does) and the bridge does not.
 */
class ServletEnvironDifferentialTests {

    private static Standalone standalone;
    private static TestServer bridge;

    @BeforeAll
    static void start() throws IOException {
        standalone = Standalone.start(TestApps.echo());
        bridge = TestServer.start(EchoAtRoot.class);
    }

    @AfterAll
    static void stop() {
        bridge.close();
        standalone.close();
    }

    static Stream<Arguments> requests() {
        String host = "Host: example.test\r\n";
        String close = "Connection: close\r\n\r\n";
        return Stream.of(
                Arguments.of("root", "GET / HTTP/1.1\r\n" + host + close),
                Arguments.of(
                        "query and headers",
                        "GET /a/b?x=1&y=%20&z HTTP/1.1\r\n" + host + "Accept: text/html\r\nX-Multi: a\r\n"
                                + "X-Multi: b\r\nUser-Agent: differential/1.0\r\n" + close),
                Arguments.of("percent-encoded path", "GET /caf%C3%A9/%2B/a%20b?q=%C3%A9 HTTP/1.1\r\n" + host + close),
                Arguments.of(
                        "body with length",
                        "POST /form HTTP/1.1\r\n" + host + "Content-Type: application/x-www-form-urlencoded\r\n"
                                + "Content-Length: 7\r\nConnection: close\r\n\r\na=1&b=2"),
                Arguments.of(
                        "chunked body",
                        "PUT /up HTTP/1.1\r\n" + host + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
                                + "3\r\nabc\r\n0\r\n\r\n"),
                Arguments.of(
                        "underscore header dropped",
                        "GET /u HTTP/1.1\r\n" + host + "X_Forwarded_For: 6.6.6.6\r\n" + close),
                Arguments.of(
                        "header named like a CGI key", "GET /c HTTP/1.1\r\n" + host + "Script-Name: /evil\r\n" + close),
                Arguments.of("HTTP/1.0", "GET /old HTTP/1.0\r\n" + host + "\r\n"),
                Arguments.of("obs-text header value", "GET /t HTTP/1.1\r\n" + host + "X-Latin: caf\u00e9\r\n" + close));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("requests")
    void bridgeEnvironEqualsStandaloneEnviron(String name, String request) throws IOException {
        Map<String, String> expected = comparable(TestApps.rawEcho(standalone.port(), request));
        Map<String, String> actual = comparable(TestApps.rawEcho(bridge.port, request));
        assertThat(actual).isEqualTo(expected);
    }

    /** The environ minus what legitimately differs; objects compared by presence only. */
    private static Map<String, String> comparable(Map<String, String> env) {
        Map<String, String> kept = new TreeMap<>();
        env.forEach((key, value) -> {
            boolean differs = key.equals("SERVER_SOFTWARE")
                    || key.equals("SERVER_PORT")
                    || key.equals("REMOTE_PORT")
                    || key.startsWith("jwsgi.")
                    || System.getenv().containsKey(key);
            if (!differs) {
                kept.put(key, value.startsWith("@") ? "<object>" : value);
            }
        });
        return kept;
    }

    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class EchoAtRoot {
        @Bean
        Application echo() {
            return TestApps.echo();
        }
    }
}
