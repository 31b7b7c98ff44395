package io.jwsgi.simpleserver.http1;

import io.jwsgi.Header;
import java.util.List;

/**
 * One parsed request head.
 *
 * @param line the request line
 * @param headers the header fields in order, as received
 * @param framing how the body is delimited and whether the client wants keep-alive
 */
public record Request(RequestLine line, List<Header> headers, Framing framing) {}
