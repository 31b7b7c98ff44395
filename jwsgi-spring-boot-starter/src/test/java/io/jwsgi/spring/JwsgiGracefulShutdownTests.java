package io.jwsgi.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.jwsgi.Application;
import io.jwsgi.Header;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** {@code server.shutdown=graceful} lets a JWSGI response that is under way finish, and closes its iterable. */
class JwsgiGracefulShutdownTests {

    static final CountDownLatch RELEASE = new CountDownLatch(1);
    static final CountDownLatch CLOSED = new CountDownLatch(1);

    @Test
    void inFlightResponseFinishesAndIsClosedDuringGracefulShutdown() throws Exception {
        TestServer server = TestServer.start(SlowApp.class, "server.shutdown=graceful");
        HttpClient client =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpResponse<InputStream> response = client.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port + "/slow"))
                        .build(),
                HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body()) {
            assertThat(new String(body.readNBytes(6), StandardCharsets.US_ASCII))
                    .isEqualTo("first\n");
            CompletableFuture<Void> shutdown = CompletableFuture.runAsync(server::close);
            // the context is shutting down while the response is under way; let the application finish
            Thread.sleep(300);
            assertThat(shutdown).isNotDone();
            RELEASE.countDown();
            assertThat(new String(body.readAllBytes(), StandardCharsets.US_ASCII))
                    .isEqualTo("second\n");
            shutdown.get(30, TimeUnit.SECONDS);
        }
        assertThat(CLOSED.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(server.context.isActive()).isFalse();
    }

    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class SlowApp {
        @Bean
        Application slow() {
            return (environ, startResponse) -> {
                startResponse.start("200 OK", List.of(Header.of("Content-Type", "text/plain")));
                return new SlowBody();
            };
        }
    }

    /** "first\n", then (once released) "second\n"; counts down {@link #CLOSED} when closed. */
    static final class SlowBody implements Iterable<byte[]>, AutoCloseable {
        @Override
        public Iterator<byte[]> iterator() {
            return new Iterator<>() {
                int next;

                @Override
                public boolean hasNext() {
                    return next < 2;
                }

                @Override
                public byte[] next() {
                    if (!hasNext()) {
                        throw new NoSuchElementException();
                    }
                    if (next++ == 0) {
                        return "first\n".getBytes(StandardCharsets.US_ASCII);
                    }
                    try {
                        return RELEASE.await(20, TimeUnit.SECONDS)
                                ? "second\n".getBytes(StandardCharsets.US_ASCII)
                                : "timeout\n".getBytes(StandardCharsets.US_ASCII);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return "interrupted\n".getBytes(StandardCharsets.US_ASCII);
                    }
                }
            };
        }

        @Override
        public void close() {
            CLOSED.countDown();
        }
    }
}
