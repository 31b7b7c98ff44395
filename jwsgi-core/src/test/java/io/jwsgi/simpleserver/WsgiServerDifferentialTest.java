package io.jwsgi.simpleserver;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jwsgi.Application;
import io.jwsgi.Header;
import io.jwsgi.testfixtures.PythonProcess;
import io.jwsgi.testfixtures.RequestGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
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

    private static PythonProcess python;
    private static int pythonPort;
    private static final Set<String> processVariables =
            new HashSet<>(System.getenv().keySet());

    @BeforeAll
    static void startWsgiref(@TempDir Path dir) throws Exception {
        Path script = dir.resolve("wsgiref_dump_server.py");
        Files.writeString(script, WSGIREF_SERVER);
        python = PythonProcess.start(List.of(script.toString()), ProcessBuilder.Redirect.DISCARD);
        if (python == null) {
            return;
        }
        String port = python.readLine(Duration.ofSeconds(60));
        String keys = python.readLine(Duration.ofSeconds(60));
        assertThat(port).as("wsgiref's port").isNotNull().matches("\\d+");
        pythonPort = Integer.parseInt(port);
        processVariables.addAll(List.of(keys.split("\t")));
    }

    @AfterAll
    static void stopWsgiref() {
        if (python != null) {
            python.close();
        }
    }

    @Test
    void generatedRequestsGiveTheEnvironOfWsgiref() throws Exception {
        assumeTrue(python != null, "python3 is not on the PATH: the differential test against wsgiref is skipped");
        RequestGenerator generator = RequestGenerator.forWsgiref();
        Random random = new Random(20261201);
        Set<String> compared = new TreeSet<>();
        int leadingSlashes = 0;
        try (RunningServer jwsgi = new RunningServer(DUMP)) {
            for (int i = 0; i < REQUESTS; i++) {
                String request = generator.generate(random);
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
        assertThat(compared).containsAll(RequestGenerator.REACHED_VARIABLES);
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
}
