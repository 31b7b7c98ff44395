package io.jwsgi.simpleserver;

import io.jwsgi.Application;
import io.jwsgi.Header;
import io.jwsgi.StartResponse;
import io.jwsgi.simpleserver.http1.Framing;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The echo application of the HTTP conformance harness ({@code shared/conformance/README.md},
 * "Echo contract"): reads the body first, then answers 200 with a JSON object of every
 * all-uppercase string entry of the environ (minus what was merely copied from the process
 * environment), {@code wsgi.url_scheme} and {@code body_b64}.
 */
final class EchoApp implements Application {

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

    @Override
    public Iterable<byte[]> call(Map<String, Object> environ, StartResponse startResponse) throws Exception {
        byte[] body = readBody(environ);
        Map<String, String> echo = new TreeMap<>();
        for (Map.Entry<String, Object> e : environ.entrySet()) {
            String key = e.getKey();
            if (e.getValue() instanceof String
                    && key.equals(key.toUpperCase(java.util.Locale.ROOT))
                    && !inherited(key, (String) e.getValue())) {
                echo.put(key, (String) e.getValue());
            }
        }
        echo.put("wsgi.url_scheme", (String) environ.get("wsgi.url_scheme"));
        echo.put("body_b64", Base64.getEncoder().encodeToString(body));
        byte[] out = json(echo).getBytes(StandardCharsets.US_ASCII);
        startResponse.start(
                "200 OK",
                List.of(
                        Header.of("Content-Type", "application/json"),
                        Header.of("Content-Length", Integer.toString(out.length))));
        return List.of(out);
    }

    static byte[] readBody(Map<String, Object> environ) throws Exception {
        InputStream in = (InputStream) environ.get("wsgi.input");
        Object length = environ.get("CONTENT_LENGTH");
        long n = length instanceof String ? Framing.parseDecimal((String) length) : -1;
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
