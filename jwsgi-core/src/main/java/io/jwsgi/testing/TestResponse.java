package io.jwsgi.testing;

import io.jwsgi.headers.Headers;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Locale;
import java.util.Objects;

/**
 * What an application answered to a {@link TestClient} request: the status, the headers and the
 * whole body.
 *
 * <pre>{@code
 * TestResponse response = new TestClient(app).get("/hello");
 * assertEquals(200, response.status());
 * assertEquals("text/plain", response.headers().get("Content-Type"));
 * assertEquals("Hello world!", response.text());
 * }</pre>
 */
public final class TestResponse {

    private final String statusLine;
    private final Headers headers;
    private final byte[] body;
    private final String errors;

    TestResponse(String statusLine, Headers headers, byte[] body, String errors) {
        this.statusLine = Objects.requireNonNull(statusLine, "statusLine");
        this.headers = Objects.requireNonNull(headers, "headers");
        this.body = Objects.requireNonNull(body, "body");
        this.errors = Objects.requireNonNull(errors, "errors");
    }

    /**
     * Returns the status code.
     *
     * @return the three-digit code of the status line, for example {@code 404}
     */
    public int status() {
        return Integer.parseInt(statusLine.substring(0, 3));
    }

    /**
     * Returns the status line as the application gave it.
     *
     * @return for example {@code "404 Not Found"}
     */
    public String statusLine() {
        return statusLine;
    }

    /**
     * Returns the response headers.
     *
     * @return a {@link Headers} view over the application's header list
     */
    public Headers headers() {
        return headers;
    }

    /**
     * Returns the body: every chunk the application wrote or returned, in order.
     *
     * @return a copy of the body bytes
     */
    public byte[] body() {
        return body.clone();
    }

    /**
     * Returns the body decoded with the charset of the Content-Type header, or UTF-8 when it names
     * none (or one this JVM does not know).
     *
     * @return the body as text
     */
    public String text() {
        return new String(body, charset(headers.get("Content-Type")));
    }

    /**
     * Returns what the application wrote to {@code wsgi.errors} during the request.
     *
     * @return the error output, decoded as UTF-8
     */
    public String errors() {
        return errors;
    }

    /** The {@code charset} parameter of a Content-Type value, or UTF-8. */
    static Charset charset(String contentType) {
        if (contentType != null) {
            for (String param : contentType.split(";")) {
                String[] pair = param.trim().split("=", 2);
                if (pair.length == 2 && pair[0].trim().toLowerCase(Locale.ROOT).equals("charset")) {
                    String name = pair[1].trim().replace("\"", "");
                    try {
                        return Charset.forName(name);
                    } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
                        return StandardCharsets.UTF_8;
                    }
                }
            }
        }
        return StandardCharsets.UTF_8;
    }

    /** A summary for test failure messages: the status line, the headers and the body's size. */
    @Override
    public String toString() {
        return statusLine + " " + headers.items() + " (" + body.length + " bytes)";
    }
}
