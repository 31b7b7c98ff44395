package io.jwsgi.middleware;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jwsgi.Application;
import io.jwsgi.Header;
import io.jwsgi.Write;
import io.jwsgi.headers.Headers;
import io.jwsgi.testing.TestClient;
import io.jwsgi.testing.TestResponse;
import io.jwsgi.util.Util;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GzipTest {

    private static final String TEXT = "All work and no play makes Jack a dull boy. ".repeat(20);
    private static final Header ACCEPT = new Header("Accept-Encoding", "gzip, deflate, br");

    private static Application app(String status, List<Header> headers, String... chunks) {
        return (environ, startResponse) -> {
            startResponse.start(status, headers);
            List<byte[]> body = new ArrayList<>();
            for (String chunk : chunks) {
                body.add(chunk.getBytes(UTF_8));
            }
            return body;
        };
    }

    private static Application text(Header... extra) {
        List<Header> headers = new ArrayList<>(List.of(new Header("Content-Type", "text/plain; charset=utf-8")));
        headers.addAll(List.of(extra));
        return app("200 OK", headers, TEXT.substring(0, 300), TEXT.substring(300));
    }

    private static TestResponse get(Application app, Header... headers) throws Exception {
        return new TestClient(app).request("GET", "/", List.of(headers), new byte[0]);
    }

    private static String gunzip(byte[] body) throws IOException {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
            return new String(in.readAllBytes(), UTF_8);
        }
    }

    @Test
    void compressesWhenTheClientAcceptsGzip() throws Exception {
        TestResponse response =
                get(new Gzip(text(new Header("Content-Length", Integer.toString(TEXT.length())))), ACCEPT);
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.headers().get("Content-Encoding")).isEqualTo("gzip");
        assertThat(response.headers().get("Content-Length")).isNull();
        assertThat(response.headers().get("Vary")).isEqualTo("Accept-Encoding");
        assertThat(response.body().length).isLessThan(TEXT.length());
        assertThat(gunzip(response.body())).isEqualTo(TEXT);
    }

    @Test
    void streamsEveryChunkAsSoonAsItIsProduced() throws Exception {
        AtomicInteger pulled = new AtomicInteger();
        Application lazy = (environ, startResponse) -> {
            startResponse.start("200 OK", List.of(new Header("Content-Type", "text/plain")));
            return () -> new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return pulled.get() < 3;
                }

                @Override
                public byte[] next() {
                    return ("chunk " + pulled.incrementAndGet() + ";").getBytes(UTF_8);
                }
            };
        };
        Map<String, Object> environ = new HashMap<>(Map.of("HTTP_ACCEPT_ENCODING", "gzip"));
        Util.setupTestingDefaults(environ);
        Iterable<byte[]> body = new Gzip(lazy).call(environ, (s, h, e) -> data -> {});
        Inflater inflater = new Inflater(true);
        StringBuilder seen = new StringBuilder();
        boolean header = true;
        int outputs = 0;
        for (byte[] chunk : body) {
            outputs++;
            int skip = header ? 10 : 0; // the fixed gzip header of GZIPOutputStream
            header = false;
            inflater.setInput(chunk, skip, chunk.length - skip);
            byte[] out = new byte[1024];
            int n = inflater.inflate(out);
            seen.append(new String(out, 0, n, UTF_8));
            if (n > 0) {
                // each chunk decompresses completely on arrival, before the next one is produced
                assertThat(seen.toString()).endsWith("chunk " + pulled.get() + ";");
            }
        }
        assertThat(outputs).isEqualTo(4); // three flushed chunks and the trailer
        inflater.end();
        assertThat(seen.toString()).isEqualTo("chunk 1;chunk 2;chunk 3;");
        ((AutoCloseable) body).close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "identity", "gzip;q=0", "GZIP; q=0.000", "*;q=0", "deflate, br", "gzip;q=oops"})
    void leavesTheBodyAloneWhenTheClientDoesNotAcceptGzip(String acceptEncoding) throws Exception {
        TestResponse response = get(new Gzip(text()), new Header("Accept-Encoding", acceptEncoding));
        assertThat(response.headers().get("Content-Encoding")).isNull();
        assertThat(response.text()).isEqualTo(TEXT);
        assertThat(response.headers().get("Vary")).isEqualTo("Accept-Encoding");
    }

    @Test
    void readsAcceptEncodingWeights() {
        assertThat(Gzip.acceptsGzip("gzip")).isTrue();
        assertThat(Gzip.acceptsGzip("x-gzip")).isTrue();
        assertThat(Gzip.acceptsGzip("br;q=1.0, GZip;q=0.5")).isTrue();
        assertThat(Gzip.acceptsGzip("*")).isTrue();
        assertThat(Gzip.acceptsGzip("gzip;q=0, *")).isFalse();
        assertThat(Gzip.acceptsGzip("*;q=0.1, gzip;q=0")).isFalse();
        assertThat(Gzip.acceptsGzip(null)).isFalse();
    }

    @Test
    void doesNotCompressWithoutAnAcceptEncodingHeader() throws Exception {
        assertThat(get(new Gzip(text())).headers().get("Content-Encoding")).isNull();
    }

    @Test
    void mergesVaryAndWeakensAStrongETag() throws Exception {
        TestResponse response = get(new Gzip(text(new Header("Vary", "Cookie"), new Header("ETag", "\"v1\""))), ACCEPT);
        assertThat(response.headers().get("Vary")).isEqualTo("Cookie, Accept-Encoding");
        assertThat(response.headers().get("ETag")).isEqualTo("W/\"v1\"");
        Headers already = new Headers(new ArrayList<>(List.of(new Header("Vary", "accept-encoding"))));
        Gzip.addVary(already);
        assertThat(already.getAll("Vary")).containsExactly("accept-encoding");
        Headers star = new Headers(new ArrayList<>(List.of(new Header("Vary", "*"))));
        Gzip.addVary(star);
        assertThat(star.getAll("Vary")).containsExactly("*");
    }

    @Test
    void skipsEncodedEventStreamNoTransformAndTinyResponses() throws Exception {
        List<Application> apps = List.of(
                text(new Header("Content-Encoding", "br")),
                app("200 OK", List.of(new Header("Content-Type", "text/event-stream")), "data: x\n\n"),
                text(new Header("Cache-Control", "public, no-transform")),
                app(
                        "200 OK",
                        List.of(new Header("Content-Type", "text/plain"), new Header("Content-Length", "255")),
                        TEXT.substring(0, 255)));
        for (Application app : apps) {
            TestResponse response = get(new Gzip(app), ACCEPT);
            assertThat(response.headers().get("Content-Encoding"))
                    .as(response.toString())
                    .isNotEqualTo("gzip");
            assertThat(response.headers().get("Vary")).isNull();
        }
        TestResponse big = get(
                new Gzip(app(
                        "200 OK",
                        List.of(new Header("Content-Type", "text/plain"), new Header("Content-Length", "256")),
                        TEXT.substring(0, 256))),
                ACCEPT);
        assertThat(big.headers().get("Content-Encoding")).isEqualTo("gzip");
    }

    @Test
    void aSingleChunkBelowTheMinimumIsTinyEvenWithoutContentLength() throws Exception {
        Application tiny = app("200 OK", List.of(new Header("Content-Type", "text/plain")), TEXT.substring(0, 255));
        TestResponse response = get(new Gzip(tiny), ACCEPT);
        assertThat(response.headers().get("Content-Encoding")).isNull();
        assertThat(response.headers().get("Vary")).isNull();
        assertThat(response.text()).isEqualTo(TEXT.substring(0, 255));

        Application enough = app("200 OK", List.of(new Header("Content-Type", "text/plain")), TEXT.substring(0, 256));
        TestResponse compressed = get(new Gzip(enough), ACCEPT);
        assertThat(compressed.headers().get("Content-Encoding")).isEqualTo("gzip");
        assertThat(gunzip(compressed.body())).isEqualTo(TEXT.substring(0, 256));
        // two small chunks: the size is not known from the body, so it is compressed
        Application streamed = app("200 OK", List.of(new Header("Content-Type", "text/plain")), "small ", "chunks");
        assertThat(get(new Gzip(streamed), ACCEPT).headers().get("Content-Encoding"))
                .isEqualTo("gzip");
    }

    @Test
    void heldHeadersKeepStartResponseRules() throws Exception {
        Application twice = (environ, startResponse) -> {
            startResponse.start("200 OK", List.of(new Header("Content-Type", "text/plain")));
            startResponse.start("200 OK", List.of(new Header("Content-Type", "text/plain")));
            return List.of();
        };
        Map<String, Object> env = new HashMap<>();
        Util.setupTestingDefaults(env);
        env.put("HTTP_ACCEPT_ENCODING", "gzip");
        assertThatThrownBy(() -> new Gzip(twice).call(env, (s, h, e) -> data -> {}))
                .isInstanceOf(AssertionError.class)
                .hasMessage("Headers already set!");
        Application replaced = (environ, startResponse) -> {
            startResponse.start("200 OK", List.of(new Header("Content-Type", "text/plain")));
            startResponse.start(
                    "503 Service Unavailable",
                    List.of(new Header("Content-Type", "text/plain")),
                    new IllegalStateException("went wrong before the body"));
            return List.of(TEXT.getBytes(UTF_8));
        };
        TestResponse response = get(new Gzip(replaced), ACCEPT);
        assertThat(response.status()).isEqualTo(503);
        assertThat(gunzip(response.body())).isEqualTo(TEXT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"204 No Content", "304 Not Modified"})
    void skipsResponsesWithoutABody(String status) throws Exception {
        TestResponse response = get(new Gzip(app(status, List.of())), ACCEPT);
        assertThat(response.headers().get("Content-Encoding")).isNull();
        assertThat(response.body()).isEmpty();
    }

    @Test
    void skipsPartialContentAndHead() throws Exception {
        TestResponse partial = get(
                new Gzip(app(
                        "206 Partial Content",
                        List.of(new Header("Content-Type", "text/plain"), new Header("Content-Range", "bytes 0-3/9")),
                        "abcd")),
                ACCEPT);
        assertThat(partial.text()).isEqualTo("abcd");
        assertThat(partial.headers().get("Content-Encoding")).isNull();
        TestResponse head = new TestClient(new Gzip(text())).request("HEAD", "/", List.of(ACCEPT), new byte[0]);
        assertThat(head.headers().get("Content-Encoding")).isNull();
    }

    @Test
    void compressesWhatTheApplicationWritesInOrder() throws Exception {
        Application writer = (environ, startResponse) -> {
            Write write = startResponse.start("200 OK", List.of(new Header("Content-Type", "text/plain")));
            write.write("written ".getBytes(UTF_8));
            write.write(new byte[0]);
            return List.of("returned".getBytes(UTF_8));
        };
        assertThat(gunzip(get(new Gzip(writer), ACCEPT).body())).isEqualTo("written returned");
    }

    @Test
    void producesAValidGzipStreamForAnEmptyBody() throws Exception {
        TestResponse response = get(new Gzip(app("200 OK", List.of(new Header("Content-Type", "text/plain")))), ACCEPT);
        assertThat(response.headers().get("Content-Encoding")).isEqualTo("gzip");
        assertThat(gunzip(response.body())).isEmpty();
    }

    /** A body that counts close() calls. */
    private static final class Closing implements Iterable<byte[]>, AutoCloseable {
        final AtomicInteger closes = new AtomicInteger();

        @Override
        public Iterator<byte[]> iterator() {
            return List.of(TEXT.getBytes(UTF_8)).iterator();
        }

        @Override
        public void close() {
            closes.incrementAndGet();
        }
    }

    @Test
    void closesTheInnerIterableAndPassesItThroughWhenNotCompressing() throws Exception {
        Closing body = new Closing();
        Application app = (environ, startResponse) -> {
            startResponse.start("200 OK", List.of(new Header("Content-Type", "text/plain")));
            return body;
        };
        get(new Gzip(app), ACCEPT);
        assertThat(body.closes).hasValue(1);
        get(new Gzip(app));
        assertThat(body.closes).hasValue(2);

        Map<String, Object> environ = new HashMap<>();
        Util.setupTestingDefaults(environ);
        assertThat(new Gzip(app).call(environ, (s, h, e) -> data -> {})).isSameAs(body);
    }
}
