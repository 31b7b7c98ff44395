package io.jwsgi.simpleserver.http1;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.jwsgi.Header;
import io.jwsgi.simpleserver.ServerLimits;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes the request parser with arbitrary connection bytes. The only allowed outcomes are parsed
 * requests (with well-formed, bytes-in-a-string values) followed by a clean end of stream or by a
 * {@link RequestException} carrying a status the server may answer with; never another exception
 * and never a hang. The seeds are the gunicorn request corpus, decoded to raw bytes (see
 * docs/fuzzing.md).
 */
public class RequestParserFuzzTest {

    /** Small limits, so that short inputs reach every limit. */
    public static final ServerLimits LIMITS = ServerLimits.builder()
            .maxRequestLineBytes(512)
            .maxHeaderBytes(2048)
            .maxHeaderFields(32)
            .maxBodyBytes(4096)
            .maxChunkLineBytes(128)
            .build();

    /** The most pipelined requests read from one input (each consumes bytes, but stay bounded). */
    static final int MAX_REQUESTS = 64;

    /**
     * Parses the input as one connection, then again delivered one byte per read (a slow client):
     * both must be allowed outcomes, and the requests parsed must not depend on how the bytes
     * arrived.
     */
    @FuzzTest(maxDuration = "5m")
    @Timeout(10)
    // Dictionary entries are in libFuzzer's syntax: \xNN, \" and \\ escapes, nothing raw.
    @DictionaryEntries({
        "HTTP/1.1",
        "HTTP/1.0",
        "\\x0D\\x0A",
        "\\x0D\\x0A\\x0D\\x0A",
        "Host: ",
        "Content-Length: ",
        "Transfer-Encoding: ",
        "chunked",
        "gzip, chunked",
        "Connection: ",
        "keep-alive",
        "close",
        "Expect: 100-continue",
        "0\\x0D\\x0A\\x0D\\x0A",
        ";ext=\\\"v\\\"",
        "http://h/",
        "%2F",
        "CONNECT",
        "OPTIONS *"
    })
    void parsesRequestsOrRefusesThemWithAnErrorStatus(byte[] data) throws IOException {
        Outcome whole = parseConnection(new ByteArrayInputStream(data));
        Outcome trickled = parseConnection(Wire.trickle(Wire.text(data)));
        assertThat(trickled.requests()).isEqualTo(whole.requests());
        assertThat(trickled.refused()).isEqualTo(whole.refused());
    }

    /** What one connection's bytes parsed to. */
    public record Outcome(List<Parsed> requests, boolean refused) {}

    /** The parts of one parsed request that must not depend on packetisation. */
    public record Parsed(RequestLine line, List<Header> headers, Framing framing, String body) {}

    static Outcome parseConnection(InputStream in) throws IOException {
        return parseConnection(in, MAX_REQUESTS);
    }

    /** Parses at most {@code maxRequests} requests, reading each body to its end. */
    public static Outcome parseConnection(InputStream in, int maxRequests) throws IOException {
        RequestParser parser = new RequestParser(in, Wire.limits(LIMITS));
        List<Parsed> requests = new ArrayList<>();
        try {
            for (int i = 0; i < maxRequests; i++) {
                Request request = parser.read();
                if (request == null) {
                    return new Outcome(requests, false);
                }
                checkHead(request);
                String body = Wire.text(parser.body(request).readAllBytes());
                checkBody(request.framing(), body);
                requests.add(new Parsed(request.line(), request.headers(), request.framing(), body));
            }
            return new Outcome(requests, false);
        } catch (RequestException e) {
            checkStatus(e);
            return new Outcome(requests, true);
        }
    }

    /** A refusal must carry a status the server answers with: a 4xx, or 501/505. */
    static void checkStatus(RequestException e) {
        assertThat(e.status())
                .as("status of %s", e.getMessage())
                .satisfiesAnyOf(
                        s -> assertThat(s).isBetween(400, 499),
                        s -> assertThat(s).isIn(501, 505));
        assertThat(e.statusLine()).startsWith(e.status() + " ");
    }

    static void checkHead(Request request) {
        RequestLine line = request.line();
        assertThat(line.method()).hasSizeBetween(RequestLine.MIN_METHOD, RequestLine.MAX_METHOD);
        assertThat(HttpChars.isToken(line.method(), 0, line.method().length())).isTrue();
        assertThat(line.method()).isEqualTo(line.method().toUpperCase(Locale.ROOT));
        assertThat(line.version()).isIn(RequestLine.HTTP_1_0, RequestLine.HTTP_1_1);
        assertThat(line.target()).isNotEmpty();
        for (char c : line.target().toCharArray()) {
            assertThat((int) c).as("request-target char").isBetween(0x21, 0xFF).isNotEqualTo(0x7F);
        }
        assertBytesInAString(line.raw());
        RequestTarget target = RequestTarget.parse(line.target());
        assertBytesInAString(target.rawPath());
        assertBytesInAString(target.query());
        assertThat(target.query()).doesNotContain("#");

        int hosts = 0;
        for (Header h : request.headers()) {
            assertThat(HttpChars.isToken(h.name(), 0, h.name().length()))
                    .as("header name %s is a token", h.name())
                    .isTrue();
            assertFieldValue(h.value());
            hosts += h.name().equalsIgnoreCase("host") ? 1 : 0;
        }
        assertThat(hosts).isLessThanOrEqualTo(1);

        Framing framing = request.framing();
        if (framing.chunked()) {
            assertThat(framing.contentLength()).isEqualTo(-1);
            assertThat(line.isHttp11()).isTrue();
            assertThat(request.headers()).noneMatch(h -> h.name().equalsIgnoreCase("content-length"));
        } else {
            assertThat(framing.contentLength()).isBetween(-1L, LIMITS.maxBodyBytes());
        }
        if (framing.expectContinue()) {
            assertThat(line.isHttp11()).isTrue();
        }
    }

    static void checkBody(Framing framing, String body) {
        assertBytesInAString(body);
        assertThat((long) body.length()).isLessThanOrEqualTo(LIMITS.maxBodyBytes());
        if (!framing.chunked()) {
            assertThat((long) body.length()).isEqualTo(Math.max(0, framing.contentLength()));
        }
    }

    /** A header value: chars 0-255, no control character but HTAB, no surrounding whitespace. */
    static void assertFieldValue(String value) {
        assertBytesInAString(value);
        for (char c : value.toCharArray()) {
            assertThat(HttpChars.isFieldValueChar(c))
                    .as("char %d in a header value", (int) c)
                    .isTrue();
        }
        assertThat(value).doesNotContain("\r", "\n", "\0");
        if (!value.isEmpty()) {
            assertThat(value.charAt(0)).isNotIn(' ', '\t');
            assertThat(value.charAt(value.length() - 1)).isNotIn(' ', '\t');
        }
    }

    /** PEP 3333's "bytes in a string": one char per byte, 0-255. */
    static void assertBytesInAString(String s) {
        for (int i = 0; i < s.length(); i++) {
            assertThat((int) s.charAt(i)).as("char at %d", i).isLessThanOrEqualTo(0xFF);
        }
    }
}
