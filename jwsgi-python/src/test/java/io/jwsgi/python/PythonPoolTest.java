package io.jwsgi.python;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedInputStream;
import java.io.InputStream;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The pool of Contexts: a bounded wait and 503 when it is full, no request seeing another's
 * state, a broken Context replaced.
 */
@Timeout(300)
class PythonPoolTest {

    private static PythonApplication.Builder builder() {
        return PythonApplication.builder("features_app:app").pythonPath(PythonApplicationTest.APPS);
    }

    /**
     * Starts /stream on its own connection and reads its first chunk: from then on the request
     * holds its Context until {@link #finish} sends the body it waits for.
     */
    private static Socket hold(int port) throws Exception {
        Socket socket = WireClient.connect(port);
        socket.getOutputStream()
                .write("POST /stream HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\nConnection: close\r\n\r\n"
                        .getBytes(ISO_8859_1));
        InputStream in = new BufferedInputStream(socket.getInputStream());
        for (String line = WireClient.line(in); !line.equals("first;"); line = WireClient.line(in)) {
            assertThat(line).isNotNull();
        }
        socket.setSoTimeout(WireClient.TIMEOUT_MILLIS);
        return socket;
    }

    private static String finish(Socket socket) throws Exception {
        try (socket) {
            socket.getOutputStream().write("done".getBytes(ISO_8859_1));
            return new String(socket.getInputStream().readAllBytes(), ISO_8859_1);
        }
    }

    @Test
    void aFullPoolAnswers503AndCountsIt() throws Exception {
        try (PythonApplication app = builder().contexts(1).maxWaiting(0).build();
                Served served = new Served(app)) {
            Socket held = hold(served.port());
            WireClient.Response busy = WireClient.exchange(served.port(), WireClient.request("GET", "/environ", null));
            assertThat(busy.status()).isEqualTo(503);
            assertThat(busy.header("Retry-After")).isEqualTo("1");
            assertThat(busy.text()).contains("every Python context is busy");
            assertThat(app.rejected()).isEqualTo(1);
            assertThat(finish(held)).contains("then:done");
            PythonApplicationTest.awaitIdle(app);
            assertThat(WireClient.exchange(served.port(), WireClient.request("GET", "/environ", null))
                            .status())
                    .isEqualTo(200);
            assertThat(app.rejected()).isEqualTo(1);
            assertThat(app.calls()).isEqualTo(2);
        }
    }

    @Test
    void aRequestWaitsForAFreeContextUpToTheTimeout() throws Exception {
        try (PythonApplication app = builder()
                        .contexts(1)
                        .maxWaiting(4)
                        .acquireTimeout(Duration.ofMillis(200))
                        .build();
                Served served = new Served(app)) {
            Socket held = hold(served.port());
            // waits 200 ms for the held Context, then gives up
            assertThat(WireClient.exchange(served.port(), WireClient.request("GET", "/environ", null))
                            .status())
                    .isEqualTo(503);
            assertThat(app.rejected()).isEqualTo(1);
            assertThat(finish(held)).contains("then:done");
        }
        try (PythonApplication app = builder()
                        .contexts(1)
                        .maxWaiting(4)
                        .acquireTimeout(Duration.ofMinutes(5))
                        .build();
                Served served = new Served(app)) {
            Socket held = hold(served.port());
            ExecutorService executor = Executors.newSingleThreadExecutor();
            try {
                Future<WireClient.Response> waiting = executor.submit(
                        () -> WireClient.exchange(served.port(), WireClient.request("POST", "/input/read", "my turn")));
                for (int i = 0; i < 1000 && app.waiting() == 0; i++) {
                    Thread.sleep(10);
                }
                assertThat(app.waiting()).as("requests waiting").isEqualTo(1);
                assertThat(finish(held)).contains("then:done");
                WireClient.Response response = waiting.get();
                assertThat(response.status()).isEqualTo(200);
                assertThat(response.text()).isEqualTo("my turn");
                assertThat(app.rejected()).isZero();
            } finally {
                executor.shutdownNow();
            }
        }
    }

    @Test
    void noRequestSeesAnothersState() throws Exception {
        try (PythonApplication app = builder().contexts(2).build();
                Served served = new Served(app)) {
            ExecutorService executor = Executors.newFixedThreadPool(8);
            try {
                List<Future<List<String>>> futures = new ArrayList<>();
                for (int t = 0; t < 8; t++) {
                    int thread = t;
                    futures.add(executor.submit(() -> {
                        List<String> mismatches = new ArrayList<>();
                        for (int i = 0; i < 25; i++) {
                            String id = thread + "-" + i;
                            String expected = "[\"" + id + "\", \"" + id + "\", \"" + id + "-body\"]";
                            WireClient.Response response = WireClient.exchange(
                                    served.port(),
                                    WireClient.request("POST", "/state?" + id, id + "-body", "X-Token: " + id));
                            if (response.status() != 200 || !response.text().equals(expected)) {
                                mismatches.add(id + " got " + response.status() + " " + response.text());
                            }
                        }
                        return mismatches;
                    }));
                }
                for (Future<List<String>> future : futures) {
                    assertThat(future.get()).isEmpty();
                }
            } finally {
                executor.shutdownNow();
            }
            PythonApplicationTest.awaitIdle(app);
            assertThat(app.calls()).isEqualTo(200);
            assertThat(app.rejected()).isZero();
        }
    }

    @Test
    void aBrokenContextIsReplaced() throws Exception {
        try (PythonApplication app = builder().contexts(2).build();
                Served served = new Served(app)) {
            served.clearErrors();
            WireClient.Response response = WireClient.exchange(served.port(), WireClient.request("GET", "/exit", null));
            assertThat(response.status()).isEqualTo(500);
            for (int i = 0; i < 6000 && app.replacedContexts() == 0; i++) {
                Thread.sleep(10);
            }
            assertThat(app.replacedContexts()).isEqualTo(1);
            PythonApplicationTest.awaitIdle(app);
            assertThat(served.errors())
                    .contains(
                            "jwsgi-python: the Python context of features_app:app broke (",
                            "); a new Context replaces it");
            for (int i = 0; i < 4; i++) {
                assertThat(WireClient.exchange(served.port(), WireClient.request("POST", "/input/read", "alive " + i))
                                .text())
                        .isEqualTo("alive " + i);
            }
        }
    }
}
