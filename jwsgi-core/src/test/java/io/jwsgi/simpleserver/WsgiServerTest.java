package io.jwsgi.simpleserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jwsgi.Application;
import io.jwsgi.Header;
import io.jwsgi.simpleserver.http1.Wire;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class WsgiServerTest {

    private static final Application OK = (env, sr) -> {
        sr.start("200 OK", List.of(Header.of("Content-Type", "text/plain")));
        return List.of(Wire.bytes("ok"));
    };

    /** A body that blocks until released and counts its close() calls. */
    private static final class SlowBody implements Iterable<byte[]>, AutoCloseable {
        final CountDownLatch started = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final AtomicInteger closes = new AtomicInteger();

        @Override
        public Iterator<byte[]> iterator() {
            started.countDown();
            try {
                release.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return List.of(Wire.bytes("late")).iterator();
        }

        @Override
        public void close() {
            closes.incrementAndGet();
        }
    }

    @Test
    void bindsAnEphemeralPortAndSetsUpTheBaseEnvironAsWsgiref() throws Exception {
        try (WsgiServer server = SimpleServer.makeServer("127.0.0.1", 0, OK)) {
            assertThat(server.getServerPort()).isPositive();
            assertThat(server.getApp()).isSameAs(OK);
            assertThat(server.getBaseEnviron())
                    .containsEntry("SERVER_NAME", server.getServerName())
                    .containsEntry("GATEWAY_INTERFACE", "CGI/1.1")
                    .containsEntry("SERVER_PORT", Integer.toString(server.getServerPort()))
                    .containsEntry("REMOTE_HOST", "")
                    .containsEntry("CONTENT_LENGTH", "")
                    .containsEntry("SCRIPT_NAME", "")
                    .hasSize(6);
            assertThat(server.getServerName()).isNotEmpty();
        }
    }

    @Test
    void serveForeverRunsUntilShutdownThenRefusesConnections() throws Exception {
        RunningServer s = new RunningServer(OK);
        try (TestClient c = s.client()) {
            c.send("GET / HTTP/1.1\r\n\r\n");
            assertThat(c.read().text()).isEqualTo("ok");
        }
        s.server.shutdown();
        assertThat(s.stopped(10_000)).isTrue();
        assertThatThrownBy(() -> new Socket("127.0.0.1", s.port()).close()).isInstanceOf(ConnectException.class);
        s.close();
        s.server.close();
        assertThatThrownBy(s.server::serveForever).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void refusesToServeWithoutAnAppOrTwice() throws Exception {
        try (WsgiServer server = new WsgiServer(new InetSocketAddress("127.0.0.1", 0), WsgiRequestHandler::new)) {
            assertThatThrownBy(server::serveForever).hasMessageContaining("setApp");
            assertThatThrownBy(server::handleRequest).hasMessageContaining("setApp");
        }
        try (RunningServer s = new RunningServer(OK)) {
            try (TestClient c = s.client()) {
                c.send("GET / HTTP/1.1\r\n\r\n");
                c.read();
            }
            assertThatThrownBy(s.server::serveForever).hasMessageContaining("already serving");
        }
    }

    @Test
    void handleRequestServesOneRequestInTheCallingThreadThenCloses() throws Exception {
        try (WsgiServer server = SimpleServer.makeServer("127.0.0.1", 0, OK);
                TestClient c = new TestClient(server.getServerPort())) {
            server.setLogRequests(false);
            c.send("GET / HTTP/1.1\r\n\r\nGET / HTTP/1.1\r\n\r\n");
            server.handleRequest();
            TestClient.Response r = c.read();
            assertThat(r.text()).isEqualTo("ok");
            assertThat(r.header("Connection")).isEqualTo("close");
            assertThat(c.closedByServer()).isTrue();
        }
    }

    @Test
    void shutdownLetsAnInFlightRequestFinishAndClosesItsIterableOnce() throws Exception {
        SlowBody body = new SlowBody();
        Application app = (env, sr) -> {
            sr.start("200 OK", List.of());
            return env.get("PATH_INFO").equals("/slow") ? body : List.of(Wire.bytes("quick"));
        };
        RunningServer s = new RunningServer(app);
        try (TestClient busy = s.client();
                TestClient idle = s.client()) {
            idle.send("GET / HTTP/1.1\r\nConnection: keep-alive\r\n\r\n");
            assertThat(idle.read().status()).isEqualTo(200);
            busy.send("GET /slow HTTP/1.1\r\n\r\n");
            assertThat(body.started.await(10, TimeUnit.SECONDS)).isTrue();
            Thread stopper = new Thread(s.server::shutdown);
            stopper.start();
            assertThat(idle.closedByServer())
                    .as("idle keep-alive connection closed at once")
                    .isTrue();
            assertThat(stopper.isAlive())
                    .as("shutdown waits for the request in flight")
                    .isTrue();
            body.release.countDown();
            TestClient.Response r = busy.read();
            assertThat(r.text()).isEqualTo("late");
            assertThat(r.header("Connection")).isEqualTo("close");
            stopper.join(10_000);
            assertThat(stopper.isAlive()).isFalse();
            assertThat(s.stopped(10_000)).isTrue();
        }
        assertThat(body.closes).hasValue(1);
    }

    @Test
    void shutdownClosesRequestsThatOutliveTheShutdownTimeout() throws Exception {
        SlowBody body = new SlowBody();
        Application app = (env, sr) -> {
            sr.start("200 OK", List.of());
            return body;
        };
        ServerLimits limits =
                ServerLimits.builder().shutdownTimeout(Duration.ofMillis(200)).build();
        RunningServer s = new RunningServer(app, limits);
        try (TestClient busy = s.client()) {
            busy.send("GET / HTTP/1.1\r\n\r\n");
            assertThat(body.started.await(10, TimeUnit.SECONDS)).isTrue();
            s.server.shutdown();
            assertThat(busy.closedByServer()).isTrue();
            body.release.countDown();
        }
        for (int i = 0; i < 500 && body.closes.get() == 0; i++) {
            Thread.sleep(10);
        }
        assertThat(body.closes).hasValue(1);
    }

    @Test
    void closeIsIdempotent() throws Exception {
        WsgiServer server = SimpleServer.makeServer("127.0.0.1", 0, OK);
        server.close();
        server.close();
        server.shutdown();
        assertThatThrownBy(server::serveForever).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void hundredsOfIdleConnectionsDoNotStarveANormalRequest() throws Exception {
        List<Socket> idle = new ArrayList<>();
        try (RunningServer s = new RunningServer(OK)) {
            for (int i = 0; i < 200; i++) {
                idle.add(new Socket("127.0.0.1", s.port()));
            }
            idle.get(0).getOutputStream().write(Wire.bytes("GET / HTTP/1.1\r\nX: slow")); // a slow header
            try (TestClient c = s.client()) {
                c.send("GET / HTTP/1.1\r\n\r\n");
                assertThat(c.read().text()).isEqualTo("ok");
            }
        } finally {
            for (Socket socket : idle) {
                socket.close();
            }
        }
    }

    @Test
    void theConnectionLimitQueuesClientsUntilASlotFrees() throws Exception {
        ServerLimits limits = ServerLimits.builder()
                .maxConnections(1)
                .idleTimeout(Duration.ofMillis(200))
                .headerTimeout(Duration.ofMillis(200))
                .build();
        try (RunningServer s = new RunningServer(OK, limits);
                TestClient first = s.client();
                TestClient second = s.client()) {
            second.send("GET / HTTP/1.1\r\n\r\n");
            assertThat(second.read().text()).isEqualTo("ok");
            assertThat(first.closedByServer())
                    .as("the first, silent client timed out")
                    .isTrue();
        }
    }

    @Test
    void servesConnectionsConcurrently() throws Exception {
        CountDownLatch both = new CountDownLatch(2);
        Application app = (env, sr) -> {
            both.countDown();
            boolean met = both.await(10, TimeUnit.SECONDS);
            sr.start("200 OK", List.of());
            return List.of(Wire.bytes(met ? "together" : "alone"));
        };
        ExecutorService pool = WsgiServer.newExecutor(2, "test-");
        try (RunningServer s = new RunningServer(app)) {
            List<Future<String>> answers = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                answers.add(pool.submit(() -> {
                    try (TestClient c = s.client()) {
                        c.send("GET / HTTP/1.1\r\n\r\n");
                        return c.read().text();
                    }
                }));
            }
            for (Future<String> answer : answers) {
                assertThat(answer.get(20, TimeUnit.SECONDS)).isEqualTo("together");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void bindingABusyPortFails() throws IOException {
        try (WsgiServer server = SimpleServer.makeServer("127.0.0.1", 0, OK)) {
            assertThatThrownBy(() -> SimpleServer.makeServer("127.0.0.1", server.getServerPort(), OK))
                    .isInstanceOf(IOException.class);
        }
    }
}
