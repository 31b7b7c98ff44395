package io.jwsgi.testfixtures;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The echo application of the shared HTTP conformance harness ({@code shared/conformance/README.md},
 * "Echo contract"): {@link #call} reads the body first, then answers 200 with a JSON object of
 * every all-uppercase string entry of the environ (minus what was merely copied from the process
 * environment), {@code wsgi.url_scheme} and {@code body_b64}. This module depends on no jwsgi
 * module (so that jwsgi-core's tests can use it), so a test makes it an {@code Application} with
 * {@code (environ, startResponse) -> ConformanceEcho.call(environ, (status, headers) ->
 * startResponse.start(status, ...Header.of...))}.
 */
public final class ConformanceEcho {

    /** The answer's Content-Type. */
    public static final String CONTENT_TYPE = "application/json";

    private static final Set<String> CGI_KEYS = Set.of(
            "REQUEST_METHOD",
            "SCRIPT_NAME",
            "PATH_INFO",
            "QUERY_STRING",
            "CONTENT_TYPE",
            "CONTENT_LENGTH",
            "SERVER_NAME",
            "SERVER_PORT",
            "SERVER_PROTOCOL",
            "SERVER_SOFTWARE",
            "REMOTE_ADDR",
            "REMOTE_HOST",
            "REMOTE_PORT",
            "GATEWAY_INTERFACE",
            "REQUEST_URI",
            "RAW_URI");

    private ConformanceEcho() {}

    /** A {@code start_response} of the server under test: the answer's status line and headers. */
    @FunctionalInterface
    public interface Start {
        /**
         * Starts the answer.
         *
         * @param status {@code 200 OK}
         * @param headers the header names and values, in order
         * @throws Exception as the server's {@code start_response} may
         */
        void start(String status, List<Map.Entry<String, String>> headers) throws Exception;
    }

    /**
     * The whole application: reads the body, starts the answer (200, {@link #CONTENT_TYPE} and the
     * Content-Length) and returns its body, as a WSGI application's {@code call} does.
     *
     * @param environ the request's environ
     * @param start the server's {@code start_response}
     * @return the answer's body, one chunk
     * @throws Exception if reading the body or starting the answer fails
     */
    public static List<byte[]> call(Map<String, Object> environ, Start start) throws Exception {
        byte[] out = answer(environ);
        start.start(
                "200 OK",
                List.of(
                        Map.entry("Content-Type", CONTENT_TYPE),
                        Map.entry("Content-Length", Integer.toString(out.length))));
        return List.of(out);
    }

    /**
     * Reads the request's body, then makes the answer.
     *
     * @param environ the request's environ
     * @return the answer's body: the JSON object, in ASCII
     * @throws IOException if reading {@code wsgi.input} fails
     */
    public static byte[] answer(Map<String, Object> environ) throws IOException {
        byte[] body = readBody(environ);
        Map<String, String> echo = new TreeMap<>();
        environ.forEach((key, value) -> {
            if (value instanceof String s && key.equals(key.toUpperCase(Locale.ROOT)) && !inherited(key, s)) {
                echo.put(key, s);
            }
        });
        echo.put("wsgi.url_scheme", (String) environ.get("wsgi.url_scheme"));
        echo.put("body_b64", Base64.getEncoder().encodeToString(body));
        return json(echo).getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * The request's body: {@code CONTENT_LENGTH} bytes of {@code wsgi.input} (fewer if it ends
     * first), else all of it if {@code wsgi.input_terminated}, else none.
     *
     * @param environ the request's environ
     * @return the body
     * @throws IOException if reading {@code wsgi.input} fails
     */
    public static byte[] readBody(Map<String, Object> environ) throws IOException {
        InputStream in = (InputStream) environ.get("wsgi.input");
        Object length = environ.get("CONTENT_LENGTH");
        long n = length instanceof String s ? decimal(s) : -1;
        if (n >= 0) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buf = new byte[65536];
            while (n > 0) {
                int r = in.read(buf, 0, (int) Math.min(buf.length, n));
                if (r < 0) {
                    break;
                }
                out.write(buf, 0, r);
                n -= r;
            }
            return out.toByteArray();
        }
        if (Boolean.TRUE.equals(environ.get("wsgi.input_terminated"))) {
            return in.readAllBytes();
        }
        return new byte[0];
    }

    /** 1 to 18 ASCII digits; -1 for anything else. */
    private static long decimal(String value) {
        if (value.isEmpty() || value.length() > 18 || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return -1;
        }
        return Long.parseLong(value);
    }

    /** An entry the standalone server copied from the process environment (as wsgiref does). */
    private static boolean inherited(String key, String value) {
        return !key.startsWith("HTTP_") && !CGI_KEYS.contains(key) && value.equals(System.getenv(key));
    }

    private static String json(Map<String, String> map) {
        StringBuilder b = new StringBuilder("{");
        for (Map.Entry<String, String> e : map.entrySet()) {
            if (b.length() > 1) {
                b.append(", ");
            }
            quote(b, e.getKey()).append(": ");
            quote(b, e.getValue());
        }
        return b.append('}').toString();
    }

    private static StringBuilder quote(StringBuilder b, String s) {
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20 || c > 0x7E) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.append('"');
    }
}
