package io.jwsgi.validate;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Hand-built environs for the validator's tests: a complete, valid GET request. */
final class Environs {

    private Environs() {}

    /** A valid environ for {@code GET /hello?x=1} with an empty body. */
    static HashMap<String, Object> valid() {
        return withBody(new byte[0]);
    }

    /** A valid environ for a POST of {@code body} (CONTENT_LENGTH set to its length). */
    static HashMap<String, Object> withBody(byte[] body) {
        HashMap<String, Object> env = new HashMap<>();
        env.put("REQUEST_METHOD", body.length == 0 ? "GET" : "POST");
        env.put("SCRIPT_NAME", "");
        env.put("PATH_INFO", "/hello");
        env.put("QUERY_STRING", "x=1");
        env.put("SERVER_NAME", "127.0.0.1");
        env.put("SERVER_PORT", "80");
        env.put("SERVER_PROTOCOL", "HTTP/1.1");
        env.put("HTTP_HOST", "127.0.0.1");
        if (body.length > 0) {
            env.put("CONTENT_LENGTH", Integer.toString(body.length));
            env.put("CONTENT_TYPE", "application/octet-stream");
        }
        env.put("wsgi.version", List.of(1, 0));
        env.put("wsgi.url_scheme", "http");
        env.put("wsgi.input", new ByteArrayInputStream(body));
        env.put("wsgi.errors", new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        env.put("wsgi.multithread", Boolean.FALSE);
        env.put("wsgi.multiprocess", Boolean.FALSE);
        env.put("wsgi.run_once", Boolean.FALSE);
        return env;
    }

    /** {@code valid()} with {@code key} set to {@code value}, or removed when {@code value} is null. */
    static HashMap<String, Object> validWith(String key, Object value) {
        HashMap<String, Object> env = valid();
        if (value == null) {
            env.remove(key);
        } else {
            env.put(key, value);
        }
        return env;
    }

    /** Copies {@code env} into a map of another class, for the exact-type check. */
    static Map<String, Object> copyInto(Map<String, Object> target, Map<String, Object> env) {
        target.putAll(env);
        return target;
    }
}
