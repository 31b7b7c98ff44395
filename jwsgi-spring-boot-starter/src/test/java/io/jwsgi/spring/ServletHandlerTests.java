package io.jwsgi.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.jwsgi.Application;
import io.jwsgi.Header;
import io.jwsgi.Write;
import io.jwsgi.util.FileWrapper;
import java.io.ByteArrayInputStream;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.AbstractCollection;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** How the bridge answers: status and headers, flushing, files, errors, closing, over real HTTP on Tomcat. */
@SpringBootTest(
        classes = ServletHandlerTests.HandlerApps.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "jwsgi.apps.stream.path=/stream",
            "jwsgi.apps.file.path=/file",
            "jwsgi.apps.memfile.path=/memfile",
            "jwsgi.apps.inject.path=/inject",
            "jwsgi.apps.fail.path=/fail",
            "jwsgi.apps.closing.path=/closing",
            "jwsgi.apps.errors.path=/errors",
            "jwsgi.apps.endless.path=/endless",
            "jwsgi.apps.status.path=/status",
            "jwsgi.apps.partial.path=/partial",
            "jwsgi.apps.pieces.path=/pieces",
            "jwsgi.apps.writeThenOne.path=/write-then-one",
            "management.endpoints.web.exposure.include=metrics"
        })
@ExtendWith(OutputCaptureExtension.class)
class ServletHandlerTests {

    static volatile CountDownLatch release = new CountDownLatch(0);
    static volatile CountDownLatch closed = new CountDownLatch(0);
    static volatile Path file;
    static final AtomicInteger ENDLESS_CHUNKS = new AtomicInteger();

    private final HttpClient client =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @LocalServerPort
    int port;

    @Test
    void everyChunkIsFlushedBeforeTheNextIsProduced() throws Exception {
        release = new CountDownLatch(1);
        HttpResponse<InputStream> response = this.client.send(
                HttpRequest.newBuilder(uri("/stream")).build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/event-stream");
        try (InputStream body = response.body()) {
            byte[] first = body.readNBytes("data: one\n\n".length());
            assertThat(new String(first, StandardCharsets.US_ASCII)).isEqualTo("data: one\n\n");
            release.countDown(); // the second event exists only now: the first one was already on the wire
            assertThat(new String(body.readAllBytes(), StandardCharsets.US_ASCII))
                    .isEqualTo("data: two\n\ndata: three\n\n");
        }
    }

    @Test
    void fileWrapperOverAFileIsSentWholeWithItsLength(@TempDir Path dir) throws Exception {
        byte[] content = new byte[3 * 1024 * 1024 + 17];
        new Random(42).nextBytes(content);
        file = Files.write(dir.resolve("big.bin"), content);
        HttpResponse<byte[]> response = get("/file");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(content);
        // sendfile() set the length; iterating would have sent the chunks chunked, without one
        assertThat(response.headers().firstValue("Content-Length")).hasValue(Integer.toString(content.length));
        HttpResponse<byte[]> head = this.client.send(
                HttpRequest.newBuilder(uri("/file"))
                        .method("HEAD", HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(head.headers().firstValue("Content-Length")).hasValue(Integer.toString(content.length));
        assertThat(head.body()).isEmpty();
    }

    @Test
    void fileWrapperOverAStreamIsIterated() throws Exception {
        HttpResponse<byte[]> response = get("/memfile");
        assertThat(response.body()).hasSize(100_000).containsOnly((byte) 'm');
        assertThat(response.headers().firstValue("Transfer-Encoding")).hasValue("chunked");
    }

    @Test
    void headerInjectionNeverReachesTheWire(CapturedOutput output) throws Exception {
        String response = new String(
                TestApps.raw(
                        this.port,
                        "GET /inject HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n"
                                .getBytes(StandardCharsets.US_ASCII)),
                StandardCharsets.ISO_8859_1);
        assertThat(response)
                .startsWith("HTTP/1.1 500 ")
                .doesNotContain("Injected")
                .doesNotContain("X-Evil");
        assertThat(output).contains("JWSGI application 'inject' failed");
    }

    @Test
    void failureAnswersAGeneric500AndLogsTheDetails(CapturedOutput output) throws Exception {
        HttpResponse<byte[]> response = get("/fail");
        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(new String(response.body(), StandardCharsets.UTF_8))
                .isEqualTo("A server error occurred.  Please contact the administrator.")
                .doesNotContain("secret");
        assertThat(output).contains("JWSGI application 'fail' failed").contains("secret detail");
    }

    @Test
    void closeableResultIsClosedAfterTheResponse() throws Exception {
        closed = new CountDownLatch(1);
        assertThat(new String(get("/closing").body(), StandardCharsets.US_ASCII))
                .isEqualTo("abc");
        assertThat(closed.await(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void wsgiErrorsGoesToTheApplicationsLogger(CapturedOutput output) throws Exception {
        assertThat(get("/errors").statusCode()).isEqualTo(200);
        assertThat(output).contains("io.jwsgi.app.errors").contains("something odd happened");
    }

    @Test
    void anUnfinishedWsgiErrorsLineIsLoggedAtTheEndOfItsRequest(CapturedOutput output) throws Exception {
        assertThat(get("/partial?first").statusCode()).isEqualTo(200);
        assertThat(get("/partial?second").statusCode()).isEqualTo(200);
        assertThat(output.getOut().lines().filter(line -> line.contains("io.jwsgi.app.partial")))
                .anySatisfy(line -> assertThat(line).endsWith("unfinished line of first"))
                .anySatisfy(line -> assertThat(line).endsWith("unfinished line of second"))
                .noneSatisfy(line -> assertThat(line).contains("first").contains("second"));
    }

    @Test
    void wsgiErrorsLinesOfConcurrentRequestsStayWhole(CapturedOutput output) throws Exception {
        int requests = 24;
        List<CompletableFuture<HttpResponse<byte[]>>> pending = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            pending.add(this.client.sendAsync(
                    HttpRequest.newBuilder(uri("/pieces?" + i)).build(), HttpResponse.BodyHandlers.ofByteArray()));
        }
        for (var response : pending) {
            assertThat(response.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        }
        List<String> lines = output.getOut()
                .lines()
                .filter(line -> line.contains("io.jwsgi.app.pieces"))
                .toList();
        for (int i = 0; i < requests; i++) {
            String whole = "request " + i + ": begin, middle, end";
            assertThat(lines)
                    .as("the line of request %d", i)
                    .anySatisfy(line -> assertThat(line).endsWith(whole));
        }
        assertThat(lines).allSatisfy(line -> assertThat(line).containsOnlyOnce("begin"));
    }

    @Test
    void theWriteCallableIsFlushedEvenWhenTheResultIsOneChunk() throws Exception {
        release = new CountDownLatch(1);
        HttpResponse<InputStream> response = this.client.send(
                HttpRequest.newBuilder(uri("/write-then-one")).build(), HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body()) {
            assertThat(new String(body.readNBytes("written ".length()), StandardCharsets.US_ASCII))
                    .isEqualTo("written ");
            release.countDown(); // the result's chunk exists only now
            assertThat(new String(body.readAllBytes(), StandardCharsets.US_ASCII))
                    .isEqualTo("returned");
        }
    }

    @Test
    void clientDisconnectIsSilentAndClosesTheResult(CapturedOutput output) throws Exception {
        closed = new CountDownLatch(1);
        ENDLESS_CHUNKS.set(0);
        try (Socket socket = new Socket("127.0.0.1", this.port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream()
                    .write("GET /endless HTTP/1.1\r\nHost: h\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(socket.getInputStream().readNBytes(2048)).hasSize(2048);
        }
        assertThat(closed.await(20, TimeUnit.SECONDS)).isTrue();
        assertThat(ENDLESS_CHUNKS.get()).isLessThan(EndlessBody.LIMIT);
        assertThat(output).doesNotContain("JWSGI application 'endless' failed");
    }

    @Test
    void statusCodeAndHeadersGoThroughTheResponse() throws Exception {
        HttpResponse<byte[]> response = get("/status");
        assertThat(response.statusCode()).isEqualTo(299);
        assertThat(response.headers().allValues("X-Twice")).containsExactly("1", "2");
        assertThat(response.body()).isEmpty();
    }

    @Test
    void httpServerRequestsCarriesTheMountPatternAsUri() throws Exception {
        get("/status/some/thing");
        HttpResponse<byte[]> metric = get("/actuator/metrics/http.server.requests?tag=uri:/status/**&tag=status:299");
        assertThat(metric.statusCode()).isEqualTo(200);
        assertThat(new String(metric.body(), StandardCharsets.UTF_8)).contains("\"statistic\":\"COUNT\"");
        assertThat(get("/actuator/metrics/http.server.requests?tag=uri:UNKNOWN&tag=status:299")
                        .statusCode())
                .isEqualTo(404);
    }

    @Test
    void errorDiagnosticsShowTheStackTraceWhenTurnedOn() throws Exception {
        try (TestServer server =
                TestServer.start(FailingApp.class, "jwsgi.path=/fail", "jwsgi.error-diagnostics=true")) {
            HttpResponse<String> response = this.client.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port + "/fail"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            assertThat(response.statusCode()).isEqualTo(500);
            assertThat(response.body())
                    .contains("java.lang.IllegalStateException: secret detail")
                    .contains("jwsgi.error-diagnostics=true")
                    .contains("\tat ");
        }
    }

    @Test
    void chunkedBodyOverTheLimitFailsTheReadNamingTheProperty() throws Exception {
        try (TestServer server =
                TestServer.start(BodyReaderApp.class, "jwsgi.path=/limited", "jwsgi.max-request-body=16B")) {
            String chunk = "40\r\n" + "x".repeat(64) + "\r\n";
            byte[] request = ("POST /limited HTTP/1.1\r\nHost: h\r\nContent-Type: application/octet-stream\r\n"
                            + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n" + chunk + "0\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII);
            String response = new String(TestApps.raw(server.port, request), StandardCharsets.ISO_8859_1);
            assertThat(response)
                    .startsWith("HTTP/1.1 200 ")
                    .contains("request body is larger than jwsgi.max-request-body (16 bytes)");
        }
    }

    private HttpResponse<byte[]> get(String path) throws Exception {
        return this.client.send(
                HttpRequest.newBuilder(uri(path))
                        .timeout(Duration.ofSeconds(20))
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + this.port + path);
    }

    /** A body that produces up to {@link #LIMIT} 1 KiB chunks and counts down {@link #closed} when closed. */
    static final class EndlessBody implements Iterable<byte[]>, AutoCloseable {
        static final int LIMIT = 200_000;

        @Override
        public Iterator<byte[]> iterator() {
            return new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return ENDLESS_CHUNKS.get() < LIMIT;
                }

                @Override
                public byte[] next() {
                    if (!hasNext()) {
                        throw new NoSuchElementException();
                    }
                    ENDLESS_CHUNKS.incrementAndGet();
                    return new byte[1024];
                }
            };
        }

        @Override
        public void close() {
            closed.countDown();
        }
    }

    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class HandlerApps {

        @Bean
        Application stream() {
            return (environ, startResponse) -> {
                Write write = startResponse.start("200 OK", List.of(Header.of("Content-Type", "text/event-stream")));
                write.write("data: one\n\n".getBytes(StandardCharsets.US_ASCII));
                return () -> new Iterator<>() {
                    int next = 0;

                    @Override
                    public boolean hasNext() {
                        return next < 2;
                    }

                    @Override
                    public byte[] next() {
                        try {
                            if (!release.await(10, TimeUnit.SECONDS)) {
                                return "timeout".getBytes(StandardCharsets.US_ASCII);
                            }
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        return (next++ == 0 ? "data: two\n\n" : "data: three\n\n").getBytes(StandardCharsets.US_ASCII);
                    }
                };
            };
        }

        @Bean
        Application file() {
            return (environ, startResponse) -> {
                startResponse.start("200 OK", List.of(Header.of("Content-Type", "application/octet-stream")));
                FileWrapper.Factory wrapper = (FileWrapper.Factory) environ.get("wsgi.file_wrapper");
                return wrapper.wrap(new FileInputStream(file.toFile()), 8192);
            };
        }

        @Bean
        Application memfile() {
            return (environ, startResponse) -> {
                startResponse.start("200 OK", List.of(Header.of("Content-Type", "application/octet-stream")));
                byte[] data = "m".repeat(100_000).getBytes(StandardCharsets.US_ASCII);
                return ((FileWrapper.Factory) environ.get("wsgi.file_wrapper"))
                        .wrap(new ByteArrayInputStream(data), 4096);
            };
        }

        @Bean
        Application inject() {
            return (environ, startResponse) -> {
                startResponse.start("200 OK", List.of(new Header("X-Evil", "a\r\nInjected: yes")));
                return List.of("never".getBytes(StandardCharsets.US_ASCII));
            };
        }

        @Bean
        Application fail() {
            return (environ, startResponse) -> {
                throw new IllegalStateException("secret detail");
            };
        }

        @Bean
        Application closing() {
            return (environ, startResponse) -> {
                startResponse.start("200 OK", List.of(Header.of("Content-Type", "text/plain")));
                return new ClosingBody();
            };
        }

        @Bean
        Application errors() {
            return (environ, startResponse) -> {
                PrintStream errors = (PrintStream) environ.get("wsgi.errors");
                errors.println("something odd happened");
                startResponse.start("200 OK", List.of());
                return List.of();
            };
        }

        @Bean
        Application partial() {
            return (environ, startResponse) -> {
                PrintStream errors = (PrintStream) environ.get("wsgi.errors");
                errors.print("unfinished line of " + environ.get("QUERY_STRING"));
                startResponse.start("200 OK", List.of());
                return List.of();
            };
        }

        @Bean
        Application pieces() {
            return (environ, startResponse) -> {
                PrintStream errors = (PrintStream) environ.get("wsgi.errors");
                errors.print("request " + environ.get("QUERY_STRING") + ": begin");
                Thread.sleep(5); // let other requests write their pieces meanwhile
                errors.print(", middle");
                Thread.sleep(5);
                errors.println(", end");
                startResponse.start("200 OK", List.of());
                return List.of();
            };
        }

        @Bean
        Application writeThenOne() {
            return (environ, startResponse) -> {
                Write write = startResponse.start("200 OK", List.of(Header.of("Content-Type", "text/plain")));
                write.write("written ".getBytes(StandardCharsets.US_ASCII));
                return new AbstractCollection<byte[]>() {
                    @Override
                    public Iterator<byte[]> iterator() {
                        return new Iterator<>() {
                            boolean done;

                            @Override
                            public boolean hasNext() {
                                return !done;
                            }

                            @Override
                            public byte[] next() {
                                done = true;
                                try {
                                    if (!release.await(10, TimeUnit.SECONDS)) {
                                        return "timeout".getBytes(StandardCharsets.US_ASCII);
                                    }
                                } catch (InterruptedException e) {
                                    Thread.currentThread().interrupt();
                                }
                                return "returned".getBytes(StandardCharsets.US_ASCII);
                            }
                        };
                    }

                    @Override
                    public int size() {
                        return 1;
                    }
                };
            };
        }

        @Bean
        Application endless() {
            return (environ, startResponse) -> {
                startResponse.start("200 OK", List.of(Header.of("Content-Type", "application/octet-stream")));
                return new EndlessBody();
            };
        }

        @Bean
        Application status() {
            return (environ, startResponse) -> {
                startResponse.start("299 Custom Reason", List.of(Header.of("X-Twice", "1"), Header.of("X-Twice", "2")));
                return List.of();
            };
        }
    }

    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class FailingApp {
        @Bean
        Application fail() {
            return new HandlerApps().fail();
        }
    }

    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class BodyReaderApp {
        /** Reads the whole body; answers the failed read's message. */
        @Bean
        Application limited() {
            return (environ, startResponse) -> {
                String answer;
                try {
                    answer = "read " + ((InputStream) environ.get("wsgi.input")).readAllBytes().length + " bytes";
                } catch (IOException e) {
                    answer = e.getMessage();
                }
                startResponse.start("200 OK", List.of(Header.of("Content-Type", "text/plain")));
                return List.of(answer.getBytes(StandardCharsets.UTF_8));
            };
        }
    }

    /** "abc" in three chunks, counting down {@link #closed} when closed. */
    static final class ClosingBody implements Iterable<byte[]>, AutoCloseable {
        @Override
        public Iterator<byte[]> iterator() {
            return List.of("a", "b", "c").stream()
                    .map(s -> s.getBytes(StandardCharsets.US_ASCII))
                    .iterator();
        }

        @Override
        public void close() {
            closed.countDown();
        }
    }
}
