package io.jwsgi.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.jwsgi.Application;
import io.jwsgi.Header;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.util.ClassUtils;

/** Applications the tests mount, and how to read what they answer. */
final class TestApps {

    private TestApps() {}

    /**
     * Answers with the environ, one {@code KEY=value} line per entry, sorted, as ISO-8859-1 bytes (so
     * bytes-in-a-string values arrive byte for byte; objects other than strings and booleans as
     * {@code @class}), then {@code body=} and the request body.
     */
    static Application echo() {
        return (environ, startResponse) -> {
            byte[] body = ((InputStream) environ.get("wsgi.input")).readAllBytes();
            StringBuilder out = new StringBuilder();
            new TreeMap<>(environ).forEach((key, value) -> {
                if (value instanceof String || value instanceof Boolean) {
                    out.append(key).append('=').append(value).append('\n');
                } else {
                    out.append(key)
                            .append("=@")
                            .append(value.getClass().getName())
                            .append('\n');
                }
            });
            out.append("body=").append(new String(body, StandardCharsets.ISO_8859_1));
            startResponse.start("200 OK", List.of(Header.of("Content-Type", "text/plain; charset=iso-8859-1")));
            return List.of(out.toString().getBytes(StandardCharsets.ISO_8859_1));
        };
    }

    /** Answers {@code text} as text/plain. */
    static Application text(String text) {
        return (environ, startResponse) -> {
            startResponse.start("200 OK", List.of(Header.of("Content-Type", "text/plain; charset=utf-8")));
            return List.of(text.getBytes(StandardCharsets.UTF_8));
        };
    }

    /** Whether the tests run on Jetty (the {@code jetty-test} execution) rather than Tomcat. */
    static boolean onJetty() {
        return !ClassUtils.isPresent("org.apache.catalina.startup.Tomcat", TestApps.class.getClassLoader());
    }

    /** Parses what {@link #echo()} answered. */
    static Map<String, String> parseEcho(byte[] response) {
        String text = new String(response, StandardCharsets.ISO_8859_1);
        int bodyAt = text.lastIndexOf("body=");
        Map<String, String> env = new TreeMap<>();
        for (String line : text.substring(0, bodyAt).split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                env.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        env.put("body", text.substring(bodyAt + 5));
        return env;
    }

    /**
     * Sends raw bytes to 127.0.0.1:port (the request should say {@code Connection: close}) and
     * returns everything the server answers until it closes, within 10 s.
     */
    static byte[] raw(int port, byte[] request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request);
            socket.getOutputStream().flush();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            socket.getInputStream().transferTo(out);
            return out.toByteArray();
        }
    }

    /** Sends a raw request to an {@link #echo()} application and parses its 200 answer. */
    static Map<String, String> rawEcho(int port, String request) throws IOException {
        String text = new String(raw(port, request.getBytes(StandardCharsets.ISO_8859_1)), StandardCharsets.ISO_8859_1);
        assertThat(text).as("response to %s", request).startsWith("HTTP/1.1 200 ");
        return parseEcho(text.substring(text.indexOf("\r\n\r\n") + 4).getBytes(StandardCharsets.ISO_8859_1));
    }

    /** A chunked body (bytes in a string, complete) decoded: the chunks' data, extensions and trailers dropped. */
    static String dechunk(String s) {
        StringBuilder out = new StringBuilder();
        int at = 0;
        while (true) {
            int eol = s.indexOf("\r\n", at);
            int size = Integer.parseInt(s.substring(at, eol).split(";")[0].trim(), 16);
            if (size == 0) {
                return out.toString();
            }
            out.append(s, eol + 2, eol + 2 + size);
            at = eol + 2 + size + 2;
        }
    }
}
