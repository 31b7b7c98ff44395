package io.jwsgi.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Runs the benchmark method, untimed, to check it serves a whole response every call. */
class BaseHandlerBenchmarkTest {

    @Test
    void helloWorldWritesACompleteResponseEachCall() {
        BaseHandlerBenchmark benchmark = new BaseHandlerBenchmark();
        for (int i = 0; i < 2; i++) {
            String response = benchmark.helloWorld().toString(StandardCharsets.ISO_8859_1);
            assertThat(response)
                    .startsWith("HTTP/1.0 200 OK\r\n")
                    .contains("Content-Type: text/plain; charset=utf-8\r\n", "Content-Length: 14\r\n", "Date: ")
                    .endsWith("\r\n\r\nHello, world!\n");
        }
    }
}
