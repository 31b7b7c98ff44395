package io.jwsgi.simpleserver.http1;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.jwsgi.simpleserver.ServerLimits;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes the chunked body decoder against a reference decoder written from RFC 9112 §7.1's
 * grammar (regular expressions, no shared code). Arbitrary bytes must decode exactly as the
 * reference says or be refused with 400/413/431 where the reference refuses too or a limit was
 * passed; well-formed bodies built from the fuzzer's data must decode to their chunks and leave
 * the bytes after the body unread.
 */
class ChunkedInputStreamFuzzTest {

    /** Small limits, so that short inputs reach every limit. */
    static final ServerLimits LIMITS = RequestParserFuzzTest.LIMITS;

    /** Bytes after the body: they belong to the next request and must stay unread. */
    static final String NEXT = "NEXT";

    /** Decodes arbitrary bytes: the outcome must agree with the reference decoder. */
    @FuzzTest(maxDuration = "5m")
    @Timeout(10)
    // Dictionary entries are in libFuzzer's syntax: \xNN, \" and \\ escapes, nothing raw.
    @DictionaryEntries({
        "\\x0D\\x0A",
        "0\\x0D\\x0A\\x0D\\x0A",
        ";",
        "=\\\"",
        "\\\\\\\"",
        "Trailer: x\\x0D\\x0A",
        "Host: h\\x0D\\x0A",
        "000000000000000"
    })
    void decodesArbitraryBytesLikeTheReference(byte[] data) throws IOException {
        String input = Wire.text(data);
        Reference.Result expected = Reference.decode(input);
        ConnectionInput in = new ConnectionInput(new ByteArrayInputStream(data));
        try {
            String body = Wire.text(new ChunkedInputStream(in, Wire.limits(LIMITS)).readAllBytes());
            String rest = Wire.text(in.readAllBytes());
            assertThat(expected).as("accepted what the reference refuses").isNotNull();
            assertThat(expected.sizeLineOverLimit()).isFalse();
            assertThat(expected.trailersOverLimit()).isFalse();
            assertThat(body).isEqualTo(expected.body());
            assertThat(rest).isEqualTo(input.substring(expected.consumed()));
            assertThat((long) body.length()).isLessThanOrEqualTo(LIMITS.maxBodyBytes());
        } catch (RequestException e) {
            switch (e.status()) {
                case 400 ->
                    assertThat(expected == null || expected.sizeLineOverLimit())
                            .as("400 (%s) for a body the reference accepts", e.getMessage())
                            .isTrue();
                case 413 ->
                    assertThat(expected == null || expected.body().length() > LIMITS.maxBodyBytes())
                            .as("413 for a body within the limit")
                            .isTrue();
                case 431 ->
                    assertThat(expected == null || expected.trailersOverLimit())
                            .as("431 for trailers within the limits")
                            .isTrue();
                default -> throw new AssertionError("unexpected status " + e.status(), e);
            }
        }
    }

    /**
     * Builds a well-formed chunked body from the fuzzer's data (sizes in any case with leading
     * zeros, extensions, trailers), reads it in pieces of fuzzer-chosen sizes, and checks it decodes
     * to its chunks; also checks that {@link ChunkedOutputStream}'s encoding of the same chunks
     * decodes back.
     */
    @FuzzTest(maxDuration = "5m")
    @Timeout(10)
    void decodesWellFormedBodiesToTheirChunks(FuzzedDataProvider data) throws IOException {
        List<String> chunks = new ArrayList<>();
        StringBuilder wire = new StringBuilder();
        int count = data.consumeInt(0, 12);
        for (int i = 0; i < count; i++) {
            String chunk = Wire.text(data.consumeBytes(data.consumeInt(1, 600)));
            if (chunk.isEmpty()) {
                break;
            }
            chunks.add(chunk);
            wire.append(sizeLine(data, chunk.length())).append("\r\n");
            wire.append(chunk).append("\r\n");
        }
        wire.append(sizeLine(data, 0)).append("\r\n");
        int trailers = data.consumeInt(0, 3);
        for (int i = 0; i < trailers; i++) {
            wire.append(token(data, "X-T")).append(':').append(data.pickValue(List.of("", " ", "\t")));
            wire.append(data.consumeAsciiString(40).replaceAll("[\\x00-\\x1f\\x7f]", ""))
                    .append("\r\n");
        }
        wire.append("\r\n").append(NEXT);
        boolean trickle = data.consumeBoolean();
        int readSize = data.consumeInt(1, 9000);
        String expected = String.join("", chunks);

        Reference.Result reference = Reference.decode(wire.toString());
        assertThat(reference).as("the reference decodes the generated body").isNotNull();
        assertThat(reference.body()).isEqualTo(expected);
        assertThat(reference.consumed()).isEqualTo(wire.length() - NEXT.length());
        assertThat(reference.trailersOverLimit()).isFalse();

        InputStream source = trickle ? Wire.trickle(wire.toString()) : Wire.stream(wire.toString());
        ConnectionInput in = new ConnectionInput(source);
        ChunkedInputStream body = new ChunkedInputStream(in, Wire.limits(LIMITS));
        try {
            String decoded = readInPieces(body, readSize);
            assertThat(decoded).isEqualTo(expected);
            assertThat((long) decoded.length()).isLessThanOrEqualTo(LIMITS.maxBodyBytes());
            assertThat(Wire.text(in.readAllBytes())).isEqualTo(NEXT);
        } catch (RequestException e) {
            if (e.status() == 413) {
                assertThat((long) expected.length()).isGreaterThan(LIMITS.maxBodyBytes());
            } else {
                assertThat(e.status()).isEqualTo(400);
                assertThat(reference.sizeLineOverLimit())
                        .as("400 (%s) for a well-formed body", e.getMessage())
                        .isTrue();
            }
        }

        ByteArrayOutputStream encoded = new ByteArrayOutputStream();
        try (ChunkedOutputStream out = new ChunkedOutputStream(encoded)) {
            for (String chunk : chunks) {
                out.write(Wire.bytes(chunk));
            }
        }
        ServerLimits unlimited =
                LIMITS.toBuilder().maxBodyBytes(ServerLimits.UNLIMITED).build();
        assertThat(Wire.text(
                        new ChunkedInputStream(new ByteArrayInputStream(encoded.toByteArray()), Wire.limits(unlimited))
                                .readAllBytes()))
                .isEqualTo(expected);
    }

    /** A chunk-size line: hex in either case, maybe leading zeros, maybe extensions. */
    private static String sizeLine(FuzzedDataProvider data, int size) {
        String hex = Integer.toHexString(size);
        StringBuilder line = new StringBuilder("0".repeat(data.consumeInt(0, 3)));
        line.append(data.consumeBoolean() ? hex.toUpperCase(Locale.ROOT) : hex);
        int extensions = data.consumeInt(0, 2);
        for (int i = 0; i < extensions; i++) {
            line.append(';').append(data.pickValue(List.of("", " "))).append(token(data, "e"));
            switch (data.consumeInt(0, 2)) {
                case 1 -> line.append('=').append(token(data, "v"));
                case 2 ->
                    line.append("=\"")
                            .append(data.consumeAsciiString(20)
                                    .replaceAll("[\\x00-\\x08\\x0a-\\x1f\\x7f]", "")
                                    .replaceAll("([\"\\\\])", "\\\\$1"))
                            .append('"');
                default -> {}
            }
        }
        return line.toString();
    }

    /** A token from the fuzzer's data, or {@code fallback} if it gave no token characters. */
    private static String token(FuzzedDataProvider data, String fallback) {
        String t = data.consumeAsciiString(12).replaceAll("[^!#$%&'*+\\-.^_`|~0-9A-Za-z]", "");
        return t.isEmpty() || Reference.FORBIDDEN_TRAILER.matcher(t).matches() ? fallback : t;
    }

    private static String readInPieces(InputStream in, int size) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[size];
        for (int n; (n = in.read(buf)) >= 0; ) {
            out.write(buf, 0, n);
        }
        return Wire.text(out.toByteArray());
    }

    /**
     * An independent decoder: regular expressions for RFC 9112's chunk grammar and RFC 9110's field
     * syntax. It applies no limit but reports which ones the body passes, so callers can tell which
     * refusals are allowed.
     */
    static final class Reference {

        private static final String TCHAR = "[!#$%&'*+\\-.^_`|~0-9A-Za-z]";
        private static final String WS = "[ \\t]*";
        private static final String QUOTED =
                "\"(?:[\\t\\x20\\x21\\x23-\\x5b\\x5d-\\x7e\\x80-\\xff]" + "|\\\\[\\t\\x20-\\x7e\\x80-\\xff])*\"";
        private static final Pattern SIZE_LINE = Pattern.compile("[0-9A-Fa-f]+(?:;" + WS + TCHAR + "+" + WS + "(?:="
                + WS + "(?:" + TCHAR + "+|" + QUOTED + ")" + WS + ")?)*");
        private static final Pattern FIELD_LINE = Pattern.compile(TCHAR + "+:[\\t\\x20-\\x7e\\x80-\\xff]*");
        static final Pattern FORBIDDEN_TRAILER = Pattern.compile("(?i)host|content-length|transfer-encoding");

        /**
         * The decoded body, how many input chars it took, whether a chunk-size line is longer than
         * {@link ServerLimits#maxChunkLineBytes()}, and whether the trailer section is over the
         * header limits.
         */
        record Result(String body, int consumed, boolean sizeLineOverLimit, boolean trailersOverLimit) {}

        private Reference() {}

        /** Decodes {@code s} (one char per byte), or returns null if it is not a complete body. */
        static Result decode(String s) {
            StringBuilder body = new StringBuilder();
            boolean longLine = false;
            int pos = 0;
            while (true) {
                String line = lineAt(s, pos);
                if (line == null || !SIZE_LINE.matcher(line).matches()) {
                    return null;
                }
                longLine |= line.length() > LIMITS.maxChunkLineBytes();
                String digits = line.split(";", 2)[0].replaceFirst("^0+", "");
                if (digits.length() > 15) {
                    return null;
                }
                long size = digits.isEmpty() ? 0 : Long.parseLong(digits, 16);
                pos += line.length() + 2;
                if (size == 0) {
                    return trailers(s, pos, body.toString(), longLine);
                }
                if (s.length() - pos < size + 2 || !s.startsWith("\r\n", pos + (int) size)) {
                    return null;
                }
                body.append(s, pos, pos + (int) size);
                pos += (int) size + 2;
            }
        }

        /** The CRLF-terminated line starting at {@code pos}, or null if none (or a bare LF comes first). */
        private static String lineAt(String s, int pos) {
            int eol = s.indexOf("\r\n", pos);
            if (eol < 0 || s.indexOf('\n', pos) < eol + 1) {
                return null;
            }
            return s.substring(pos, eol);
        }

        private static Result trailers(String s, int pos, String body, boolean longLine) {
            int bytes = 0;
            int fields = 0;
            while (true) {
                String line = lineAt(s, pos);
                if (line == null) {
                    return null;
                }
                bytes += line.length() + 2;
                pos += line.length() + 2;
                if (line.isEmpty()) {
                    boolean over = bytes > LIMITS.maxHeaderBytes() || fields > LIMITS.maxHeaderFields();
                    return new Result(body, pos, longLine, over);
                }
                fields++;
                String name = line.substring(0, Math.max(0, line.indexOf(':')));
                if (!FIELD_LINE.matcher(line).matches()
                        || FORBIDDEN_TRAILER.matcher(name).matches()) {
                    return null;
                }
            }
        }
    }
}
