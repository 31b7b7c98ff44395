package io.jwsgi.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.jwsgi.Application;
import io.jwsgi.Environ;
import io.jwsgi.Header;
import io.jwsgi.StartResponse;
import io.jwsgi.testfixtures.CloseCounter;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The result's {@code close()} through the bridge under load (issue 14, part 2), on the real
 * container of the execution (Tomcat, and Jetty in {@code jetty-test}), with request threads of
 * the platform and, in a second run, virtual threads ({@code spring.threads.virtual.enabled}): 64
 * connections send 50,000 requests (10,000 on virtual threads) of every kind at the root mount (behind the
 * DispatcherServlet and the body guard): normal, bodies fixed and chunked, read by the
 * application before it returns or inside the iteration, HEAD, pipelined, application failures
 * before and after {@code startResponse} and inside the iteration (a cut response, which the
 * servlet reports to the container as an error), clients that reset mid-body and mid-response,
 * bodies over {@code jwsgi.max-request-body} (refused before the application, or failing its read
 * with 413), {@code Expect: 100-continue}, and a body that stops halfway until the container's
 * read timeout. Once the load settles, every result the application returned was closed exactly
 * once: calls == closes, none active, none closed twice.
 */
class JwsgiCloseCountTests {

    static final int CONNECTIONS = 64;
    static final int LIMIT = 4096;

    static final CloseCounter COUNTER = new CloseCounter();

    @ParameterizedTest(name = "virtual threads {0}")
    @ValueSource(booleans = {false, true})
    void everyResultIsClosedExactlyOnceUnderLoad(boolean virtual) throws Exception {
        int requests = virtual ? 10_000 : 50_000;
        COUNTER.reset();
        long started = System.nanoTime();
        try (TestServer server = TestServer.start(
                Counting.class,
                "jwsgi.max-request-body=" + LIMIT + "B",
                "spring.threads.virtual.enabled=" + virtual,
                "server.tomcat.connection-timeout=1s",
                "server.jetty.connection-idle-timeout=1s",
                "server.tomcat.max-keep-alive-requests=-1",
                "logging.level.io.jwsgi.app=OFF",
                "logging.level.org.apache.catalina.core=OFF",
                "logging.level.org.eclipse.jetty=OFF")) {
            ExecutorService clients = Executors.newFixedThreadPool(CONNECTIONS);
            try {
                List<Future<Long>> done = new ArrayList<>();
                for (int c = 0; c < CONNECTIONS; c++) {
                    int client = c;
                    done.add(clients.submit(() -> drive(server.port, client, requests)));
                }
                long sent = 0;
                for (Future<Long> f : done) {
                    sent += f.get();
                }
                assertThat(sent).isGreaterThanOrEqualTo(requests);
            } finally {
                clients.shutdownNow();
            }
            long afterLoad = COUNTER.calls() - COUNTER.closes();
            int behind = closeFollowsTheLastByte(server.port);
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (COUNTER.closes() != COUNTER.calls() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            System.out.printf(
                    "bridge close count (%s, %s threads): %d requests, %d results, %d closes, %d closed twice,"
                            + " %d active right after the last response, in %d ms; sequentially, closes behind"
                            + " calls right after a response %d times of 2,000%n",
                    TestApps.onJetty() ? "Jetty" : "Tomcat",
                    virtual ? "virtual" : "platform",
                    requests,
                    COUNTER.calls(),
                    COUNTER.closes(),
                    COUNTER.doubleCloses(),
                    afterLoad,
                    (System.nanoTime() - started) / 1_000_000,
                    behind);
            assertThat(COUNTER.closes()).as("closes").isEqualTo(COUNTER.calls());
            assertThat(COUNTER.calls() - COUNTER.closes()).as("active").isZero();
            assertThat(COUNTER.doubleCloses()).as("results closed twice").isZero();
        }
    }

    /**
     * 2,000 requests one after the other on one connection for a one-chunk result with a
     * Content-Length: the client has the whole response as soon as the chunk is flushed, and
     * {@code close()} runs after that (as in wsgiref, which closes after the last write). Counts
     * how often the client was first: a counter read the moment a response arrives can be behind
     * by the request in flight, and catches up.
     */
    private static int closeFollowsTheLastByte(int port) throws Exception {
        int behind = 0;
        try (Conn conn = new Conn(port)) {
            for (int i = 0; i < 2_000; i++) {
                conn.send("GET /sized HTTP/1.1\r\nHost: localhost\r\n\r\n");
                assertThat(conn.read(false).text()).isEqualTo("sized");
                if (COUNTER.closes() != COUNTER.calls()) {
                    behind++;
                }
            }
        }
        return behind;
    }

    /** One connection's share of the load; reconnects whenever a request ends its connection. */
    private static long drive(int port, int client, int requests) throws IOException {
        int share = requests / CONNECTIONS + (client < requests % CONNECTIONS ? 1 : 0);
        Conn conn = new Conn(port);
        try {
            if (client % 8 == 0) {
                // a body that stops halfway while the client stays: the container's read timeout
                // fails the application's read inside the iteration
                conn.send("POST /lazy HTTP/1.1\r\nHost: localhost\r\nContent-Length: 10\r\n\r\nabc");
                assertThat(conn.read(false).status).isBetween(400, 599);
                conn.close();
                conn = new Conn(port);
            }
            for (int i = 0; i < share; i++) {
                int kind = (i * 7 + client) % 20;
                if (!request(conn, kind)) {
                    conn.close();
                    conn = new Conn(port);
                }
            }
        } finally {
            conn.close();
        }
        return share;
    }

    /** Sends one request of the given kind; false if the connection ended with it. */
    private static boolean request(Conn conn, int kind) throws IOException {
        String host = " HTTP/1.1\r\nHost: localhost\r\n";
        Response r;
        switch (kind) {
            case 0, 1 -> {
                String path = kind == 0 ? "/echo" : "/lazy";
                conn.send("POST " + path + host + "Content-Type: application/x-www-form-urlencoded\r\n"
                        + "Content-Length: 5\r\n\r\nhello");
                r = conn.read(false);
                assertThat(r.text()).isEqualTo("hello");
            }
            case 2, 3 -> {
                String path = kind == 2 ? "/echo" : "/lazy";
                conn.send("PUT " + path + host + "Transfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n");
                r = conn.read(false);
                assertThat(r.text()).isEqualTo("abc");
            }
            case 4 -> {
                conn.send("HEAD /hello" + host + "\r\n");
                r = conn.read(true);
                assertThat(r.status).isEqualTo(200);
            }
            case 5 -> {
                conn.send("GET /hello" + host + "\r\nGET /stream" + host + "\r\n");
                assertThat(conn.read(false).status).isEqualTo(200);
                r = conn.read(false);
                assertThat(r.body).hasSize(64 * 1024);
            }
            case 6 -> {
                conn.send("GET /throw-before" + host + "\r\n");
                r = conn.read(false);
                assertThat(r.status).isEqualTo(500);
            }
            case 7 -> {
                conn.send("GET /throw-in-iteration" + host + "\r\n");
                conn.drain(); // cut: the container closes the connection
                return false;
            }
            case 8, 9 -> {
                String path = kind == 8 ? "/echo" : "/lazy";
                conn.send("POST " + path + host + "Content-Length: 1000\r\n\r\n" + "x".repeat(10));
                conn.reset(); // gone mid-body
                return false;
            }
            case 10 -> {
                conn.send("GET /stream" + host + "\r\n");
                conn.reset(); // gone before (or while) the response arrives
                return false;
            }
            case 11 -> {
                conn.send("POST /echo" + host + "Content-Length: " + (LIMIT + 1) + "\r\n\r\n");
                r = conn.read(false);
                assertThat(r.status).isEqualTo(413);
                return false;
            }
            case 12, 13 -> {
                String path = kind == 12 ? "/echo" : "/lazy";
                conn.send("POST " + path + host + "Transfer-Encoding: chunked\r\n\r\n" + Integer.toHexString(LIMIT + 1)
                        + "\r\n" + "y".repeat(LIMIT + 1) + "\r\n0\r\n\r\n");
                r = conn.read(false);
                assertThat(r.status).isEqualTo(413);
            }
            case 14 -> {
                conn.send("POST /echo" + host + "Expect: 100-continue\r\nContent-Length: 2\r\n\r\nok");
                r = conn.read(false);
                assertThat(r.text()).isEqualTo("ok");
            }
            case 15 -> {
                conn.send("GET /throw-after-start" + host + "\r\n");
                r = conn.read(false);
                assertThat(r.status).isEqualTo(500);
            }
            default -> {
                conn.send("GET /hello" + host + "\r\n");
                r = conn.read(false);
                assertThat(r.text()).isEqualTo("hello");
            }
        }
        return !r.closes;
    }

    /** The application: every result it returns counts its closes. */
    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class Counting {
        @Bean
        Application counting() {
            return JwsgiCloseCountTests::app;
        }
    }

    static Iterable<byte[]> app(Map<String, Object> environ, StartResponse start) throws Exception {
        List<Header> text = List.of(Header.of("Content-Type", "text/plain"));
        InputStream input = (InputStream) environ.get(Environ.WSGI_INPUT);
        switch ((String) environ.get(Environ.PATH_INFO)) {
            case "/echo" -> {
                byte[] body = input.readAllBytes();
                start.start("200 OK", text);
                return COUNTER.result(() -> body, 1, null);
            }
            case "/lazy" -> {
                // reads the body inside the iteration, after the result was returned
                return COUNTER.result(
                        () -> {
                            byte[] body = input.readAllBytes();
                            start.start("200 OK", text);
                            return body;
                        },
                        1,
                        null);
            }
            case "/sized" -> {
                start.start("200 OK", text);
                return COUNTER.list("sized".getBytes(StandardCharsets.ISO_8859_1));
            }
            case "/stream" -> {
                start.start("200 OK", text);
                byte[] kib = new byte[1024];
                return COUNTER.result(() -> kib, 64, null);
            }
            case "/throw-before" -> {
                return COUNTER.result(() -> new byte[0], 0, () -> {
                    throw new IllegalStateException("boom before startResponse");
                });
            }
            case "/throw-after-start" -> {
                start.start("200 OK", text);
                return COUNTER.result(() -> new byte[0], 0, () -> {
                    throw new IllegalStateException("boom after startResponse");
                });
            }
            case "/throw-in-iteration" -> {
                start.start("200 OK", text);
                byte[] first = "first".getBytes(StandardCharsets.ISO_8859_1);
                return COUNTER.result(() -> first, 1, () -> {
                    throw new IllegalStateException("boom in iteration");
                });
            }
            default -> {
                start.start("200 OK", text);
                byte[] hello = "hello".getBytes(StandardCharsets.ISO_8859_1);
                return COUNTER.result(() -> hello, 1, null);
            }
        }
    }

    record Response(int status, byte[] body, boolean closes) {
        String text() {
            return new String(this.body, StandardCharsets.ISO_8859_1);
        }
    }

    /** A keep-alive HTTP/1.1 connection to 127.0.0.1 that reads one response at a time. */
    static final class Conn implements AutoCloseable {
        private final Socket socket;
        private final InputStream in;
        private final OutputStream out;

        Conn(int port) throws IOException {
            this.socket = new Socket("127.0.0.1", port);
            this.socket.setSoTimeout(30_000);
            this.socket.setTcpNoDelay(true);
            this.in = new BufferedInputStream(this.socket.getInputStream());
            this.out = this.socket.getOutputStream();
        }

        void send(String request) throws IOException {
            this.out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            this.out.flush();
        }

        /** Reads a response, skipping interim ones; EOF before the status line is an error. */
        Response read(boolean head) throws IOException {
            while (true) {
                String statusLine = line();
                if (statusLine == null) {
                    throw new IOException("connection closed before a response");
                }
                int status = Integer.parseInt(statusLine.substring(9, 12));
                long length = -1;
                boolean chunked = false;
                boolean closes = false;
                for (String h = line(); h != null && !h.isEmpty(); h = line()) {
                    String lower = h.toLowerCase(Locale.ROOT);
                    if (lower.startsWith("content-length:")) {
                        length = Long.parseLong(lower.substring(15).trim());
                    } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                        chunked = true;
                    } else if (lower.startsWith("connection:") && lower.contains("close")) {
                        closes = true;
                    }
                }
                if (status < 200) {
                    continue;
                }
                ByteArrayOutputStream body = new ByteArrayOutputStream();
                if (head) {
                    // no body
                } else if (chunked) {
                    for (int size = Integer.parseInt(line().split(";")[0].trim(), 16);
                            size > 0;
                            size = Integer.parseInt(line().split(";")[0].trim(), 16)) {
                        body.write(this.in.readNBytes(size));
                        line();
                    }
                    for (String t = line(); t != null && !t.isEmpty(); t = line()) {
                        // trailer fields
                    }
                } else if (length >= 0) {
                    body.write(this.in.readNBytes((int) length));
                } else {
                    this.in.transferTo(body);
                    closes = true;
                }
                return new Response(status, body.toByteArray(), closes);
            }
        }

        /** Reads until the server closes the connection (or resets it). */
        void drain() {
            try {
                this.in.transferTo(OutputStream.nullOutputStream());
            } catch (IOException e) {
                // reset: the connection ended either way
            }
        }

        /** Ends the connection with a TCP reset. */
        void reset() throws IOException {
            this.socket.setSoLinger(true, 0);
            this.socket.close();
        }

        private String line() throws IOException {
            StringBuilder s = new StringBuilder();
            for (int b = this.in.read(); b >= 0; b = this.in.read()) {
                if (b == '\n') {
                    int n = s.length();
                    return n > 0 && s.charAt(n - 1) == '\r' ? s.substring(0, n - 1) : s.toString();
                }
                s.append((char) b);
            }
            return s.isEmpty() ? null : s.toString();
        }

        @Override
        public void close() throws IOException {
            this.socket.close();
        }
    }
}
