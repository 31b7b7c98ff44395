/**
 * Internal: the HTTP/1.1 wire of the standalone server — request-line and header parsing, framing,
 * chunked decoding and encoding, the connection's buffered input. Not an API: its public types
 * exist only because {@link io.jwsgi.simpleserver} uses them across the package boundary, they
 * may change in any release, and they are left out of the published Javadoc.
 *
 * <p>{@link io.jwsgi.simpleserver.http1.RequestParser} reads one request head after another from
 * a {@link io.jwsgi.simpleserver.http1.ConnectionInput}, under the {@link
 * io.jwsgi.simpleserver.http1.ParserLimits} given to its constructor, and hands out each request's
 * body stream. This package imports nothing from {@code io.jwsgi.simpleserver} (the layer above)
 * and nothing outside {@code java.*} but {@link io.jwsgi.Header}.
 */
package io.jwsgi.simpleserver.http1;
