package io.jwsgi.sample;

import io.jwsgi.Environ;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/**
 * What the sample's applications read from a request's environ: the method, the path, the query
 * string's parameters, the media type, and a bounded body from {@code wsgi.input}.
 */
final class Requests {

    private Requests() {}

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
}
