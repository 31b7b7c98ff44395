package io.jwsgi.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.jwsgi.Application;
import io.jwsgi.Header;
import io.jwsgi.middleware.Gzip;
import io.jwsgi.middleware.StaticFiles;
import io.jwsgi.testing.TestClient;
import io.jwsgi.testing.TestResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * jwsgi's own toolkit as beans through the bridge (issue 8 item 6): {@link StaticFiles} and
 * {@link Gzip} mounted by the starter, checked first without a server through {@link TestClient},
 * then over real HTTP on Tomcat (and Jetty in the {@code jetty-test} execution).
 */
@SpringBootTest(
        classes = JwsgiToolkitTests.ToolkitApps.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"jwsgi.apps.files.path=/static", "jwsgi.apps.events.path=/events", "jwsgi.apps.text.path=/text"})
class JwsgiToolkitTests {

    static final Path DIR = createSite();
    static final String HELLO = "Hello, static world! Served through the bridge.\n";
    static final String SECRET = "SECRET outside the static root\n";
    static final String LARGE_TEXT = largeText();

    /** Lets the event stream produce its next event; one permit per event after the first. */
    static final Semaphore NEXT_EVENT = new Semaphore(0);

    static final AtomicInteger EVENTS_PRODUCED = new AtomicInteger();

    private final HttpClient client =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @LocalServerPort
    int port;

    @AfterAll
    static void deleteSite() throws IOException {
        try (Stream<Path> paths = Files.walk(DIR)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    // --- StaticFiles -------------------------------------------------------------------------

    @Test
    void staticFilesBehaveTheSameWithoutAServer() throws Exception {
        TestClient client = new TestClient(new StaticFiles(DIR.resolve("public")));
        TestResponse whole = client.get("/hello.txt");
        assertThat(whole.status()).isEqualTo(200);
        assertThat(whole.text()).isEqualTo(HELLO);
        String etag = whole.headers().get("ETag");
        assertThat(client.request("GET", "/hello.txt", List.of(Header.of("Range", "bytes=7-12")), new byte[0])
                        .text())
                .isEqualTo("static");
        assertThat(client.request("GET", "/hello.txt", List.of(Header.of("If-None-Match", etag)), new byte[0])
                        .status())
                .isEqualTo(304);
        assertThat(client.get("/sub/../hello.txt").status()).isEqualTo(404);
        assertThat(client.get("/../outside.txt").status()).isEqualTo(404);
    }

    @Test
    void staticFileIsServedWithLengthAndType() throws Exception {
        HttpResponse<byte[]> response = get("/static/hello.txt", List.of());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo(HELLO);
        assertThat(response.headers().firstValue("Content-Length")).hasValue(Integer.toString(HELLO.length()));
        // Tomcat re-serializes the media type without the space; the type is the same
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(
                        v -> assertThat(v.replace(" ", "")).isEqualToIgnoringCase("text/plain;charset=utf-8"));
        assertThat(response.headers().firstValue("Accept-Ranges")).hasValue("bytes");
        assertThat(response.headers().firstValue("ETag")).isPresent();
        assertThat(response.headers().firstValue("Last-Modified")).isPresent();
    }

    @Test
    void rangeRequestGets206WithContentRange() throws Exception {
        HttpResponse<byte[]> response = get("/static/hello.txt", List.of("Range", "bytes=7-12"));
        assertThat(response.statusCode()).isEqualTo(206);
        assertThat(response.headers().firstValue("Content-Range")).hasValue("bytes 7-12/" + HELLO.length());
        assertThat(response.headers().firstValue("Content-Length")).hasValue("6");
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo("static");

        HttpResponse<byte[]> suffix = get("/static/hello.txt", List.of("Range", "bytes=-8"));
        assertThat(suffix.statusCode()).isEqualTo(206);
        assertThat(new String(suffix.body(), StandardCharsets.UTF_8)).isEqualTo("bridge.\n");
    }

    @Test
    void matchingIfNoneMatchGets304() throws Exception {
        String etag =
                get("/static/hello.txt", List.of()).headers().firstValue("ETag").orElseThrow();
        HttpResponse<byte[]> response = get("/static/hello.txt", List.of("If-None-Match", etag));
        assertThat(response.statusCode()).isEqualTo(304);
        assertThat(response.body()).isEmpty();
        assertThat(response.headers().firstValue("ETag")).hasValue(etag);
        assertThat(get("/static/hello.txt", List.of("If-None-Match", "\"other\""))
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    void dotDotSegmentsGet404AndNeverLeaveTheRoot() throws Exception {
        // inside the mount the container hands the raw path over: StaticFiles refuses the ".."
        String inside = rawGet("/static/sub/../hello.txt");
        assertThat(inside)
                .startsWith("HTTP/1.1 404 ")
                .endsWith("\r\n\r\n404 Not Found\n") // StaticFiles' own answer, not Spring's error page
                .doesNotContain("Hello, static world");
        // ".." above the mount: the container normalizes (and then nothing is mounted there) or refuses
        for (String target :
                List.of("/static/../outside.txt", "/static/%2e%2e/outside.txt", "/static/..%2foutside.txt")) {
            String response = rawGet(target);
            assertThat(response).as(target).matches("(?s)HTTP/1\\.1 40[04] .*").doesNotContain("SECRET");
        }
    }

    // --- Gzip --------------------------------------------------------------------------------

    @Test
    void gzipLeavesServerSentEventsAloneWithoutAServer() throws Exception {
        TestResponse response = new TestClient(new Gzip(events(new Semaphore(100), new AtomicInteger())))
                .request("GET", "/", List.of(Header.of("Accept-Encoding", "gzip")), new byte[0]);
        assertThat(response.headers().get("Content-Encoding")).isNull();
        assertThat(response.text()).isEqualTo("data: event 0\n\ndata: event 1\n\ndata: event 2\n\n");
    }

    @Test
    void eventStreamIsNotCompressedAndEachEventArrivesBeforeTheNextIsProduced() throws Exception {
        NEXT_EVENT.drainPermits();
        EVENTS_PRODUCED.set(0);
        HttpResponse<InputStream> response = this.client.send(
                HttpRequest.newBuilder(uri("/events"))
                        .header("Accept-Encoding", "gzip")
                        .timeout(Duration.ofSeconds(10))
                        .build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/event-stream");
        assertThat(response.headers().firstValue("Content-Encoding")).isEmpty();
        try (InputStream body = response.body()) {
            for (int i = 0; i < 3; i++) {
                String event = "data: event " + i + "\n\n";
                assertThat(new String(body.readNBytes(event.length()), StandardCharsets.US_ASCII))
                        .isEqualTo(event);
                // the event is here, and the next one does not exist yet: nothing held it back
                assertThat(EVENTS_PRODUCED.get()).isEqualTo(i + 1);
                NEXT_EVENT.release();
            }
            assertThat(body.readAllBytes()).isEmpty();
        }
    }

    @Test
    void gzipCompressesLargeTextWithoutAServer() throws Exception {
        TestResponse response = new TestClient(new Gzip(largeTextApp()))
                .request("GET", "/", List.of(Header.of("Accept-Encoding", "gzip")), new byte[0]);
        assertThat(response.headers().get("Content-Encoding")).isEqualTo("gzip");
        assertThat(gunzip(response.body())).isEqualTo(LARGE_TEXT);
    }

    @Test
    void largeTextIsCompressedWhenAcceptedAndDecompressesToTheOriginal() throws Exception {
        HttpResponse<byte[]> compressed = get("/text", List.of("Accept-Encoding", "gzip"));
        assertThat(compressed.statusCode()).isEqualTo(200);
        assertThat(compressed.headers().firstValue("Content-Encoding")).hasValue("gzip");
        assertThat(compressed.headers().allValues("Vary"))
                .anySatisfy(v -> assertThat(v).containsIgnoringCase("Accept-Encoding"));
        assertThat(compressed.headers().firstValue("Content-Length")).isEmpty();
        assertThat(compressed.body().length).isLessThan(LARGE_TEXT.length() / 4);
        assertThat(gunzip(compressed.body())).isEqualTo(LARGE_TEXT);

        HttpResponse<byte[]> plain = get("/text", List.of());
        assertThat(plain.headers().firstValue("Content-Encoding")).isEmpty();
        assertThat(new String(plain.body(), StandardCharsets.UTF_8)).isEqualTo(LARGE_TEXT);
    }

    // --- helpers -----------------------------------------------------------------------------

    private HttpResponse<byte[]> get(String path, List<String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10));
        for (int i = 0; i < headers.size(); i += 2) {
            request.header(headers.get(i), headers.get(i + 1));
        }
        return this.client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private String rawGet(String target) throws IOException {
        return new String(
                TestApps.raw(
                        this.port,
                        ("GET " + target + " HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n")
                                .getBytes(StandardCharsets.US_ASCII)),
                StandardCharsets.ISO_8859_1);
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + this.port + path);
    }

    private static String gunzip(byte[] body) throws IOException {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static Path createSite() {
        try {
            Path dir = Files.createTempDirectory("jwsgi-toolkit");
            Files.writeString(dir.resolve("outside.txt"), SECRET);
            Path pub = Files.createDirectories(dir.resolve("public"));
            Files.createDirectories(pub.resolve("sub"));
            Files.writeString(pub.resolve("hello.txt"), HELLO);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String largeText() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; text.length() < 300_000; i++) {
            text.append("line ").append(i).append(": the quick brown fox jumps over the lazy dog\n");
        }
        return text.toString();
    }

    /** Three server-sent events; each after the first waits (at most 10 s) for a permit of {@code gate}. */
    static Application events(Semaphore gate, AtomicInteger produced) {
        return (environ, startResponse) -> {
            startResponse.start(
                    "200 OK",
                    List.of(Header.of("Content-Type", "text/event-stream"), Header.of("Cache-Control", "no-cache")));
            return () -> new Iterator<>() {
                int next;

                @Override
                public boolean hasNext() {
                    return next < 3;
                }

                @Override
                public byte[] next() {
                    if (!hasNext()) {
                        throw new NoSuchElementException();
                    }
                    try {
                        if (next > 0 && !gate.tryAcquire(10, TimeUnit.SECONDS)) {
                            return "data: timed out\n\n".getBytes(StandardCharsets.US_ASCII);
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException(e);
                    }
                    produced.incrementAndGet();
                    return ("data: event " + next++ + "\n\n").getBytes(StandardCharsets.US_ASCII);
                }
            };
        };
    }

    /** {@link #LARGE_TEXT} as text/plain in 10 KB chunks, without a Content-Length. */
    static Application largeTextApp() {
        return (environ, startResponse) -> {
            startResponse.start("200 OK", List.of(Header.of("Content-Type", "text/plain; charset=utf-8")));
            byte[] all = LARGE_TEXT.getBytes(StandardCharsets.UTF_8);
            List<byte[]> chunks = new ArrayList<>();
            for (int at = 0; at < all.length; at += 10_000) {
                chunks.add(java.util.Arrays.copyOfRange(all, at, Math.min(all.length, at + 10_000)));
            }
            return chunks;
        };
    }

    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class ToolkitApps {
        @Bean
        Application files() {
            return new StaticFiles(DIR.resolve("public"));
        }

        @Bean
        Application events() {
            return new Gzip(JwsgiToolkitTests.events(NEXT_EVENT, EVENTS_PRODUCED));
        }

        @Bean
        Application text() {
            return new Gzip(largeTextApp());
        }
    }
}
