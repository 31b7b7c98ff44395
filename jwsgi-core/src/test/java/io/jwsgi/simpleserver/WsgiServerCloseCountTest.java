package io.jwsgi.simpleserver;

import static org.assertj.core.api.Assertions.assertThat;

import io.jwsgi.Environ;
import io.jwsgi.Header;
import io.jwsgi.StartResponse;
import io.jwsgi.testfixtures.CloseCounter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The result's {@code close()} under load: 64 connections send 50,000 requests of every kind
 * (normal, bodies fixed and chunked, HEAD, pipelined, application failures before and after
 * {@code startResponse} and inside the iteration, clients that reset mid-body and mid-response,
 * a body over the limit, a body that stops halfway until the body timeout), and once the load settles every result the application returned was
 * closed exactly once: calls == closes, none active, none closed twice.
 */
class WsgiServerCloseCountTest {

    private static final int CONNECTIONS = 64;
    private static final int REQUESTS = 50_000;
    private static final int LIMIT = 4096;

    private final CloseCounter counter = new CloseCounter();

    @Test
    void everyResultIsClosedExactlyOnceUnderLoad() throws Exception {
        ServerLimits limits = ServerLimits.builder()
                .maxBodyBytes(LIMIT)
                .maxConnections(CONNECTIONS * 2)
                .bodyTimeout(Duration.ofMillis(300))
                .build();
        long started = System.nanoTime();
        try (RunningServer server = new RunningServer(this::app, limits, QuietHandler::new)) {
            ExecutorService clients = Executors.newFixedThreadPool(CONNECTIONS);
            try {
                List<Future<Long>> done = new ArrayList<>();
                for (int c = 0; c < CONNECTIONS; c++) {
                    int client = c;
                    done.add(clients.submit(() -> drive(server, client)));
                }
                long sent = 0;
                for (Future<Long> f : done) {
                    sent += f.get();
                }
                assertThat(sent).isGreaterThanOrEqualTo(REQUESTS);
            } finally {
                clients.shutdownNow();
            }
            System.out.printf(
                    "close count: right after the last response, %d results, %d closes%n",
                    counter.calls(), counter.closes());
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (counter.closes() != counter.calls() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            System.out.printf(
                    "close count: %d requests, %d results, %d closes, %d closed twice in %d ms%n",
                    REQUESTS,
                    counter.calls(),
                    counter.closes(),
                    counter.doubleCloses(),
                    (System.nanoTime() - started) / 1_000_000);
            assertThat(counter.closes()).as("closes").isEqualTo(counter.calls());
            assertThat(counter.calls() - counter.closes()).as("active").isZero();
            assertThat(counter.doubleCloses()).as("results closed twice").isZero();
        }
    }

    /** A request handler whose tracebacks (a quarter of the requests fail on purpose) go nowhere. */
    private static final class QuietHandler extends WsgiRequestHandler {
        private static final PrintStream NOWHERE = new PrintStream(OutputStream.nullOutputStream());

        QuietHandler(Socket socket, WsgiServer server) {
            super(socket, server);
        }

        @Override
        public PrintStream getStderr() {
            return NOWHERE;
        }
    }

    /** One connection's share of the load; reconnects whenever a request ends its connection. */
    private long drive(RunningServer server, int client) throws IOException {
        int share = REQUESTS / CONNECTIONS + (client < REQUESTS % CONNECTIONS ? 1 : 0);
        TestClient conn = server.client();
        try {
            if (client % 4 == 0) {
                // a body that stops halfway while the client stays: the body timeout ends it (408)
                conn.send("POST /echo HTTP/1.1\r\nHost: localhost\r\nContent-Length: 10\r\n\r\nabc");
                assertThat(conn.read().status()).isEqualTo(408);
                conn.close();
                conn = server.client();
            }
            for (int i = 0; i < share; i++) {
                int kind = (i * 7 + client) % 16;
                if (!request(conn, kind)) {
                    conn.close();
                    conn = server.client();
                }
            }
        } finally {
            conn.close();
        }
        return share;
    }

    /** Sends one request of the given kind; false if the connection ended with it. */
    private static boolean request(TestClient conn, int kind) throws IOException {
        String host = " HTTP/1.1\r\nHost: localhost\r\n";
        switch (kind) {
            case 0 -> {
                conn.send("POST /echo" + host + "Content-Length: 5\r\n\r\nhello");
                assertThat(conn.read().text()).isEqualTo("hello");
            }
            case 1 -> {
                conn.send("POST /echo" + host + "Transfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n");
                assertThat(conn.read().text()).isEqualTo("abc");
            }
            case 2 -> {
                conn.send("HEAD /hello" + host + "\r\n");
                assertThat(conn.read(true).status()).isEqualTo(200);
            }
            case 3 -> {
                conn.send("GET /hello" + host + "\r\nGET /stream" + host + "\r\n");
                assertThat(conn.read().status()).isEqualTo(200);
                assertThat(conn.read().body()).hasSize(64 * 1024);
            }
            case 4 -> {
                conn.send("GET /throw-before" + host + "\r\n");
                assertThat(conn.read().status()).isEqualTo(500);
                return false;
            }
            case 5 -> {
                conn.send("GET /throw-in-iteration" + host + "\r\n");
                conn.read(true);
                return false; // cut: the server closes
            }
            case 6 -> {
                conn.send("POST /echo" + host + "Content-Length: 1000\r\n\r\n" + "x".repeat(10));
                conn.reset(); // gone mid-body
                return false;
            }
            case 7 -> {
                conn.send("GET /stream" + host + "\r\n");
                conn.reset(); // gone before (or while) the response arrives
                return false;
            }
            case 8 -> {
                conn.send("POST /echo" + host + "Content-Length: " + (LIMIT + 1) + "\r\n\r\n");
                assertThat(conn.read().status()).isEqualTo(413);
                return false;
            }
            case 9 -> {
                conn.send("POST /echo" + host + "Transfer-Encoding: chunked\r\n\r\n" + Integer.toHexString(LIMIT + 1)
                        + "\r\n" + "y".repeat(LIMIT + 1) + "\r\n0\r\n\r\n");
                assertThat(conn.read().status()).isEqualTo(413);
                return false;
            }
            case 10 -> {
                conn.send("POST /echo" + host + "Expect: 100-continue\r\nContent-Length: 2\r\n\r\nok");
                TestClient.Response r = conn.read();
                if (r.status() == 100) {
                    r = conn.read();
                }
                assertThat(r.text()).isEqualTo("ok");
            }
            case 11 -> {
                conn.send("GET /throw-after-start" + host + "\r\n");
                assertThat(conn.read().status()).isEqualTo(500);
                return false;
            }
            default -> {
                conn.send("GET /hello" + host + "\r\n");
                assertThat(conn.read().text()).isEqualTo("hello");
            }
        }
        return true;
    }

    private Iterable<byte[]> app(Map<String, Object> environ, StartResponse start) throws Exception {
        List<Header> text = List.of(Header.of("Content-Type", "text/plain"));
        String path = (String) environ.get(Environ.PATH_INFO);
        switch (path) {
            case "/echo" -> {
                byte[] body = ((InputStream) environ.get(Environ.WSGI_INPUT)).readAllBytes();
                start.start("200 OK", text);
                return counter.result(() -> body, 1, null);
            }
            case "/stream" -> {
                start.start("200 OK", text);
                byte[] kib = new byte[1024];
                return counter.result(() -> kib, 64, null);
            }
            case "/throw-before" -> {
                byte[] none = new byte[0];
                return counter.result(() -> none, 1, () -> {
                    throw new IllegalStateException("boom before startResponse");
                });
            }
            case "/throw-after-start" -> {
                start.start("200 OK", text);
                return counter.result(() -> new byte[0], 0, () -> {
                    throw new IllegalStateException("boom after startResponse");
                });
            }
            case "/throw-in-iteration" -> {
                start.start("200 OK", text);
                byte[] first = "first".getBytes(StandardCharsets.ISO_8859_1);
                return counter.result(() -> first, 1, () -> {
                    throw new IllegalStateException("boom in iteration");
                });
            }
            default -> {
                start.start("200 OK", text);
                byte[] hello = "hello".getBytes(StandardCharsets.ISO_8859_1);
                return counter.result(() -> hello, 1, null);
            }
        }
    }
}
