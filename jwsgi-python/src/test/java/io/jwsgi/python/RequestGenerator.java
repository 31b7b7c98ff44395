package io.jwsgi.python;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Generated HTTP/1.x requests: a copy of the generator of jwsgi-core's {@code
 * WsgiServerDifferentialTest} (test code of another module, not published), with one addition:
 * half of the request bodies hold arbitrary bytes. Methods, targets with percent-escapes of every
 * byte but NUL, queries, HTTP/1.0 and 1.1, Host or none, repeated and odd-cased {@code X-}
 * headers with obs-text and trailing whitespace, Content-Type, bodies with Content-Length, and
 * {@code Connection: close} on every request.
 */
final class RequestGenerator {

    private RequestGenerator() {}

    private static final String[] METHODS = {"GET", "GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS"};
    private static final String PATH_CHARS =
            "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~!$&'()*+,;=:@";
    private static final String TOKEN_CHARS =
            "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-!#$%&'*+.^`|~";

    static String generate(Random random) {
        String method = METHODS[random.nextInt(METHODS.length)];
        boolean withBody = (method.equals("POST") || method.equals("PUT")) && random.nextBoolean();
        StringBuilder target = new StringBuilder();
        int segments = random.nextInt(4);
        for (int s = 0; s < segments || target.length() == 0; s++) {
            target.append('/');
            int length = random.nextInt(8);
            for (int c = 0; c < length; c++) {
                if (random.nextInt(4) == 0) {
                    target.append('%').append(String.format("%02X", 1 + random.nextInt(255))); // any byte but NUL
                } else {
                    target.append(PATH_CHARS.charAt(random.nextInt(PATH_CHARS.length())));
                }
            }
        }
        if (random.nextInt(3) > 0) {
            target.append('?');
            int length = random.nextInt(12);
            for (int c = 0; c < length; c++) {
                int kind = random.nextInt(6);
                target.append(
                        kind == 0
                                ? "%" + String.format("%02x", random.nextInt(256))
                                : kind == 1
                                        ? "="
                                        : kind == 2
                                                ? "&"
                                                : kind == 3
                                                        ? "?"
                                                        : String.valueOf(PATH_CHARS.charAt(
                                                                random.nextInt(PATH_CHARS.length()))));
            }
        }
        String version = random.nextInt(3) == 0 ? "HTTP/1.0" : "HTTP/1.1";
        StringBuilder request = new StringBuilder(method + " " + target + " " + version + "\r\n");
        if (random.nextInt(4) > 0) {
            request.append("Host: ")
                    .append(random.nextBoolean() ? "127.0.0.1" : "example.org:8080")
                    .append("\r\n");
        }
        request.append("Connection: close\r\n");
        List<String> names = new ArrayList<>();
        int headers = random.nextInt(6);
        for (int h = 0; h < headers; h++) {
            String name = names.isEmpty() || random.nextInt(4) > 0
                    ? "X-" + word(random, TOKEN_CHARS, 1 + random.nextInt(10))
                    : names.get(random.nextInt(names.size())); // a repeated header
            names.add(name);
            String casing = random.nextBoolean() ? name : name.toLowerCase(java.util.Locale.ROOT);
            request.append(casing).append(':').append(random.nextBoolean() ? " " : "");
            request.append(value(random))
                    .append(random.nextInt(4) == 0 ? " \t" : "")
                    .append("\r\n");
        }
        if (random.nextInt(3) == 0) {
            request.append("Content-Type: ")
                    .append(random.nextBoolean() ? "application/json" : "text/html; charset=\"utf-8\"")
                    .append("\r\n");
        }
        String body = "";
        if (withBody) {
            // (not in core's copy) half of the bodies hold any byte, 0 to 255
            body = random.nextBoolean()
                    ? word(random, PATH_CHARS, random.nextInt(200))
                    : bytes(random, random.nextInt(300));
            request.append("Content-Length: ").append(body.length()).append("\r\n");
        }
        return request.append("\r\n").append(body).toString();
    }

    private static String bytes(Random random, int length) {
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append((char) random.nextInt(256));
        }
        return out.toString();
    }

    private static String word(Random random, String alphabet, int length) {
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return out.toString();
    }

    /** A field value: visible ASCII, inner spaces and tabs, obs-text; never empty. */
    private static String value(Random random) {
        StringBuilder out = new StringBuilder();
        int length = 1 + random.nextInt(16);
        for (int i = 0; i < length; i++) {
            int kind = random.nextInt(10);
            char c = kind == 0 && i > 0 && i < length - 1
                    ? ' '
                    : kind == 1 ? (char) (0x80 + random.nextInt(0x80)) : (char) (0x21 + random.nextInt(0x5e));
            out.append(c);
        }
        return out.toString();
    }
}
