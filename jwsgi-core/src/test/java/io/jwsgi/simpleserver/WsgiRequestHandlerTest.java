package io.jwsgi.simpleserver;

import static org.assertj.core.api.Assertions.assertThat;

import io.jwsgi.Application;
import io.jwsgi.Header;
import io.jwsgi.simpleserver.http1.Wire;
import io.jwsgi.testfixtures.ConformanceEcho;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class WsgiRequestHandlerTest {

    /** Records the environ of the last request and answers with its body and path. */
    private static final class Recorder implements Application {
        final AtomicReference<Map<String, Object>> environ = new AtomicReference<>();

        @Override
        public Iterable<byte[]> call(Map<String, Object> env, io.jwsgi.StartResponse startResponse) throws Exception {
            byte[] body = ConformanceEcho.readBody(env);
            environ.set(env);
            startResponse.start("200 OK", List.of(Header.of("Content-Type", "text/plain")));
            return List.of((env.get("PATH_INFO") + ":" + Wire.text(body)).getBytes(StandardCharsets.ISO_8859_1));
        }
    }

    @Test
    void environMatchesWsgirefKeyByKey() throws Exception {
        Recorder app = new Recorder();
        try (RunningServer s = new RunningServer(app);
                TestClient c = s.client()) {
            c.send("GET /a%20b/caf%C3%A9?x=%20y HTTP/1.1\r\nHost: h\r\nX-Dup: 1\r\nx-dup:  2 \r\n"
                    + "Accept: */*\r\n\r\n");
            assertThat(c.read().status()).isEqualTo(200);
            Map<String, Object> env = app.environ.get();
            assertThat(env)
                    .containsEntry("REQUEST_METHOD", "GET")
                    .containsEntry("SCRIPT_NAME", "")
                    .containsEntry("PATH_INFO", "/a b/caf\u00c3\u00a9")
                    .containsEntry("QUERY_STRING", "x=%20y")
                    .containsEntry("SERVER_PROTOCOL", "HTTP/1.1")
                    .containsEntry("SERVER_SOFTWARE", SimpleServer.SERVER_VERSION)
                    .containsEntry("SERVER_PORT", Integer.toString(s.port()))
                    .containsEntry("SERVER_NAME", s.server.getServerName())
                    .containsEntry("GATEWAY_INTERFACE", "CGI/1.1")
                    .containsEntry("REMOTE_ADDR", "127.0.0.1")
                    .containsEntry("REMOTE_HOST", "")
                    .containsEntry("CONTENT_TYPE", "text/plain")
                    .containsEntry("CONTENT_LENGTH", "")
                    .containsEntry("HTTP_HOST", "h")
                    .containsEntry("HTTP_X_DUP", "1,2")
                    .containsEntry("HTTP_ACCEPT", "*/*")
                    .containsEntry("wsgi.url_scheme", "http")
                    .containsEntry("wsgi.version", List.of(1, 0))
                    .containsEntry("wsgi.multithread", true)
                    .containsEntry("wsgi.multiprocess", false)
                    .containsEntry("wsgi.run_once", false)
                    .containsEntry("wsgi.input_terminated", true)
                    .containsKey("wsgi.file_wrapper")
                    .containsKey("REMOTE_PORT");
            assertThat(env.get("wsgi.input")).isInstanceOf(InputStream.class);
            assertThat(env.get("wsgi.errors")).isSameAs(System.err);
        }
    }

    @Test
    void contentHeadersGoToCgiKeysAndUnderscoreNamesNeverReachTheEnviron() throws Exception {
        Recorder app = new Recorder();
        try (RunningServer s = new RunningServer(app);
                TestClient c = s.client()) {
            c.send("POST /p HTTP/1.1\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                    + "Content-Length: 3\r\nFoo_Bar: evil\r\nPath-Info: /spoof\r\n\r\nabc");
            assertThat(c.read().text()).isEqualTo("/p:abc");
            Map<String, Object> env = app.environ.get();
            assertThat(env)
                    .containsEntry("CONTENT_TYPE", "application/x-www-form-urlencoded")
                    .containsEntry("CONTENT_LENGTH", "3")
                    .containsEntry("PATH_INFO", "/p")
                    .doesNotContainKeys("HTTP_CONTENT_TYPE", "HTTP_CONTENT_LENGTH", "HTTP_FOO_BAR", "HTTP_PATH_INFO");
        }
    }

    /** Values stripped like Python's str.strip(), as wsgiref; the path kept as sent (unlike http.server). */
    @Test
    void valuesAreStrippedAsWsgirefDoesAndLeadingSlashesAreKept() throws Exception {
        Recorder app = new Recorder();
        try (RunningServer s = new RunningServer(app);
                TestClient c = s.client()) {
            c.send("GET ///evil.example//x HTTP/1.1\r\nX-Nbsp: \u00a0a\u00a0b\u0085\r\nX-Tab: \tv\t\r\n\r\n");
            c.read();
            assertThat(app.environ.get())
                    .containsEntry("PATH_INFO", "///evil.example//x")
                    .containsEntry("HTTP_X_NBSP", "a\u00a0b")
                    .containsEntry("HTTP_X_TAB", "v");
        }
    }

    @Test
    void absoluteFormIsReducedToItsPath() throws Exception {
        Recorder app = new Recorder();
        try (RunningServer s = new RunningServer(app);
                TestClient c = s.client()) {
            c.send("GET http://example.com/x/y?q#frag HTTP/1.1\r\n\r\n");
            c.read();
            assertThat(app.environ.get()).containsEntry("PATH_INFO", "/x/y").containsEntry("QUERY_STRING", "q");
        }
    }

    @Test
    void subclassesCanExtendTheEnvironAndTheLog() throws Exception {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        PrintStream stderr = new PrintStream(log, true, StandardCharsets.UTF_8);
        Recorder app = new Recorder();
        WsgiRequestHandler.Factory handlers =
                (Socket socket, WsgiServer server) -> new WsgiRequestHandler(socket, server) {
                    @Override
                    public Map<String, Object> getEnviron() {
                        Map<String, Object> env = super.getEnviron();
                        env.put("myapp.tenant", "blue");
                        return env;
                    }

                    @Override
                    public PrintStream getStderr() {
                        return stderr;
                    }
                };
        try (RunningServer s = new RunningServer(app, ServerLimits.defaults(), handlers);
                TestClient c = s.client()) {
            s.server.setLogRequests(true);
            c.send("GET /logged HTTP/1.1\r\n\r\n");
            c.read();
            c.send("GET /bad\u0001 HTTP/1.1\r\n\r\n");
            assertThat(c.read().status()).isEqualTo(400);
            assertThat(app.environ.get()).containsEntry("myapp.tenant", "blue");
            assertThat(app.environ.get().get("wsgi.errors")).isSameAs(stderr);
        }
        String[] lines = log.toString(StandardCharsets.UTF_8).split("\n");
        assertThat(lines[0])
                .matches("127\\.0\\.0\\.1 - - \\[\\d\\d/\\w{3}/\\d{4} \\d\\d:\\d\\d:\\d\\d\\] "
                        + "\"GET /logged HTTP/1\\.1\" 200 8");
        assertThat(lines[1]).contains("code 400, message control character in request-target");
        assertThat(lines[2]).endsWith("\"GET /bad\\x01 HTTP/1.1\" 400 -");
    }

    @Test
    void theAccessLogIsOffWhenSwitchedOff() throws Exception {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        PrintStream stderr = new PrintStream(log, true, StandardCharsets.UTF_8);
        WsgiRequestHandler.Factory handlers = (socket, server) -> new WsgiRequestHandler(socket, server) {
            @Override
            public PrintStream getStderr() {
                return stderr;
            }
        };
        try (RunningServer s = new RunningServer(new Recorder(), ServerLimits.defaults(), handlers);
                TestClient c = s.client()) {
            c.send("GET / HTTP/1.1\r\n\r\n");
            c.read();
        }
        assertThat(log.size()).isZero();
    }

    @Test
    void keepAliveServesSeveralRequestsOnOneConnection() throws Exception {
        Map<Integer, Boolean> ports = new ConcurrentHashMap<>();
        Application app = (env, sr) -> {
            ports.put(Integer.parseInt((String) env.get("REMOTE_PORT")), true);
            sr.start("200 OK", List.of());
            return List.of(Wire.bytes("ok"));
        };
        try (RunningServer s = new RunningServer(app);
                TestClient c = s.client()) {
            for (int i = 0; i < 3; i++) {
                c.send("GET /" + i + " HTTP/1.1\r\n\r\n");
                TestClient.Response r = c.read();
                assertThat(r.text()).isEqualTo("ok");
                assertThat(r.header("Connection")).isNull();
            }
            assertThat(ports).hasSize(1);
        }
    }

    @Test
    void pipelinedRequestsInOneSegmentAreAnsweredInOrder() throws Exception {
        try (RunningServer s = new RunningServer(new Recorder());
                TestClient c = s.client()) {
            c.send("POST /1 HTTP/1.1\r\nContent-Length: 2\r\n\r\nab"
                    + "POST /2 HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n1\r\nc\r\n0\r\nX-T: 1\r\n\r\n"
                    + "GET /3 HTTP/1.1\r\nConnection: close\r\n\r\n");
            assertThat(c.read().text()).isEqualTo("/1:ab");
            assertThat(c.read().text()).isEqualTo("/2:c");
            TestClient.Response last = c.read();
            assertThat(last.text()).isEqualTo("/3:");
            assertThat(last.header("Connection")).isEqualTo("close");
            assertThat(c.closedByServer()).isTrue();
        }
    }

    @Test
    void anUnreadBodyIsDrainedBeforeTheNextRequestWithinTheLimit() throws Exception {
        Application ignoresBody = (env, sr) -> {
            sr.start("200 OK", List.of());
            return List.of(Wire.bytes((String) env.get("PATH_INFO")));
        };
        ServerLimits limits = ServerLimits.builder().maxDrainBytes(4).build();
        try (RunningServer s = new RunningServer(ignoresBody, limits);
                TestClient c = s.client()) {
            c.send("POST /a HTTP/1.1\r\nContent-Length: 4\r\n\r\nGET GET /b HTTP/1.1\r\n\r\n");
            assertThat(c.read().text()).isEqualTo("/a");
            assertThat(c.read().text()).isEqualTo("/b");
            c.send("POST /c HTTP/1.1\r\nContent-Length: 5\r\n\r\n12345");
            assertThat(c.read().text()).isEqualTo("/c");
            assertThat(c.closedByServer()).isTrue();
        }
    }

    @Test
    void http10ClosesUnlessKeepAliveIsAsked() throws Exception {
        try (RunningServer s = new RunningServer(new Recorder())) {
            try (TestClient c = s.client()) {
                c.send("GET /x HTTP/1.0\r\n\r\n");
                TestClient.Response r = c.read();
                assertThat(r.statusLine()).startsWith("HTTP/1.1 200");
                assertThat(r.header("Connection")).isEqualTo("close");
                assertThat(c.closedByServer()).isTrue();
            }
            try (TestClient c = s.client()) {
                c.send("GET /y HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
                assertThat(c.read().header("Connection")).isEqualTo("keep-alive");
                c.send("GET /z HTTP/1.0\r\n\r\n");
                assertThat(c.read().text()).isEqualTo("/z:");
                assertThat(c.closedByServer()).isTrue();
            }
        }
    }

    @Test
    void expectContinueIsSentOnlyWhenTheApplicationReads() throws Exception {
        try (RunningServer s = new RunningServer(new Recorder());
                TestClient c = s.client()) {
            c.send("POST /r HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: 3\r\n\r\n");
            TestClient.Response interim = c.read();
            assertThat(interim.statusLine()).isEqualTo("HTTP/1.1 100 Continue");
            c.send("abc");
            assertThat(c.read().text()).isEqualTo("/r:abc");
        }
        Application ignoresBody = (env, sr) -> {
            sr.start("403 Forbidden", List.of());
            return List.of(Wire.bytes("no"));
        };
        try (RunningServer s = new RunningServer(ignoresBody);
                TestClient c = s.client()) {
            c.send("POST /r HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: 3\r\n\r\n");
            TestClient.Response r = c.read();
            assertThat(r.status()).isEqualTo(403);
            assertThat(r.header("Connection")).isEqualTo("close");
            assertThat(c.closedByServer()).isTrue();
        }
    }

    private static TestClient.Response refused(RunningServer s, String raw) throws Exception {
        try (TestClient c = s.client()) {
            c.send(raw);
            TestClient.Response r = c.read();
            assertThat(r.header("Connection")).isEqualTo("close");
            assertThat(c.closedByServer())
                    .as("connection closed after %s", r.statusLine())
                    .isTrue();
            return r;
        }
    }

    @Test
    void malformedRequestsGet400AndAClosedConnectionBeforeTheAppRuns() throws Exception {
        Recorder app = new Recorder();
        try (RunningServer s = new RunningServer(app)) {
            for (String raw : List.of(
                    "GET / HTTP/1.1\r\nContent-Length: 1\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
                    "POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n",
                    "GET / HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 1\r\n\r\nx",
                    "GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n",
                    "GET / HTTP/1.1\r\nX : y\r\n\r\n",
                    "GET / HTTP/1.1\r\nX: a\rb\r\n\r\n",
                    "GET / HTTP/1.1\r\nX: y\r\n folded\r\n\r\n",
                    "get / HTTP/1.1\r\n\r\n")) {
                TestClient.Response r = refused(s, raw);
                assertThat(r.status()).as(raw).isEqualTo(400);
                assertThat(r.text()).isEqualTo("Bad Request\n");
            }
            assertThat(refused(s, "GET / HTTP/2.0\r\n\r\n").status()).isEqualTo(505);
            assertThat(refused(s, "POST / HTTP/1.1\r\nTransfer-Encoding: br, chunked\r\n\r\n")
                            .status())
                    .isEqualTo(501);
            assertThat(app.environ.get()).isNull();
        }
    }

    @Test
    void aBadChunkFoundWhileTheAppReadsIs400() throws Exception {
        try (RunningServer s = new RunningServer(new Recorder())) {
            TestClient.Response r =
                    refused(s, "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\nzz\r\n\r\n");
            assertThat(r.status()).isEqualTo(400);
        }
    }

    @Test
    void requestLineAtTheLimitPassesOnePastIs414() throws Exception {
        ServerLimits limits = ServerLimits.builder().maxRequestLineBytes(32).build();
        String path = "/" + "a".repeat(32 - "GET  HTTP/1.1".length() - 1);
        try (RunningServer s = new RunningServer(new Recorder(), limits)) {
            try (TestClient c = s.client()) {
                c.send("GET " + path + " HTTP/1.1\r\n\r\n");
                assertThat(c.read().status()).isEqualTo(200);
            }
            assertThat(refused(s, "GET " + path + "a HTTP/1.1\r\n\r\n").status())
                    .isEqualTo(414);
        }
    }

    @Test
    void headerBytesAndFieldsAtTheLimitPassOnePastIs431() throws Exception {
        ServerLimits limits =
                ServerLimits.builder().maxHeaderBytes(16).maxHeaderFields(2).build();
        try (RunningServer s = new RunningServer(new Recorder(), limits)) {
            try (TestClient c = s.client()) {
                c.send("GET / HTTP/1.1\r\nA: 1\r\nB: 234\r\n\r\n"); // 6 + 8 + 2 = 16 bytes
                assertThat(c.read().status()).isEqualTo(200);
            }
            assertThat(refused(s, "GET / HTTP/1.1\r\nA: 1\r\nB: 2345\r\n\r\n").status())
                    .isEqualTo(431);
            assertThat(refused(s, "GET / HTTP/1.1\r\nA:\r\nB:\r\nC:\r\n\r\n").status())
                    .isEqualTo(431);
        }
    }

    @Test
    void bodyAtTheLimitPassesOnePastIs413() throws Exception {
        ServerLimits limits = ServerLimits.builder().maxBodyBytes(4).build();
        try (RunningServer s = new RunningServer(new Recorder(), limits)) {
            try (TestClient c = s.client()) {
                c.send("POST / HTTP/1.1\r\nContent-Length: 4\r\n\r\nabcd");
                assertThat(c.read().text()).isEqualTo("/:abcd");
                c.send("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n4\r\nabcd\r\n0\r\n\r\n");
                assertThat(c.read().text()).isEqualTo("/:abcd");
            }
            assertThat(refused(s, "POST / HTTP/1.1\r\nContent-Length: 5\r\n\r\nabcde")
                            .status())
                    .isEqualTo(413);
            assertThat(refused(s, "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nabcde\r\n0\r\n\r\n")
                            .status())
                    .isEqualTo(413);
        }
    }

    @Test
    void aClientTooSlowToSendItsHeadersGets408() throws Exception {
        ServerLimits limits =
                ServerLimits.builder().headerTimeout(Duration.ofMillis(300)).build();
        try (RunningServer s = new RunningServer(new Recorder(), limits);
                TestClient c = s.client()) {
            c.send("GET / HTTP/1.1\r\nX: 1\r\n");
            TestClient.Response r = c.read();
            assertThat(r.status()).isEqualTo(408);
            assertThat(c.closedByServer()).isTrue();
        }
    }

    @Test
    void aSilentBodyGets408() throws Exception {
        ServerLimits limits =
                ServerLimits.builder().bodyTimeout(Duration.ofMillis(300)).build();
        try (RunningServer s = new RunningServer(new Recorder(), limits);
                TestClient c = s.client()) {
            c.send("POST / HTTP/1.1\r\nContent-Length: 10\r\n\r\nabc");
            assertThat(c.read().status()).isEqualTo(408);
            assertThat(c.closedByServer()).isTrue();
        }
    }

    @Test
    void anIdleKeepAliveConnectionIsClosedAfterTheIdleTimeout() throws Exception {
        ServerLimits limits =
                ServerLimits.builder().idleTimeout(Duration.ofMillis(300)).build();
        try (RunningServer s = new RunningServer(new Recorder(), limits);
                TestClient c = s.client()) {
            c.send("GET / HTTP/1.1\r\n\r\n");
            assertThat(c.read().status()).isEqualTo(200);
            assertThat(c.closedByServer()).isTrue();
        }
    }
}
