package io.jwsgi.python.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The pool's meters through Actuator, on a real Tomcat: with one Context and room for one waiting
 * request, a request that holds the Context shows as busy, a second one shows as waiting until its
 * acquire timeout answers it 503, counted in {@code jwsgi.python.rejected}, a third one (the room
 * full) is answered 503 at once, and the Context is idle again once the first one is done.
 */
class PythonPoolMetricsTest {

    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    @Test
    void busyIdleAndRejectedAreMeasured(@TempDir Path dir) throws Exception {
        Path gate = dir.resolve("gate");
        Files.writeString(dir.resolve("held_app.py"), """
                import os, time

                GATE = %s


                def app(environ, start_response):
                    if environ["PATH_INFO"] == "/hold":
                        deadline = time.monotonic() + 60
                        while not os.path.exists(GATE) and time.monotonic() < deadline:
                            time.sleep(0.02)
                    start_response("200 OK", [("Content-Type", "text/plain")])
                    return [b"done\\n"]
                """.formatted(
                        "'" + gate.toString().replace("\\", "\\\\").replace("'", "\\'") + "'"));
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(Empty.class)
                .properties(
                        "server.port=0",
                        "server.address=127.0.0.1",
                        "jwsgi.apps.held.python.app=held_app:app",
                        "jwsgi.apps.held.python.path=" + dir,
                        "jwsgi.apps.held.python.contexts=1",
                        "jwsgi.apps.held.python.max-waiting=1",
                        "jwsgi.apps.held.python.acquire-timeout=15s",
                        "management.endpoints.web.exposure.include=metrics")
                .run()) {
            int port = ((WebServerApplicationContext) context).getWebServer().getPort();
            assertThat(metric(port, "jwsgi.python.contexts?tag=app:held&tag=state:idle"))
                    .contains("\"value\":1.0");

            CompletableFuture<HttpResponse<String>> held = CLIENT.sendAsync(
                    request(port, "/hold"), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            try {
                awaitMetric(
                        port,
                        "jwsgi.python.contexts?tag=app:held&tag=state:busy",
                        body -> body.contains("\"value\":1.0"));
                CompletableFuture<HttpResponse<String>> waiting = CLIENT.sendAsync(
                        request(port, "/waits"), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                awaitMetric(port, "jwsgi.python.waiting?tag=app:held", body -> body.contains("\"value\":1.0"));
                HttpResponse<String> refused = CLIENT.send(
                        request(port, "/other"), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                assertThat(refused.statusCode()).as("no room left to wait").isEqualTo(503);
                assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
                assertThat(refused.body()).contains("every Python context is busy");
                assertThat(metric(port, "jwsgi.python.rejected?tag=app:held")).contains("\"value\":1.0");
                HttpResponse<String> timedOut = waiting.get(60, TimeUnit.SECONDS);
                assertThat(timedOut.statusCode())
                        .as("waited out its acquire timeout")
                        .isEqualTo(503);
                assertThat(metric(port, "jwsgi.python.rejected?tag=app:held")).contains("\"value\":2.0");
                assertThat(metric(port, "jwsgi.python.waiting?tag=app:held")).contains("\"value\":0.0");
            } finally {
                Files.writeString(gate, "open");
            }
            HttpResponse<String> done = held.get(60, TimeUnit.SECONDS);
            assertThat(done.statusCode()).isEqualTo(200);
            assertThat(done.body()).isEqualTo("done\n");
            awaitMetric(
                    port, "jwsgi.python.contexts?tag=app:held&tag=state:idle", body -> body.contains("\"value\":1.0"));
            assertThat(metric(port, "jwsgi.python.contexts?tag=app:held&tag=state:busy"))
                    .contains("\"value\":0.0");
            assertThat(metric(port, "jwsgi.python.contexts.replaced?tag=app:held"))
                    .contains("\"value\":0.0");
            // the starter's timer saw the 200 and the pool's two 503s
            assertThat(metric(port, "jwsgi.requests?tag=app:held&tag=status:503"))
                    .contains("\"statistic\":\"COUNT\",\"value\":2.0");
        }
    }

    private static void awaitMetric(int port, String query, Predicate<String> condition) throws Exception {
        String body = metric(port, query);
        for (int i = 0; i < 300 && !condition.test(body); i++) {
            Thread.sleep(100);
            body = metric(port, query);
        }
        assertThat(body).matches(condition);
    }

    private static String metric(int port, String query) throws Exception {
        HttpResponse<String> response = CLIENT.send(
                request(port, "/actuator/metrics/" + query),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(response.statusCode()).as(query).isEqualTo(200);
        return response.body();
    }

    private static HttpRequest request(int port, String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .build();
    }

    /** A Spring Boot application with no beans of its own. */
    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class Empty {}
}
