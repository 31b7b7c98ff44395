package io.jwsgi.simpleserver.http1;

import java.io.IOException;

/**
 * A request the server refuses, with the status to answer it with. It is an {@link IOException}
 * so that {@code wsgi.input} can throw it through the application; the connection loop maps it
 * to a short response with {@code Connection: close}.
 *
 * <p>The message is for the server's log and names the limit knob where one applies; it never
 * reaches the client (the response body is the reason phrase only).
 */
public final class RequestException extends IOException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private String requestLine;

    RequestException(int status, String message) {
        super(message);
        this.status = status;
    }

    /** 400: malformed request line, header or chunked body, or ambiguous framing. */
    static RequestException badRequest(String message) {
        return new RequestException(400, message);
    }

    /** The raw request line of the refused request, when it was read, for the access log. */
    public String requestLine() {
        return requestLine;
    }

    RequestException withRequestLine(String line) {
        this.requestLine = line;
        return this;
    }

    /** The status code to answer with: 400, 408, 413, 414, 431, 501 or 505. */
    public int status() {
        return status;
    }

    /** The status line text for {@link #status()}, e.g. {@code "400 Bad Request"}. */
    public String statusLine() {
        return status + " " + reason(status);
    }

    public static String reason(int status) {
        switch (status) {
            case 400:
                return "Bad Request";
            case 408:
                return "Request Timeout";
            case 413:
                return "Content Too Large";
            case 414:
                return "URI Too Long";
            case 431:
                return "Request Header Fields Too Large";
            case 501:
                return "Not Implemented";
            case 505:
                return "HTTP Version Not Supported";
            default:
                return "Error";
        }
    }
}
