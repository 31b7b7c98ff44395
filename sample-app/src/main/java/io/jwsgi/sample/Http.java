package io.jwsgi.sample;

import io.jwsgi.Environ;
import io.jwsgi.Header;
import io.jwsgi.StartResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The small amount of HTTP the sample's applications share: status lines, the query string,
 * reading a bounded request body from {@code wsgi.input}, answering with a complete body, and
 * quoting a path for a link.
 */
final class Http {

    private Http() {}

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

    /** The request method, upper case as the server gave it. */
    static String method(Map<String, Object> environ) {
        return String.valueOf(environ.get(Environ.REQUEST_METHOD));
    }

    /** PATH_INFO, or {@code ""} when absent. */
    static String pathInfo(Map<String, Object> environ) {
        return String.valueOf(environ.getOrDefault(Environ.PATH_INFO, ""));
    }

    /**
     * The query string's parameters ({@link Forms#parse}: the first value of a repeated name
     * wins), or an empty map.
     *
     * @throws HttpError 400 for a malformed percent escape
     */
    static Map<String, String> query(Map<String, Object> environ) throws HttpError {
        String query = String.valueOf(environ.getOrDefault(Environ.QUERY_STRING, ""));
        try {
            // QUERY_STRING holds the raw bytes as Latin-1 characters (bytes-in-a-string).
            return Forms.parse(query.getBytes(StandardCharsets.ISO_8859_1));
        } catch (IllegalArgumentException e) {
            throw new HttpError(400, "malformed query string");
        }
    }

    /**
     * The media type of the request's Content-Type, lower case and without parameters, or {@code
     * ""} when there is none.
     */
    static String mediaType(Map<String, Object> environ) {
        String type = String.valueOf(environ.getOrDefault(Environ.CONTENT_TYPE, ""));
        int semicolon = type.indexOf(';');
        return (semicolon < 0 ? type : type.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
    }

    /**
     * Reads the whole request body, refusing one larger than {@code limit} bytes with 413 (before
     * reading it when CONTENT_LENGTH says so). Without CONTENT_LENGTH the body is read to its end
     * only where {@code wsgi.input_terminated} promises an end, else it is empty (PEP 3333).
     *
     * @throws HttpError 400 for a malformed CONTENT_LENGTH, 413 for a body over the limit
     */
    static byte[] readBody(Map<String, Object> environ, int limit) throws IOException, HttpError {
        InputStream in = (InputStream) environ.get(Environ.WSGI_INPUT);
        String contentLength = String.valueOf(environ.getOrDefault(Environ.CONTENT_LENGTH, ""));
        if (!contentLength.isEmpty()) {
            long length;
            try {
                length = Long.parseLong(contentLength);
            } catch (NumberFormatException e) {
                throw new HttpError(400, "malformed Content-Length");
            }
            if (length < 0) {
                throw new HttpError(400, "malformed Content-Length");
            }
            if (length > limit) {
                throw tooLarge(limit);
            }
            return in.readNBytes((int) length);
        }
        if (!Boolean.TRUE.equals(environ.get(Environ.WSGI_INPUT_TERMINATED))) {
            return new byte[0];
        }
        byte[] body = in.readNBytes(limit + 1);
        if (body.length > limit) {
            throw tooLarge(limit);
        }
        return body;
    }

    private static HttpError tooLarge(int limit) {
        return new HttpError(413, "the request body is larger than " + limit + " bytes");
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
