package io.jwsgi.validate;

import io.jwsgi.util.Util;
import java.io.ByteArrayInputStream;
import java.util.HashMap;
import java.util.Map;

/** Hand-built environs for the validator's tests: a complete, valid GET request. */
final class Environs {

    private Environs() {}

    /** A valid environ for {@code GET /hello?x=1} with an empty body. */
    static HashMap<String, Object> valid() {
        return withBody(new byte[0]);
    }

    /**
     * A valid environ for a POST of {@code body} (GET when empty) to {@code /hello?x=1}: the request
     * keys by hand, the rest from {@link Util#setupTestingDefaults}.
     */
    static HashMap<String, Object> withBody(byte[] body) {
        HashMap<String, Object> env = new HashMap<>();
        env.put("REQUEST_METHOD", body.length == 0 ? "GET" : "POST");
        env.put("SCRIPT_NAME", "");
        env.put("PATH_INFO", "/hello");
        env.put("QUERY_STRING", "x=1");
        if (body.length > 0) {
            env.put("CONTENT_LENGTH", Integer.toString(body.length));
            env.put("CONTENT_TYPE", "application/octet-stream");
        }
        env.put("wsgi.input", new ByteArrayInputStream(body));
        Util.setupTestingDefaults(env);
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
