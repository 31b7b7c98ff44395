package io.jwsgi.simpleserver;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Runs the benchmark methods, untimed, to check they do the work they claim to measure. */
class StandaloneServerBenchmarkTest {

    private final StandaloneServerBenchmark benchmark = new StandaloneServerBenchmark();

    @BeforeEach
    void setUp() throws Exception {
        benchmark.setUp();
    }

    @AfterEach
    void tearDown() {
        benchmark.tearDown();
    }

    @Test
    void getEnvironBuildsTheBrowserRequestsVariables() {
        assertThat(benchmark.getEnviron())
                .containsEntry("REQUEST_METHOD", "GET")
                .containsEntry("PATH_INFO", "/articles/2026/jwsgi-released")
                .containsEntry("QUERY_STRING", "ref=home")
                .containsEntry("SERVER_PROTOCOL", "HTTP/1.1")
                .containsEntry("REMOTE_ADDR", "127.0.0.1")
                .containsEntry("HTTP_HOST", "www.example.org")
                .containsEntry("HTTP_COOKIE", "session=4f2a9c1e7b; theme=dark");
    }

    @Test
    void serveBrowserGetAnswersTheRequestEachCall() throws Exception {
        for (int i = 0; i < 2; i++) {
            String response = benchmark.serveBrowserGet().toString(StandardCharsets.ISO_8859_1);
            assertThat(response)
                    .startsWith("HTTP/1.1 200 OK\r\n")
                    .contains("Content-Length: 14\r\n")
                    .endsWith("\r\n\r\nHello, world!\n");
        }
    }
}
