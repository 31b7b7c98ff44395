package io.jwsgi.spring;

import io.jwsgi.Application;
import io.jwsgi.Header;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The echo application of the shared HTTP conformance harness ({@code shared/conformance/README.md},
 * "Echo contract"): reads the body, then answers a JSON object of the environ's upper-case string
 * entries, {@code wsgi.url_scheme} and {@code body_b64}. The bridge copies no process environment,
 * so nothing needs filtering.
 */
final class ConformanceEcho {

    private ConformanceEcho() {}

    static Application app() {
        return (environ, startResponse) -> {
            byte[] body = readBody(environ);
            Map<String, String> echo = new TreeMap<>();
            environ.forEach((key, value) -> {
                if (value instanceof String s && key.equals(key.toUpperCase(Locale.ROOT))) {
                    echo.put(key, s);
                }
            });
            echo.put("wsgi.url_scheme", (String) environ.get("wsgi.url_scheme"));
            echo.put("body_b64", Base64.getEncoder().encodeToString(body));
            byte[] out = json(echo).getBytes(StandardCharsets.US_ASCII);
            startResponse.start(
                    "200 OK",
                    List.of(
                            Header.of("Content-Type", "application/json"),
                            Header.of("Content-Length", Integer.toString(out.length))));
            return List.of(out);
        };
    }

    private static byte[] readBody(Map<String, Object> environ) throws java.io.IOException {
        InputStream in = (InputStream) environ.get("wsgi.input");
        String length = (String) environ.get("CONTENT_LENGTH");
        if (length != null && !length.isEmpty() && length.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return in.readNBytes(Integer.parseInt(length));
        }
        return Boolean.TRUE.equals(environ.get("wsgi.input_terminated")) ? in.readAllBytes() : new byte[0];
    }

    private static String json(Map<String, String> map) {
        StringBuilder out = new StringBuilder("{");
        map.forEach((key, value) -> {
            if (out.length() > 1) {
                out.append(',');
            }
            quote(out, key).append(':');
            quote(out, value);
        });
        return out.append('}').toString();
    }

    private static StringBuilder quote(StringBuilder out, String s) {
        out.append('"');
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20 || c > 0x7E) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"');
    }
}
