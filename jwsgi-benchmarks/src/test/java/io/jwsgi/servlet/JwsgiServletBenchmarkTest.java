package io.jwsgi.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import io.jwsgi.benchmarks.BaseHandlerBenchmark;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletResponse;

/** Runs the benchmark method once, untimed, to check it answers what it claims to. */
class JwsgiServletBenchmarkTest {

    @Test
    void servesTheHelloWorld() throws Exception {
        JwsgiServletBenchmark benchmark = new JwsgiServletBenchmark();
        for (int i = 0; i < 2; i++) { // the same servlet and request, request after request
            MockHttpServletResponse response = benchmark.helloWorld();
            assertThat(response.getStatus()).isEqualTo(200);
            assertThat(response.getContentAsByteArray()).isEqualTo(BaseHandlerBenchmark.HELLO);
            assertThat(response.getHeader("Content-Length"))
                    .isEqualTo(Integer.toString(BaseHandlerBenchmark.HELLO.length));
        }
    }
}
