package io.jwsgi.sample;

import io.jwsgi.Header;
import io.jwsgi.StartResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * How the sample's applications answer: status lines, starting a response with its type, length
 * and {@code nosniff}, a complete body, and paths quoted for the links a response holds.
 */
final class Responses {

    private Responses() {}

    /** The status line for a code, with the reason phrase of RFC 9110. */
    static String status(int code) {
        String reason = switch (code) {
            case 200 -> "OK";
            case 201 -> "Created";
            case 303 -> "See Other";
            case 400 -> "Bad Request";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 413 -> "Content Too Large";
            case 415 -> "Unsupported Media Type";
            case 503 -> "Service Unavailable";
            default -> throw new IllegalArgumentException("no reason phrase for " + code);
        };
        return code + " " + reason;
    }

    /**
     * Starts the response and returns its body: Content-Type and Content-Length first, then the
     * extra headers.
     */
    static Iterable<byte[]> send(
            StartResponse startResponse, int code, String contentType, byte[] body, List<Header> extra)
            throws Exception {
        start(startResponse, code, contentType, body.length, extra);
        return List.of(body);
    }

    /**
     * Starts a response with Content-Type, Content-Length (unless {@code contentLength} is
     * negative, meaning unknown), {@code X-Content-Type-Options: nosniff} (so browsers trust the
     * type given), then the extra headers.
     */
    static void start(StartResponse startResponse, int code, String contentType, long contentLength, List<Header> extra)
            throws Exception {
        List<Header> headers = new ArrayList<>(extra.size() + 3);
        headers.add(Header.of("Content-Type", contentType));
        if (contentLength >= 0) {
            headers.add(Header.of("Content-Length", Long.toString(contentLength)));
        }
        headers.add(Header.of("X-Content-Type-Options", "nosniff"));
        headers.addAll(extra);
        startResponse.start(status(code), headers);
    }

    /** {@link #send} with a text body encoded as UTF-8. */
    static Iterable<byte[]> send(
            StartResponse startResponse, int code, String contentType, String body, List<Header> extra)
            throws Exception {
        return send(startResponse, code, contentType, body.getBytes(StandardCharsets.UTF_8), extra);
    }

    /**
     * Percent-encodes a bytes-in-a-string path (such as SCRIPT_NAME) for use in a URL: unreserved
     * characters and {@code /} stay, every other byte becomes {@code %XX}.
     *
     * @throws IllegalArgumentException for a char above 255 (not a byte)
     */
    static String quotePath(String path) {
        StringBuilder out = new StringBuilder(path.length());
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c > 0xFF) {
                throw new IllegalArgumentException("not a bytes-in-a-string path: " + path);
            } else if ((c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || "-._~/".indexOf(c) >= 0) {
                out.append(c);
            } else {
                out.append('%').append(String.format("%02X", (int) c));
            }
        }
        return out.toString();
    }
}
