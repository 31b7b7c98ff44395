package io.jwsgi.sample;

import io.jwsgi.Header;
import java.util.List;

/**
 * A request the sample refuses: the status to answer, a message for the client, and any headers
 * the status calls for (such as {@code Allow} with 405). Each application renders it in its own
 * format (HTML page or JSON body).
 */
final class HttpError extends Exception {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final transient List<Header> headers;

    HttpError(int status, String message, Header... headers) {
        super(message, null, false, false);
        this.status = status;
        this.headers = List.of(headers);
    }

    /** 405 with the {@code Allow} header listing what the resource does answer. */
    static HttpError methodNotAllowed(String method, String allow) {
        return new HttpError(405, "method " + method + " is not allowed here; use " + allow, Header.of("Allow", allow));
    }

    int status() {
        return status;
    }

    List<Header> headers() {
        return headers;
    }
}
