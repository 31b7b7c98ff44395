package io.jwsgi.simpleserver;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link Main#start} in-process on 127.0.0.1 and an ephemeral port: the demo application and
 * {@code serve DIR}, over real sockets.
 */
@Timeout(60)
class MainServeTest {

    private static final Pattern PORT = Pattern.compile(" port (\\d+)");

    @TempDir
    Path tmp;

    private Path site;
    private WsgiServer server;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void createSite() throws Exception {
        site = Files.createDirectories(tmp.resolve("site"));
        Files.writeString(site.resolve("hello.txt"), "Hello, file!\n");
        Files.writeString(site.resolve("style.css"), "body { color: teal }\n");
        Files.writeString(site.resolve(".env"), "SECRET=1\n");
        Files.createDirectories(site.resolve("docs"));
        Files.writeString(site.resolve("docs/index.html"), "<h1>docs</h1>\n");
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        Files.writeString(outside.resolve("secret.txt"), "top secret\n");
        Files.createSymbolicLink(site.resolve("link.txt"), outside.resolve("secret.txt"));
        Files.createSymbolicLink(site.resolve("linkdir"), outside);
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private int start(String... args) throws Exception {
        server = Main.start(
                CommandLine.parse(args),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        server.setLogRequests(false); // keep the build's output quiet; the log is on by default
        return server.getServerPort();
    }

    private TestClient.Response get(int port, String target, String... headers) throws Exception {
        return request(port, "GET", target, headers);
    }

    private static TestClient.Response request(int port, String method, String target, String... headers)
            throws Exception {
        try (TestClient client = new TestClient(port)) {
            StringBuilder raw = new StringBuilder(method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n");
            for (String header : headers) {
                raw.append(header).append("\r\n");
            }
            client.send(raw.append("Connection: close\r\n\r\n").toString());
            return client.read("HEAD".equals(method));
        }
    }

    private int printedPort() {
        Matcher m = PORT.matcher(out.toString(StandardCharsets.UTF_8));
        assertThat(m.find()).as("a port in %s", out).isTrue();
        return Integer.parseInt(m.group(1));
    }

    @Test
    void theDemoAppAnswersHelloWorldAndThePrintedLineShowsTheRealPort() throws Exception {
        int port = start("--bind", "127.0.0.1", "0");

        assertThat(port).isPositive();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("Serving HTTP on 127.0.0.1 port " + port + " ...\n");
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty(); // loopback: no warning
        TestClient.Response r = get(port, "/xyz?abc");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Content-Type")).isEqualTo("text/plain; charset=utf-8");
        assertThat(new String(r.body(), StandardCharsets.UTF_8))
                .startsWith("Hello world!\n\n")
                .contains("PATH_INFO = '/xyz'\n", "QUERY_STRING = 'abc'\n", "SERVER_PORT = '" + port + "'\n");
    }

    @Test
    void theAccessLogIsOnByDefault() throws Exception {
        server = Main.start(CommandLine.parse("0"), new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
        assertThat(server.isLogRequests()).isTrue();
    }

    @Test
    void serveAnswersAFileWithItsContentType() throws Exception {
        int port = start("serve", site.toString(), "0", "--bind", "127.0.0.1");

        assertThat(printedPort()).isEqualTo(port);
        assertThat(out.toString(StandardCharsets.UTF_8))
                .isEqualTo("Serving " + site.toAbsolutePath() + " over HTTP on 127.0.0.1 port " + port
                        + " (http://127.0.0.1:" + port + "/) ...\n");
        TestClient.Response r = get(port, "/hello.txt");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Content-Type")).isEqualTo("text/plain; charset=utf-8");
        assertThat(r.header("Content-Length")).isEqualTo("13");
        assertThat(r.header("ETag")).isNotBlank();
        assertThat(r.header("Last-Modified")).endsWith(" GMT");
        assertThat(r.text()).isEqualTo("Hello, file!\n");

        TestClient.Response css = get(port, "/style.css");
        assertThat(css.status()).isEqualTo(200);
        assertThat(css.header("Content-Type")).isEqualTo("text/css; charset=utf-8");
    }

    @Test
    void serveAnswersADirectoryWithItsIndexAndRedirectsToTheSlash() throws Exception {
        int port = start("serve", site.toString(), "0");

        TestClient.Response index = get(port, "/docs/");
        assertThat(index.status()).isEqualTo(200);
        assertThat(index.header("Content-Type")).isEqualTo("text/html; charset=utf-8");
        assertThat(index.text()).isEqualTo("<h1>docs</h1>\n");

        TestClient.Response redirect = get(port, "/docs?x=1");
        assertThat(redirect.status()).isEqualTo(301);
        assertThat(redirect.header("Location")).isEqualTo("http://127.0.0.1/docs/?x=1");

        TestClient.Response noIndex = get(port, "/");
        assertThat(noIndex.status()).isEqualTo(404); // no index.html at the root, and no listings
    }

    @Test
    void serveAnswersAMissingFileWith404AndAPlainBody() throws Exception {
        int port = start("serve", site.toString(), "0");

        TestClient.Response r = get(port, "/missing.txt");

        assertThat(r.status()).isEqualTo(404);
        assertThat(r.header("Content-Type")).isEqualTo("text/plain; charset=utf-8");
        assertThat(r.text()).isEqualTo("404 Not Found\n");
    }

    @Test
    void serveAnswersHeadWithTheHeadersOfGetAndNoBody() throws Exception {
        int port = start("serve", site.toString(), "0");
        try (TestClient client = new TestClient(port)) {
            client.send("HEAD /hello.txt HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
                    + "GET /style.css HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");

            TestClient.Response head = client.read(true);
            assertThat(head.status()).isEqualTo(200);
            assertThat(head.header("Content-Length")).isEqualTo("13");
            assertThat(head.header("Content-Type")).isEqualTo("text/plain; charset=utf-8");
            // the next response follows at once: the HEAD response carried no body
            TestClient.Response next = client.read();
            assertThat(next.statusLine()).isEqualTo("HTTP/1.1 200 OK");
            assertThat(next.text()).isEqualTo("body { color: teal }\n");
        }
    }

    @Test
    void serveAnswersIfModifiedSinceWith304() throws Exception {
        int port = start("serve", site.toString(), "0");
        String lastModified = get(port, "/hello.txt").header("Last-Modified");

        TestClient.Response r = get(port, "/hello.txt", "If-Modified-Since: " + lastModified);

        assertThat(r.status()).isEqualTo(304);
        assertThat(r.body()).isEmpty();
        assertThat(r.header("Last-Modified")).isEqualTo(lastModified);
        assertThat(r.header("Content-Type")).isNull();

        TestClient.Response stale = get(port, "/hello.txt", "If-Modified-Since: Thu, 01 Jan 1970 00:00:00 GMT");
        assertThat(stale.status()).isEqualTo(200);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/%2e%2e/outside/secret.txt",
                "/%2E%2E/outside/secret.txt",
                "/docs/%2e%2e/%2e%2e/outside/secret.txt",
                "/..%2foutside/secret.txt",
                "/link.txt",
                "/linkdir/secret.txt",
                "/.env",
                "/%2eenv"
            })
    void serveRefusesToLeaveTheDirectoryOrShowHiddenFiles(String target) throws Exception {
        int port = start("serve", site.toString(), "0");

        TestClient.Response r = get(port, target);

        assertThat(r.status()).isEqualTo(404);
        assertThat(r.text()).isEqualTo("404 Not Found\n").doesNotContain("secret", "SECRET");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/../outside/secret.txt", "/docs/../../outside/secret.txt"})
    void serveRefusesPlainDotDotSegments(String target) throws Exception {
        int port = start("serve", site.toString(), "0");

        TestClient.Response r = get(port, target);

        assertThat(r.status()).isEqualTo(404);
        assertThat(r.text()).doesNotContain("secret");
    }

    @Test
    void aServerShutDownAtOnceStopsQuietly() throws Exception {
        start("serve", site.toString(), "0");
        server.shutdown();
        server.close();
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
    }
}
