package io.jwsgi.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.jwsgi.Application;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * One application at the root of a Spring MVC application with Actuator, over real HTTP: the
 * application answers what MVC does not, MVC and Actuator keep their paths on the same port.
 */
@SpringBootTest(
        classes = JwsgiServletTests.RootApp.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"jwsgi.max-request-body=1KB", "management.endpoints.web.exposure.include=health,jwsgi,metrics"})
class JwsgiServletTests {

    static final AtomicInteger CALLS = new AtomicInteger();

    private final HttpClient client =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @LocalServerPort
    int port;

    @Test
    void rootApplicationAnswersPathsThatSpringMvcDoesNotHandle() throws Exception {
        Map<String, String> env =
                TestApps.parseEcho(get("/some/where?a=1&b=%20").body());
        assertThat(env)
                .containsEntry("SCRIPT_NAME", "")
                .containsEntry("PATH_INFO", "/some/where")
                .containsEntry("QUERY_STRING", "a=1&b=%20")
                .containsEntry("REQUEST_METHOD", "GET")
                .containsEntry("SERVER_PROTOCOL", "HTTP/1.1")
                .containsEntry("SERVER_PORT", Integer.toString(this.port))
                .containsEntry("REMOTE_ADDR", "127.0.0.1")
                .containsEntry("REMOTE_HOST", "")
                .containsKey("REMOTE_PORT")
                .containsEntry("GATEWAY_INTERFACE", "CGI/1.1")
                .containsEntry("HTTP_HOST", "127.0.0.1:" + this.port)
                .containsEntry("wsgi.url_scheme", "http")
                .containsEntry("wsgi.multithread", "true")
                .containsEntry("wsgi.multiprocess", "false")
                .containsEntry("wsgi.run_once", "false")
                .containsEntry("wsgi.input_terminated", "true")
                .containsKey("SERVER_SOFTWARE")
                .doesNotContainKey("HTTPS");
        assertThat(env.get("jwsgi.servlet_request")).startsWith("@");
        assertThat(env.get("jwsgi.servlet_response")).startsWith("@");
        // one PrintStream per application (a subclass whose close() keeps it open for other requests)
        assertThat(PrintStream.class.isAssignableFrom(
                        Class.forName(env.get("wsgi.errors").substring(1))))
                .isTrue();
        assertThat(env.get("wsgi.version")).startsWith("@java.util");
    }

    @Test
    void actuatorHealthAnswersOnTheSamePort() throws Exception {
        HttpResponse<byte[]> response = get("/actuator/health");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).contains("\"status\":\"UP\"");
    }

    @Test
    void controllerKeepsItsPath() throws Exception {
        HttpResponse<byte[]> response = get("/mvc/hello");
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo("from mvc");
        assertThat(TestApps.parseEcho(get("/mvc/other").body())).containsEntry("PATH_INFO", "/mvc/other");
    }

    @Test
    void pathInfoIsPercentDecodedToBytesInAString() throws Exception {
        Map<String, String> env = TestApps.parseEcho(get("/caf%C3%A9/a%2Bb").body());
        assertThat(env).containsEntry("PATH_INFO", "/caf\u00c3\u00a9/a+b");
    }

    @Test
    void rawNonAsciiBytesInThePathAreRefusedByTheContainer() throws Exception {
        // RFC 9112 allows no raw bytes above 0x7F in a request-target; Tomcat and Jetty answer 400.
        int before = CALLS.get();
        byte[] request = "GET /\u00c3\u00a0k HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n"
                .getBytes(StandardCharsets.ISO_8859_1);
        assertThat(new String(TestApps.raw(this.port, request), StandardCharsets.ISO_8859_1))
                .startsWith("HTTP/1.1 400 ");
        assertThat(CALLS.get()).isEqualTo(before);
    }

    @Test
    void doubledSlashesAreKeptAsSentOrRefusedByJetty() throws Exception {
        String request = "GET //a//b HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n";
        if (TestApps.onJetty()) {
            // Jetty 12's default URI compliance refuses an ambiguous empty segment with 400.
            assertThat(new String(
                            TestApps.raw(this.port, request.getBytes(StandardCharsets.US_ASCII)),
                            StandardCharsets.ISO_8859_1))
                    .startsWith("HTTP/1.1 400 ");
        } else {
            assertThat(TestApps.rawEcho(this.port, request)).containsEntry("PATH_INFO", "//a//b");
        }
    }

    @Test
    void headersBecomeHttpVariablesJoinedWithCommasAndUnderscoreNamesAreDropped() throws Exception {
        String request = ("GET /h HTTP/1.1\r\nHost: h\r\nX-Multi: a\r\nX-Multi: b\r\nX_Sneaky: s\r\n"
                + "Content-Type: text/x-test\r\nUser-Agent: raw\r\nConnection: close\r\n\r\n");
        Map<String, String> env = TestApps.rawEcho(this.port, request);
        assertThat(env)
                .containsEntry("HTTP_X_MULTI", "a,b")
                .containsEntry("CONTENT_TYPE", "text/x-test")
                .containsEntry("CONTENT_LENGTH", "")
                .containsEntry("HTTP_USER_AGENT", "raw")
                .containsEntry("HTTP_CONNECTION", "close")
                .doesNotContainKeys("HTTP_X_SNEAKY", "HTTP_CONTENT_TYPE");
    }

    @Test
    void contentTypeDefaultsToTextPlainLikeWsgiref() throws Exception {
        assertThat(TestApps.parseEcho(get("/").body())).containsEntry("CONTENT_TYPE", "text/plain");
    }

    @Test
    void requestBodyIsReadThroughWsgiInput() throws Exception {
        HttpResponse<byte[]> response = this.client.send(
                HttpRequest.newBuilder(uri("/post"))
                        .POST(HttpRequest.BodyPublishers.ofString("name=value"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(TestApps.parseEcho(response.body()))
                .containsEntry("REQUEST_METHOD", "POST")
                .containsEntry("CONTENT_LENGTH", "10")
                .containsEntry("CONTENT_TYPE", "application/x-www-form-urlencoded")
                .containsEntry("body", "name=value");
    }

    @Test
    void chunkedRequestBodyEndsAtItsEnd() throws Exception {
        String request = ("POST /c HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
                + "5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n");
        Map<String, String> env = TestApps.rawEcho(this.port, request);
        assertThat(env).containsEntry("body", "hello world").containsEntry("HTTP_TRANSFER_ENCODING", "chunked");
    }

    @Test
    void declaredBodyOverTheLimitIsRefusedBeforeTheApplicationRuns() throws Exception {
        int before = CALLS.get();
        HttpResponse<byte[]> response = this.client.send(
                HttpRequest.newBuilder(uri("/big"))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[2048]))
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(CALLS.get()).isEqualTo(before);
    }

    @Test
    void chunkedBodyOverTheLimitFailsTheReadWith413() throws Exception {
        String chunk = "400\r\n" + "x".repeat(1024) + "\r\n";
        byte[] request = ("POST /c HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
                        + chunk + chunk + "0\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        String response = new String(TestApps.raw(this.port, request), StandardCharsets.ISO_8859_1);
        assertThat(response).startsWith("HTTP/1.1 413 ");
    }

    @Test
    void applicationPathPatternIsTheUriOfHttpServerRequests() throws Exception {
        get("/pattern/check");
        HttpResponse<byte[]> metric = get("/actuator/metrics/http.server.requests?tag=uri:/**");
        assertThat(metric.statusCode()).isEqualTo(200);
    }

    @Test
    void jwsgiTimerCountsRequestsTaggedWithTheApplication() throws Exception {
        get("/timed");
        HttpResponse<byte[]> metric =
                get("/actuator/metrics/jwsgi.requests?tag=app:echo&tag=method:GET&tag=status:200&tag=outcome:SUCCESS"
                        + "&tag=exception:none");
        assertThat(metric.statusCode()).isEqualTo(200);
        assertThat(new String(metric.body(), StandardCharsets.UTF_8)).contains("\"statistic\":\"COUNT\"");
        assertThat(get("/actuator/metrics/jwsgi.requests.active?tag=app:echo").statusCode())
                .isEqualTo(200);
    }

    @Test
    void jwsgiEndpointListsTheMountedApplications() throws Exception {
        HttpResponse<byte[]> response = get("/actuator/jwsgi");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(new String(response.body(), StandardCharsets.UTF_8))
                .contains("\"name\":\"echo\"")
                .contains("\"path\":\"/\"")
                .contains("\"servlet\":\"jwsgi-echo\"")
                .contains("\"maxRequestBody\":1024");
    }

    @Test
    void scriptNameIsContextPathPlusMountPath() throws Exception {
        try (TestServer server =
                TestServer.start(RootApp.class, "server.servlet.context-path=/ctx", "jwsgi.path=/shop")) {
            Map<String, String> env = TestApps.rawEcho(
                    server.port, "GET /ctx/shop/a%20b?q HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n");
            assertThat(env)
                    .containsEntry("SCRIPT_NAME", "/ctx/shop")
                    .containsEntry("PATH_INFO", "/a b")
                    .containsEntry("QUERY_STRING", "q");
            assertThat(TestApps.rawEcho(server.port, "GET /ctx/shop HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n"))
                    .containsEntry("SCRIPT_NAME", "/ctx/shop")
                    .containsEntry("PATH_INFO", "");
        }
    }

    @Test
    void secureRequestSetsHttpsAndTheScheme() throws Exception {
        // Behind a TLS-terminating proxy on 127.0.0.1 the container trusts X-Forwarded-Proto and
        // reports the request as secure, exactly as for a TLS connector.
        try (TestServer server = TestServer.start(RootApp.class, "server.forward-headers-strategy=native")) {
            Map<String, String> env = TestApps.rawEcho(
                    server.port, "GET /s HTTP/1.1\r\nHost: h\r\nX-Forwarded-Proto: https\r\nConnection: close\r\n\r\n");
            assertThat(env).containsEntry("HTTPS", "on").containsEntry("wsgi.url_scheme", "https");
        }
    }

    @Test
    void remoteUserAndAuthTypeComeFromTheContainer() throws Exception {
        try (TestServer server = TestServer.start(AuthenticatedApp.class)) {
            Map<String, String> env = TestApps.rawEcho(
                    server.port, "GET /who HTTP/1.1\r\nHost: h\r\nX-User: alice\r\nConnection: close\r\n\r\n");
            assertThat(env).containsEntry("REMOTE_USER", "alice").containsEntry("AUTH_TYPE", "BASIC");
            assertThat(TestApps.rawEcho(server.port, "GET /who HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n"))
                    .doesNotContainKeys("REMOTE_USER", "AUTH_TYPE");
        }
    }

    private HttpResponse<byte[]> get(String path) throws IOException, InterruptedException {
        return this.client.send(
                HttpRequest.newBuilder(uri(path))
                        .timeout(Duration.ofSeconds(10))
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + this.port + path);
    }

    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class RootApp {

        @Bean
        Application echo() {
            Application echo = TestApps.echo();
            return (environ, startResponse) -> {
                CALLS.incrementAndGet();
                return echo.call(environ, startResponse);
            };
        }

        @Bean
        MvcController mvcController() {
            return new MvcController();
        }
    }

    /** The echo application behind a filter that authenticates like a security filter chain does. */
    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class AuthenticatedApp {

        @Bean
        Application echo() {
            return TestApps.echo();
        }

        @Bean
        FilterRegistrationBean<Filter> authentication() {
            Filter filter = (request, response, chain) -> {
                HttpServletRequest http = (HttpServletRequest) request;
                String user = http.getHeader("X-User");
                chain.doFilter(
                        user == null
                                ? request
                                : new HttpServletRequestWrapper(http) {
                                    @Override
                                    public String getRemoteUser() {
                                        return user;
                                    }

                                    @Override
                                    public String getAuthType() {
                                        return HttpServletRequest.BASIC_AUTH;
                                    }
                                },
                        response);
            };
            return new FilterRegistrationBean<>(filter);
        }
    }

    @RestController
    static class MvcController {
        @GetMapping("/mvc/hello")
        String hello() {
            return "from mvc";
        }
    }
}
