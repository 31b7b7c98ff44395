package io.jwsgi.simpleserver.http1;

import io.jwsgi.Header;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * Reads request heads one after the other from one connection's bytes, and gives each its body
 * stream. Bytes read ahead (a pipelined request) stay buffered for the next call.
 *
 * <pre>{@code
 * RequestParser parser = new RequestParser(socketIn, limits);
 * Request request = parser.read();          // null at a clean end of stream
 * InputStream body = parser.body(request);  // ends at the end of the body
 * }</pre>
 */
public final class RequestParser {

    private final ConnectionInput in;
    private final ParserLimits limits;
    private final HeaderReader headers;
    private final String lineTooLong;

    public RequestParser(InputStream in, ParserLimits limits) {
        this.in = in instanceof ConnectionInput ? (ConnectionInput) in : new ConnectionInput(in);
        this.limits = limits;
        this.headers = new HeaderReader(this.in, limits);
        this.lineTooLong = "request line longer than " + limits.maxRequestLineBytes()
                + " bytes (raise ServerLimits.maxRequestLineBytes)";
    }

    /** The connection input this parser reads from. */
    ConnectionInput input() {
        return in;
    }

    /**
     * Reads the next request head. One empty line before the request line is ignored (RFC 9112
     * §2.2).
     *
     * @return the request, or null if the stream ended before its first byte
     * @throws RequestException for a malformed or over-limit head
     */
    public Request read() throws IOException {
        String line = in.readLine(limits.maxRequestLineBytes(), 414, lineTooLong);
        if (line != null && line.isEmpty()) {
            line = in.readLine(limits.maxRequestLineBytes(), 414, lineTooLong);
        }
        if (line == null) {
            return null;
        }
        try {
            RequestLine requestLine = RequestLine.parse(line);
            List<Header> fields = headers.read(false);
            return new Request(requestLine, fields, Framing.decide(requestLine, fields, limits));
        } catch (RequestException e) {
            throw e.withRequestLine(line);
        }
    }

    /** A fresh body stream for {@code request}, reading from this parser's input. */
    public BodyInputStream body(Request request) {
        Framing framing = request.framing();
        if (framing.chunked()) {
            return new ChunkedInputStream(in, limits);
        }
        return new FixedLengthInputStream(in, Math.max(0, framing.contentLength()));
    }
}
