package io.jwsgi.simpleserver;

import static org.assertj.core.api.Assertions.assertThat;

import io.jwsgi.Environ;
import io.jwsgi.Header;
import io.jwsgi.testfixtures.BadRequests;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Request-smuggling and bad-input cases beyond the gunicorn corpus ({@link BadRequests}, the
 * {@code bad-requests.txt} of jwsgi-test-fixtures) against the standalone server over real
 * sockets: each refused request gets its 4xx (501 for an unknown transfer coding, 505 for an
 * unsupported version) with {@code Connection: close}, the connection is closed, and the
 * request pipelined behind it is never processed; each accepted framing variant is framed exactly
 * as intended, so the request behind it is served as its own.
 */
class WsgiServerSmugglingTest {

    private static final List<String> PATHS = new CopyOnWriteArrayList<>();
    private static RunningServer server;

    @BeforeAll
    static void start() throws IOException {
        ServerLimits limits =
                ServerLimits.builder().maxBodyBytes(BadRequests.MAX_BODY_BYTES).build();
        server = new RunningServer(
                (environ, startResponse) -> {
                    PATHS.add((String) environ.get(Environ.PATH_INFO));
                    byte[] body = ((InputStream) environ.get(Environ.WSGI_INPUT)).readAllBytes();
                    startResponse.start("200 OK", List.of(Header.of("Content-Type", "application/octet-stream")));
                    return List.of(body);
                },
                limits);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void forgetPaths() {
        PATHS.clear();
    }

    static List<BadRequests.Case> cases() {
        return BadRequests.load();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void refusedRequestIsAnsweredAndClosedAndAcceptedOneIsFramedExactly(BadRequests.Case c) throws IOException {
        try (TestClient client = server.client()) {
            sendIgnoringEarlyClose(client, c.request() + BadRequests.SMUGGLED);
            TestClient.Response first = client.read();
            if (c.status() == 200) {
                assertThat(first.status()).isEqualTo(200);
                assertThat(first.text()).as("body the application read").isEqualTo(c.body());
                assertThat(client.read().status()).isEqualTo(200);
                assertThat(PATHS).containsExactly("/a", "/smuggled");
            } else {
                assertThat(first.status()).isEqualTo(c.status());
                assertThat(first.header("Connection")).isEqualToIgnoringCase("close");
                assertThat(PATHS).doesNotContain("/smuggled");
            }
            assertThat(client.closedByServer())
                    .as("connection closed after the response")
                    .isTrue();
        }
    }

    @Test
    void everyCaseFileLineIsACaseWithAKnownStatus() {
        assertThat(cases())
                .hasSizeGreaterThan(90)
                .allSatisfy(c -> assertThat(c.status()).isIn(200, 400, 413, 414, 431, 501, 505));
        assertThat(cases())
                .filteredOn(c -> c.status() == 200)
                .allSatisfy(c -> assertThat(c.body()).isNotNull());
    }

    @Test
    void serverStillServesAfterEveryCase() throws IOException {
        try (TestClient client = server.client()) {
            client.send("GET /after HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
            assertThat(client.read().status()).isEqualTo(200);
        }
    }

    /** Writes the request; the server may answer and close before all of a big one is sent. */
    static void sendIgnoringEarlyClose(TestClient client, String raw) {
        try {
            client.send(raw);
        } catch (IOException e) {
            // refused early: the response is still to be read
        }
    }
}
