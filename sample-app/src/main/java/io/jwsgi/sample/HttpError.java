package io.jwsgi.sample;

import io.jwsgi.Header;
import java.util.List;

/**
 * A request the sample refuses: the status to answer, a message for the client, the field at
 * fault if one is, and any headers the status calls for (such as {@code Allow} with 405). Each
 * application renders it in its own format (HTML page or problem details).
 */
final class HttpError extends Exception {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String field;
    private final transient List<Header> headers;

    HttpError(int status, String message, Header... headers) {
        this(status, message, null, headers);
    }

    HttpError(int status, String message, String field, Header... headers) {
        super(message, null, false, false);
        this.status = status;
        this.field = field;
        this.headers = List.of(headers);
    }

    /** 405 with the {@code Allow} header listing what the resource does answer. */
    static HttpError methodNotAllowed(String method, String allow) {
        return new HttpError(405, "method " + method + " is not allowed here; use " + allow, Header.of("Allow", allow));
    }

    int status() {
        return status;
    }

    /** The request field at fault ({@code "text"}, {@code "limit"}, ...), or {@code null}. */
    String field() {
        return field;
    }

    List<Header> headers() {
        return headers;
    }
}
