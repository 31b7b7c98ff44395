package io.jwsgi.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Runs the benchmark method once, untimed, to check it builds the environ it claims to. */
class ServletEnvironBenchmarkTest {

    @Test
    void buildsTheCgiVariablesOfTheBrowserRequest() {
        Map<String, String> env = new ServletEnvironBenchmark().cgiVariables();
        assertThat(env)
                .containsEntry("REQUEST_METHOD", "GET")
                .containsEntry("SCRIPT_NAME", "/app")
                .containsEntry("PATH_INFO", "/articles/2026/jwsgi-released")
                .containsEntry("QUERY_STRING", "ref=home")
                .containsEntry("SERVER_PROTOCOL", "HTTP/1.1")
                .containsEntry("HTTP_HOST", "www.example.org")
                .containsEntry("HTTP_COOKIE", "session=4f2a9c1e7b; theme=dark");
        assertThat(env.keySet().stream().filter(k -> k.startsWith("HTTP_"))).hasSize(12);
    }
}
