package io.jwsgi;

import java.util.Map;

/**
 * A JWSGI application: the Java form of a PEP 3333 application callable.
 *
 * <p>The server calls {@link #call} once per request with the request's environ and a {@link
 * StartResponse}. The application must call {@code startResponse.start(status, headers)} before
 * (or while) producing its first body chunk, and returns the body as an iterable of byte chunks.
 * If the iterable is also {@link AutoCloseable}, the server closes it exactly once when the
 * response is finished, whether it succeeded, failed or the client went away.
 *
 * <pre>{@code
 * Application hello = (environ, startResponse) -> {
 *     startResponse.start("200 OK", List.of(Header.of("Content-Type", "text/plain; charset=utf-8")));
 *     return List.of("Hello world!\n".getBytes(StandardCharsets.UTF_8));
 * };
 * }</pre>
 *
 * @see Environ for the keys of the environ
 */
@FunctionalInterface
public interface Application {

    /**
     * Handles one request.
     *
     * @param environ the request's environ: a mutable {@link java.util.HashMap} whose CGI keys
     *     hold "bytes in a string" (one char per byte, 0–255) and whose {@code wsgi.*} keys hold
     *     the types described in {@link Environ}
     * @param startResponse the callable that begins the response
     * @return the response body, chunk by chunk; never {@code null}
     * @throws Exception anything; the server turns an exception before the headers were sent into
     *     an error response, and one after them into a closed connection
     */
    Iterable<byte[]> call(Map<String, Object> environ, StartResponse startResponse) throws Exception;
}
