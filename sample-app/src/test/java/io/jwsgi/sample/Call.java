package io.jwsgi.sample;

import io.jwsgi.Application;
import io.jwsgi.Environ;
import io.jwsgi.Header;
import io.jwsgi.util.Util;
import io.jwsgi.validate.Validator;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs an application in-process for a unit test: a complete environ from {@link
 * Util#setupTestingDefaults}, the application wrapped in {@link Validator} (so every unit test
 * also checks the JWSGI contract), the response captured, the iterable drained and closed as a
 * server would. (A stand-in until the toolkit's {@code io.jwsgi.testing.TestClient} is on main.)
 */
final class Call {

    private Call() {}

    /** What the application answered. */
    record Reply(String status, List<Header> headers, byte[] body, Iterable<byte[]> iterable) {

        int code() {
            return Integer.parseInt(status.substring(0, 3));
        }

        /** The first value of a header (case-insensitive name), or null. */
        String header(String name) {
            return headers.stream()
                    .filter(h -> h.name().toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT)))
                    .map(Header::value)
                    .findFirst()
                    .orElse(null);
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    static Reply get(Application app, String path) throws Exception {
        return request(app, environ("GET", path, null, new byte[0]));
    }

    static Reply post(Application app, String path, String contentType, String body) throws Exception {
        return request(app, environ("POST", path, contentType, body.getBytes(StandardCharsets.UTF_8)));
    }

    /** An environ for a request at the server's root (SCRIPT_NAME empty). */
    static Map<String, Object> environ(String method, String path, String contentType, byte[] body) {
        Map<String, Object> environ = new HashMap<>();
        environ.put(Environ.REQUEST_METHOD, method);
        environ.put(Environ.SCRIPT_NAME, "");
        environ.put(Environ.PATH_INFO, path);
        environ.put(Environ.QUERY_STRING, "");
        environ.put(Environ.SERVER_PROTOCOL, "HTTP/1.1");
        if (contentType != null) {
            environ.put(Environ.CONTENT_TYPE, contentType);
        }
        if (body.length > 0 || !method.equals("GET")) {
            environ.put(Environ.CONTENT_LENGTH, Integer.toString(body.length));
        }
        environ.put(Environ.WSGI_INPUT, new ByteArrayInputStream(body));
        Util.setupTestingDefaults(environ);
        return environ;
    }

    /** Runs the application, wrapped in {@link Validator}, on the environ. */
    static Reply request(Application app, Map<String, Object> environ) throws Exception {
        return requestWithoutValidator(Validator.validator(app), environ);
    }

    /** Runs the application as it is, so the test sees the very iterable it returns. */
    static Reply requestWithoutValidator(Application app, Map<String, Object> environ) throws Exception {
        List<String> status = new ArrayList<>();
        List<Header> headers = new ArrayList<>();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        Iterable<byte[]> result = app.call(environ, (s, h, excInfo) -> {
            if (!status.isEmpty() && excInfo == null) {
                throw new AssertionError("start_response called twice");
            }
            status.clear();
            status.add(s);
            headers.clear();
            headers.addAll(h);
            return body::writeBytes;
        });
        try {
            for (byte[] chunk : result) {
                body.writeBytes(chunk);
            }
        } finally {
            if (result instanceof AutoCloseable closeable) {
                closeable.close();
            }
        }
        if (status.isEmpty()) {
            throw new AssertionError("the application never called start_response");
        }
        return new Reply(status.get(0), List.copyOf(headers), body.toByteArray(), result);
    }
}
