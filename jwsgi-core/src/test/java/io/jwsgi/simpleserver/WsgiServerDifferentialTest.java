package io.jwsgi.simpleserver;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jwsgi.Application;
import io.jwsgi.Header;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same generated requests, sent over real sockets to CPython's {@code
 * wsgiref.simple_server} and to jwsgi's standalone server, give equal environs key by key (SPEC
 * §3): every CGI variable, except those that depend on the server or the socket ({@code
 * SERVER_SOFTWARE}, {@code SERVER_PORT}, {@code REMOTE_PORT}, which wsgiref does not set) and the
 * variables of each process's own environment (both copy it into every environ, as wsgiref's
 * {@code os_environ} does). The application reads the body; its length is compared too. One
 * deliberate difference is allowed for: a path starting with {@code //} keeps its slashes here,
 * where {@code http.server} reduces them to one.
 *
 * <p>Skipped, with a message, where {@code python3} is not on the PATH.
 */
@Timeout(120)
class WsgiServerDifferentialTest {

    private static final HexFormat HEX = HexFormat.of();
    private static final int REQUESTS = 300;

    /** wsgiref's server with an app that lists the str-valued CGI variables, hex-encoded. */
    private static final String WSGIREF_SERVER = """
            import os, sys
            from wsgiref.simple_server import make_server, WSGIRequestHandler
            class Quiet(WSGIRequestHandler):
                def log_message(self, *args):
                    pass
            def app(environ, start_response):
                n = environ.get('CONTENT_LENGTH') or '0'
                body = environ['wsgi.input'].read(int(n)) if n.isdigit() else b''
                lines = [k + '\\t' + v.encode('latin-1').hex()
                         for k, v in sorted(environ.items()) if '.' not in k and isinstance(v, str)]
                lines.append('body\\t' + str(len(body)).encode().hex())
                out = ('\\n'.join(lines) + '\\n').encode('ascii')
                start_response('200 OK', [('Content-Type', 'text/plain'), ('Content-Length', str(len(out)))])
                return [out]
            httpd = make_server('127.0.0.1', 0, app, handler_class=Quiet)
            print(httpd.server_port, '\\t'.join(os.environ), sep='\\n', flush=True)
            httpd.serve_forever()
            """;

    /** The same application in Java. */
    private static final Application DUMP = (environ, startResponse) -> {
        String n = (String) environ.getOrDefault("CONTENT_LENGTH", "");
        InputStream input = (InputStream) environ.get("wsgi.input");
        int body = n.isEmpty() ? 0 : input.readNBytes(Integer.parseInt(n)).length;
        StringBuilder out = new StringBuilder();
        new TreeMap<>(environ).forEach((k, v) -> {
            if (k.indexOf('.') < 0 && v instanceof String s) {
                out.append(k)
                        .append('\t')
                        .append(HEX.formatHex(s.getBytes(ISO_8859_1)))
                        .append('\n');
            }
        });
        out.append("body\t")
                .append(HEX.formatHex(Integer.toString(body).getBytes(ISO_8859_1)))
                .append('\n');
        byte[] bytes = out.toString().getBytes(ISO_8859_1);
        startResponse.start("200 OK", List.of(Header.of("Content-Type", "text/plain")));
        return List.of(bytes);
    };

    private static Process python;
    private static int pythonPort;
    private static final Set<String> processVariables =
            new HashSet<>(System.getenv().keySet());

    @BeforeAll
    static void startWsgiref(@TempDir Path dir) throws Exception {
        Path script = dir.resolve("wsgiref_dump_server.py");
        Files.writeString(script, WSGIREF_SERVER);
        try {
            python = new ProcessBuilder("python3", script.toString())
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
        } catch (IOException e) {
            python = null;
            return;
        }
        BufferedReader lines = new BufferedReader(new InputStreamReader(python.getInputStream(), ISO_8859_1));
        String port = lines.readLine();
        String keys = lines.readLine();
        assertThat(port).as("wsgiref's port").isNotNull().matches("\\d+");
        pythonPort = Integer.parseInt(port);
        processVariables.addAll(List.of(keys.split("\t")));
    }

    @AfterAll
    static void stopWsgiref() throws InterruptedException {
        if (python != null) {
            python.destroy();
            if (!python.waitFor(10, TimeUnit.SECONDS)) {
                python.destroyForcibly();
            }
        }
    }

    @Test
    void generatedRequestsGiveTheEnvironOfWsgiref() throws Exception {
        assumeTrue(python != null, "python3 is not on the PATH: the differential test against wsgiref is skipped");
        Random random = new Random(20261201);
        Set<String> compared = new TreeSet<>();
        int leadingSlashes = 0;
        try (RunningServer jwsgi = new RunningServer(DUMP)) {
            for (int i = 0; i < REQUESTS; i++) {
                String request = generate(random);
                Map<String, String> expected = environOf(pythonPort, request);
                Map<String, String> actual = environOf(jwsgi.port(), request);
                Set<String> keys = new TreeSet<>(expected.keySet());
                keys.addAll(actual.keySet());
                keys.removeAll(processVariables);
                keys.removeAll(Set.of("SERVER_SOFTWARE", "SERVER_PORT", "REMOTE_PORT"));
                if (request.indexOf(" //") == request.indexOf(' ')) {
                    // Deliberate difference (docs/server.md): http.server reduces leading slashes
                    // to one; jwsgi keeps the path as sent, as the conformance corpus requires.
                    actual.put("PATH_INFO", actual.get("PATH_INFO").replaceFirst("^/+", "/"));
                    leadingSlashes++;
                }
                for (String key : keys) {
                    assertThat(actual.get(key))
                            .as("%s of request %d:%n%s", key, i, request.replace("\r\n", "\\r\\n\n"))
                            .isEqualTo(expected.get(key));
                }
                compared.addAll(keys);
            }
        }
        // the generator reaches every kind of variable: request line, body framing, headers
        assertThat(compared)
                .contains(
                        "REQUEST_METHOD",
                        "PATH_INFO",
                        "QUERY_STRING",
                        "SERVER_PROTOCOL",
                        "CONTENT_TYPE",
                        "CONTENT_LENGTH",
                        "HTTP_HOST",
                        "HTTP_CONNECTION",
                        "SCRIPT_NAME",
                        "SERVER_NAME",
                        "REMOTE_ADDR",
                        "REMOTE_HOST",
                        "GATEWAY_INTERFACE",
                        "body");
        assertThat(compared.stream().filter(k -> k.startsWith("HTTP_X_")).count())
                .isGreaterThan(20);
        // fields named like CGI variables reached both sides, mapped or skipped as wsgiref does
        assertThat(compared).contains("HTTP_REMOTE_USER", "HTTP_HTTPS", "HTTP_HTTP_X_A");
        assertThat(leadingSlashes).as("requests whose path starts with //").isPositive();
    }

    /** Sends one request on a connection of its own and parses the dump the app answered. */
    private static Map<String, String> environOf(int port, String request) throws IOException {
        try (Socket socket = new Socket()) {
            socket.setSoTimeout(10_000);
            socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
            socket.getOutputStream().write(request.getBytes(ISO_8859_1));
            socket.getOutputStream().flush();
            ByteArrayOutputStream response = new ByteArrayOutputStream();
            socket.getInputStream().transferTo(response);
            String text = response.toString(ISO_8859_1);
            assertThat(text).as("response to%n%s", request).startsWith("HTTP/1.");
            assertThat(text.substring(9, 12)).as("status for%n%s", request).isEqualTo("200");
            Map<String, String> environ = new TreeMap<>();
            for (String line : text.substring(text.indexOf("\r\n\r\n") + 4).split("\n")) {
                int tab = line.indexOf('\t');
                if (tab > 0) {
                    environ.put(line.substring(0, tab), new String(HEX.parseHex(line.substring(tab + 1)), ISO_8859_1));
                }
            }
            return environ;
        }
    }

    // ---- the generator ----

    private static final String[] METHODS = {"GET", "GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS"};
    /**
     * Field names that map to a CGI variable (skipped where the variable is set), or to an {@code
     * HTTP_} key another field may have set ({@code Http-Host}). Not {@code Remote-Port}: jwsgi
     * sets REMOTE_PORT, wsgiref does not.
     */
    private static final String[] CGI_NAMED = {
        "Script-Name",
        "Path-Info",
        "Query-String",
        "Server-Name",
        "Server-Port",
        "Server-Protocol",
        "Server-Software",
        "Request-Method",
        "Remote-Addr",
        "Remote-Host",
        "Gateway-Interface",
        "Remote-User",
        "Auth-Type",
        "Https",
        "Http-Host",
        "Http-X-A",
        "X-A"
    };

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
            int kind = random.nextInt(8);
            String name = kind == 0
                    ? CGI_NAMED[random.nextInt(CGI_NAMED.length)] // wsgiref's 'if k in env: continue'
                    : names.isEmpty() || kind > 2
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
            body = word(random, PATH_CHARS, random.nextInt(200));
            request.append("Content-Length: ").append(body.length()).append("\r\n");
        }
        return request.append("\r\n").append(body).toString();
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
