package io.jwsgi.handlers;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CgiHandler under a CGI server nobody here wrote: Debian's lighttpd with mod_cgi, on 127.0.0.1,
 * running a launcher script (as docs/cgi.md shows) that starts {@code CgiHandler.main} with {@link
 * CgiTestApp}. Skipped, saying so, where lighttpd is not installed.
 */
class CgiIntegrationTest {

    private static final String ERROR_BODY = "A server error occurred.  Please contact the administrator.";

    @TempDir
    static Path dir;

    private static Process lighttpd;
    private static URI base;
    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    @BeforeAll
    static void startLighttpd() throws IOException, InterruptedException {
        Path binary = Stream.of("/usr/sbin/lighttpd", "/usr/bin/lighttpd", "/usr/local/sbin/lighttpd")
                .map(Path::of)
                .filter(Files::isExecutable)
                .findFirst()
                .orElse(null);
        assumeTrue(
                binary != null,
                "lighttpd is not installed (apt-get install -y lighttpd): skipping the real CGI server test");

        Path docs = Files.createDirectories(dir.resolve("htdocs"));
        Path script = docs.resolve("app.cgi");
        Files.writeString(
                script,
                "#!/bin/sh\n"
                        + "exec " + quote(ChildJvm.java()) + " " + String.join(" ", ChildJvm.QUICK_START)
                        + " -cp " + quote(ChildJvm.classpath())
                        + " io.jwsgi.handlers.CgiHandler " + CgiTestApp.class.getName() + "\n");
        assertThat(script.toFile().setExecutable(true)).isTrue();

        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        Path config = dir.resolve("lighttpd.conf");
        Files.writeString(
                config,
                String.join(
                        "\n",
                        "server.document-root = \"" + docs + "\"",
                        "server.bind = \"127.0.0.1\"",
                        "server.port = " + port,
                        "server.errorlog = \"" + errorLog() + "\"",
                        "server.upload-dirs = (\"" + dir + "\")",
                        "server.modules = (\"mod_cgi\")",
                        "cgi.assign = (\".cgi\" => \"\")",
                        ""));
        lighttpd = new ProcessBuilder(binary.toString(), "-D", "-f", config.toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("lighttpd.out").toFile())
                .start();
        base = URI.create("http://127.0.0.1:" + port + "/");
        awaitListening(port);
    }

    private static void awaitListening(int port) throws IOException, InterruptedException {
        for (int attempt = 0; attempt < 200; attempt++) {
            if (!lighttpd.isAlive()) {
                throw new IllegalStateException("lighttpd exited: " + Files.readString(dir.resolve("lighttpd.out")));
            }
            try {
                new Socket(InetAddress.getLoopbackAddress(), port).close();
                return;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        throw new IllegalStateException("lighttpd did not listen on port " + port + " within 10 s");
    }

    @AfterAll
    static void stopLighttpd() throws InterruptedException {
        if (lighttpd != null) {
            lighttpd.destroy();
            if (!lighttpd.waitFor(10, TimeUnit.SECONDS)) {
                lighttpd.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    private static Path errorLog() {
        return dir.resolve("error.log");
    }

    private static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }

    private static HttpResponse<byte[]> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return CLIENT.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(base.resolve(path));
    }

    @Test
    void getPassesPathInfoQueryStringAndHeaders() throws Exception {
        HttpResponse<byte[]> response = send(request("app.cgi/hello/world?a=1&b=two%20words")
                .header("X-Test", "present")
                .GET());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/plain");
        assertThat(new String(response.body(), ISO_8859_1).lines().toList())
                .contains(
                        "REQUEST_METHOD=GET",
                        "SCRIPT_NAME=/app.cgi",
                        "PATH_INFO=/hello/world",
                        "QUERY_STRING=a=1&b=two%20words",
                        "HTTP_X_TEST=present",
                        "wsgi.run_once=true",
                        "wsgi.multithread=false",
                        "wsgi.multiprocess=true");
    }

    @Test
    void postHandsTheBodyToTheApplication() throws Exception {
        byte[] body = "name=J\u00fcrgen&note=\u2713 done\r\n\0".getBytes(UTF_8);
        HttpResponse<byte[]> response = send(request("app.cgi/echo")
                .header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(body);
        assertThat(response.headers().firstValue("Content-Length")).hasValue(Integer.toString(body.length));
    }

    @Test
    void anApplicationErrorGivesTheGenericPageAndLogsTheTracebackOnTheServer() throws Exception {
        HttpResponse<byte[]> response = send(request("app.cgi/fail").GET());
        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(new String(response.body(), ISO_8859_1)).isEqualTo(ERROR_BODY);
        // lighttpd passes its own standard error to CGI scripts; its error log holds its own messages
        String log = "";
        for (int attempt = 0; attempt < 100 && !log.contains("on purpose"); attempt++) {
            log = Files.readString(dir.resolve("lighttpd.out"), ISO_8859_1)
                    + (Files.exists(errorLog()) ? Files.readString(errorLog(), ISO_8859_1) : "");
            if (!log.contains("on purpose")) {
                Thread.sleep(50);
            }
        }
        assertThat(log)
                .contains("java.lang.IllegalStateException: cgi test failure on purpose")
                .contains("\tat io.jwsgi.handlers.CgiTestApp");
    }

    @Test
    void nonAsciiPathBytesArriveAsBytesInAString() throws Exception {
        HttpResponse<byte[]> response =
                send(request("app.cgi/caf%C3%A9/%E2%9C%93?q=%C3%A9").GET());
        assertThat(response.statusCode()).isEqualTo(200);
        List<String> lines = new String(response.body(), ISO_8859_1).lines().toList();
        // EnvironDump.escape writes each char as \\uXXXX: one char per UTF-8 byte
        assertThat(lines).contains("PATH_INFO=/caf\\u00c3\\u00a9/\\u00e2\\u009c\\u0093", "QUERY_STRING=q=%C3%A9");
    }
}
