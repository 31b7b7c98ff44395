package io.jwsgi;

import java.util.List;

/**
 * The {@code start_response} callable of PEP 3333, handed to an {@link Application}.
 *
 * <p>It records the status line and headers of the response and returns the legacy {@link
 * Write} callable. It may be called a second time only with a non-null {@code excInfo} (to
 * replace the headers after an error); if the headers were already sent, that call re-throws
 * {@code excInfo}. A second call without {@code excInfo} is an error and throws {@link
 * AssertionError}.
 *
 * <pre>{@code
 * startResponse.start("404 Not Found", List.of(Header.of("Content-Type", "text/plain")));
 * }</pre>
 */
@FunctionalInterface
public interface StartResponse {

    /**
     * Begins the response.
     *
     * @param status a status line such as {@code "200 OK"}: three digits, a space, a reason
     * @param headers the response headers; names and values are strings of chars 0–255 without
     *     CR, LF or NUL
     * @param excInfo the exception being reported, or {@code null}
     * @return the {@code write} callable, for applications that push their body imperatively
     * @throws Exception {@code excInfo} itself when the headers were already sent, or an error
     *     for a malformed status or header
     */
    Write start(String status, List<Header> headers, Throwable excInfo) throws Exception;

    /**
     * Begins the response without an exception: {@code start(status, headers, null)}.
     *
     * @param status a status line such as {@code "200 OK"}
     * @param headers the response headers
     * @return the {@code write} callable
     * @throws Exception an error for a malformed status or header, or a second call
     */
    default Write start(String status, List<Header> headers) throws Exception {
        return start(status, headers, null);
    }
}
