package io.jwsgi.simpleserver.http1;

import java.io.IOException;
import java.io.InputStream;

/**
 * Decodes a chunked request body (RFC 9112 §7.1), strictly: the chunk size is hex digits only (no
 * sign, whitespace or underscore, leading zeros allowed), extensions are parsed and ignored, each
 * chunk's data ends in CRLF, the trailer section is parsed under the header limits and discarded
 * (Host, Content-Length and Transfer-Encoding trailers are refused), and the final CRLF is
 * required. The body as a whole is held to {@link ParserLimits#maxBodyBytes()} (413).
 */
public final class ChunkedInputStream extends BodyInputStream {

    /** A chunk size with more significant hex digits than this cannot be a real chunk. */
    private static final int MAX_SIZE_DIGITS = 15;

    private final ConnectionInput in;
    private final ParserLimits limits;
    private final String lineTooLong;
    private long remaining;
    private boolean inChunk;
    private long total;

    /**
     * Creates a decoder reading from {@code in} (not buffered beyond the body when {@code in} is the
     * connection's own input).
     */
    public ChunkedInputStream(InputStream in, ParserLimits limits) {
        this.in = in instanceof ConnectionInput ? (ConnectionInput) in : new ConnectionInput(in);
        this.limits = limits;
        this.lineTooLong = "chunk-size line longer than " + limits.maxChunkLineBytes()
                + " bytes (raise ServerLimits.maxChunkLineBytes)";
    }

    @Override
    int readBody(byte[] b, int off, int len) throws IOException {
        if (remaining == 0) {
            if (inChunk) {
                expectCrlf();
                inChunk = false;
            }
            long size = readChunkSize();
            if (size == 0) {
                new HeaderReader(in, limits).read(true);
                return -1;
            }
            long max = limits.maxBodyBytes();
            if (max != ParserLimits.UNLIMITED && total + size > max) {
                throw new RequestException(
                        413, "chunked body over " + max + " bytes (raise ServerLimits.maxBodyBytes)");
            }
            total += size;
            remaining = size;
            inChunk = true;
        }
        int n = in.read(b, off, (int) Math.min(len, remaining));
        if (n < 0) {
            throw RequestException.badRequest("connection closed inside a chunk");
        }
        remaining -= n;
        return n;
    }

    private void expectCrlf() throws IOException {
        if (in.read() != '\r' || in.read() != '\n') {
            throw RequestException.badRequest("chunk data not followed by CRLF");
        }
    }

    private long readChunkSize() throws IOException {
        String line = in.readLine(limits.maxChunkLineBytes(), 400, lineTooLong);
        if (line == null) {
            throw RequestException.badRequest("connection closed before a chunk size");
        }
        long size = 0;
        int digits = 0;
        int i = 0;
        for (; i < line.length(); i++) {
            int v = HttpChars.hexValue(line.charAt(i));
            if (v < 0) {
                break;
            }
            if (size != 0 || v != 0) {
                digits++;
            }
            size = size * 16 + v;
            if (digits > MAX_SIZE_DIGITS) {
                throw RequestException.badRequest("chunk size too large");
            }
        }
        if (i == 0) {
            throw RequestException.badRequest("chunk size is not hex digits");
        }
        if (i < line.length()) {
            checkExtensions(line, i);
        }
        return size;
    }

    /** Parses {@code *( BWS ";" BWS name [ BWS "=" BWS ( token / quoted-string ) ] )}; refuses junk. */
    private static void checkExtensions(String line, int i) throws RequestException {
        int n = line.length();
        if (line.charAt(i) != ';') {
            throw RequestException.badRequest("chunk size followed by something other than ';'");
        }
        while (i < n) {
            i = skipWs(line, i);
            if (i >= n || line.charAt(i) != ';') {
                throw RequestException.badRequest("malformed chunk extension");
            }
            i = skipWs(line, i + 1);
            int nameStart = i;
            while (i < n && HttpChars.isTchar(line.charAt(i))) {
                i++;
            }
            if (i == nameStart) {
                throw RequestException.badRequest("chunk extension without a name");
            }
            i = skipWs(line, i);
            if (i < n && line.charAt(i) == '=') {
                i = skipWs(line, i + 1);
                i = i < n && line.charAt(i) == '"' ? skipQuoted(line, i) : skipToken(line, i);
                i = skipWs(line, i);
            }
        }
    }

    private static int skipToken(String line, int i) throws RequestException {
        int start = i;
        while (i < line.length() && HttpChars.isTchar(line.charAt(i))) {
            i++;
        }
        if (i == start) {
            throw RequestException.badRequest("chunk extension with an empty value");
        }
        return i;
    }

    private static int skipQuoted(String line, int i) throws RequestException {
        for (i++; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                return i + 1;
            }
            if (c == '\\') {
                i++;
                if (i >= line.length() || !HttpChars.isFieldValueChar(line.charAt(i))) {
                    throw RequestException.badRequest("bad escape in a chunk extension");
                }
            } else if (!HttpChars.isFieldValueChar(c)) {
                throw RequestException.badRequest("control character in a chunk extension");
            }
        }
        throw RequestException.badRequest("unterminated quoted chunk extension");
    }

    private static int skipWs(String line, int i) {
        while (i < line.length() && (line.charAt(i) == ' ' || line.charAt(i) == '\t')) {
            i++;
        }
        return i;
    }
}
