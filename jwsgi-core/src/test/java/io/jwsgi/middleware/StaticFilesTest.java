package io.jwsgi.middleware;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jwsgi.Header;
import io.jwsgi.handlers.SimpleHandler;
import io.jwsgi.testing.TestClient;
import io.jwsgi.testing.TestResponse;
import io.jwsgi.util.FileWrapper;
import io.jwsgi.util.Util;
import java.io.ByteArrayOutputStream;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StaticFilesTest {

    private static final long MODIFIED = 784111777L; // Sun, 06 Nov 1994 08:49:37 GMT

    @TempDir
    Path dir;

    private Path root;
    private TestClient client;

    @BeforeEach
    void createSite() throws IOException {
        root = Files.createDirectory(dir.resolve("site"));
        write(root.resolve("hello.txt"), "Hello, world!");
        write(root.resolve("page.html"), "<p>hi</p>");
        write(root.resolve("data.bin"), "0123456789");
        write(root.resolve("caf\u00e9 au lait.css"), "b{}");
        write(root.resolve(".env"), "SECRET=1");
        Files.createDirectories(root.resolve(".well-known"));
        write(root.resolve(".well-known/security.txt"), "Contact: x");
        Files.createDirectories(root.resolve("docs"));
        write(root.resolve("docs/index.html"), "<h1>docs</h1>");
        Files.createDirectories(root.resolve("empty"));
        write(dir.resolve("secret.txt"), "outside the root");
        client = new TestClient(new StaticFiles(root));
    }

    private static void write(Path file, String content) throws IOException {
        Files.writeString(file, content, UTF_8);
        Files.setLastModifiedTime(file, FileTime.fromMillis(MODIFIED * 1000));
    }

    private TestResponse get(String target, Header... headers) throws Exception {
        return client.request("GET", target, List.of(headers), new byte[0]);
    }

    @Test
    void servesAFileWithTypeLengthValidatorsAndRanges() throws Exception {
        TestResponse response = get("/hello.txt");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.text()).isEqualTo("Hello, world!");
        assertThat(response.headers().get("Content-Type")).isEqualTo("text/plain; charset=utf-8");
        assertThat(response.headers().get("Content-Length")).isEqualTo("13");
        assertThat(response.headers().get("Last-Modified")).isEqualTo("Sun, 06 Nov 1994 08:49:37 GMT");
        assertThat(response.headers().get("ETag")).matches("\"[0-9a-f]+-d\"");
        assertThat(response.headers().get("Accept-Ranges")).isEqualTo("bytes");
    }

    @Test
    void choosesTheContentTypeByExtension() throws Exception {
        assertThat(get("/page.html").headers().get("Content-Type")).isEqualTo("text/html; charset=utf-8");
        assertThat(get("/data.bin").headers().get("Content-Type")).isEqualTo("application/octet-stream");
    }

    @Test
    void decodesPathInfoAsUtf8() throws Exception {
        TestResponse response = get("/caf%C3%A9%20au%20lait.css");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.text()).isEqualTo("b{}");
        assertThat(response.headers().get("Content-Type")).isEqualTo("text/css; charset=utf-8");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/../secret.txt",
                "/%2e%2e/secret.txt",
                "/%2E%2E%2Fsecret.txt",
                "/docs/../../secret.txt",
                "/..%5csecret.txt",
                "/.env",
                "/%2eenv",
                "/missing.txt",
                "/hello.txt/",
                "/empty/",
                "/hello.txt%00.png"
            })
    void refusesToLeaveTheRootOrShowHiddenOrMissingFiles(String target) throws Exception {
        TestResponse response = get(target);
        assertThat(response.status()).as(target).isEqualTo(404);
        assertThat(response.text()).isEqualTo("404 Not Found\n");
    }

    @Test
    void doubleEncodedDotsAreJustAName() throws Exception {
        assertThat(get("/%252e%252e/secret.txt").status()).isEqualTo(404);
        assertThat(new StaticFiles(root).resolve("/%2e%2e/secret.txt")).isNull();
    }

    @Test
    void servesTheWellKnownDirectory() throws Exception {
        assertThat(get("/.well-known/security.txt").text()).isEqualTo("Contact: x");
    }

    @Test
    void refusesSymbolicLinksOutOfTheRootButFollowsThoseInside() throws Exception {
        try {
            Files.createSymbolicLink(root.resolve("escape.txt"), dir.resolve("secret.txt"));
            Files.createSymbolicLink(root.resolve("escape-dir"), dir);
            Files.createSymbolicLink(root.resolve("alias.txt"), root.resolve("hello.txt"));
        } catch (UnsupportedOperationException | IOException e) {
            assumeTrue(false, "symbolic links are not available here: " + e);
        }
        assertThat(get("/escape.txt").status()).isEqualTo(404);
        assertThat(get("/escape-dir/secret.txt").status()).isEqualTo(404);
        assertThat(get("/alias.txt").text()).isEqualTo("Hello, world!");
    }

    @Test
    void servesADirectoryIndexAndRedirectsToTheSlash() throws Exception {
        assertThat(get("/docs/").text()).isEqualTo("<h1>docs</h1>");
        TestResponse redirect = get("/docs?x=1");
        assertThat(redirect.status()).isEqualTo(301);
        assertThat(redirect.headers().get("Location")).isEqualTo("http://localhost/docs/?x=1");
        assertThat(new TestClient(new StaticFiles(root))
                        .followRedirects(true)
                        .get("/docs")
                        .text())
                .isEqualTo("<h1>docs</h1>");
    }

    @Test
    void answersHeadWithHeadersOnly() throws Exception {
        TestResponse response = client.request("HEAD", "/hello.txt", List.of(), new byte[0]);
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.headers().get("Content-Length")).isEqualTo("13");
        assertThat(response.body()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"POST", "PUT", "DELETE"})
    void refusesOtherMethods(String method) throws Exception {
        TestResponse response = client.request(method, "/hello.txt", List.of(), new byte[0]);
        assertThat(response.status()).isEqualTo(405);
        assertThat(response.headers().get("Allow")).isEqualTo("GET, HEAD");
    }

    @Test
    void answersNotModifiedToAMatchingETag() throws Exception {
        String etag = get("/hello.txt").headers().get("ETag");
        TestResponse response = get("/hello.txt", new Header("If-None-Match", "\"other\", W/" + etag));
        assertThat(response.status()).isEqualTo(304);
        assertThat(response.body()).isEmpty();
        assertThat(response.headers().get("ETag")).isEqualTo(etag);
        assertThat(response.headers().get("Content-Type")).isNull();
        assertThat(get("/hello.txt", new Header("If-None-Match", "*")).status()).isEqualTo(304);
        assertThat(get("/hello.txt", new Header("If-None-Match", "\"other\"")).status())
                .isEqualTo(200);
    }

    @Test
    void answersNotModifiedToAnIfModifiedSinceNotBeforeTheFile() throws Exception {
        assertThat(get("/hello.txt", new Header("If-Modified-Since", "Sun, 06 Nov 1994 08:49:37 GMT"))
                        .status())
                .isEqualTo(304);
        assertThat(get("/hello.txt", new Header("If-Modified-Since", "Mon, 07 Nov 1994 00:00:00 GMT"))
                        .status())
                .isEqualTo(304);
        assertThat(get("/hello.txt", new Header("If-Modified-Since", "Sun, 06 Nov 1994 08:49:36 GMT"))
                        .status())
                .isEqualTo(200);
        assertThat(get("/hello.txt", new Header("If-Modified-Since", "yesterday"))
                        .status())
                .isEqualTo(200);
    }

    @Test
    void ifNoneMatchWinsOverIfModifiedSince() throws Exception {
        TestResponse response = get(
                "/hello.txt",
                new Header("If-None-Match", "\"other\""),
                new Header("If-Modified-Since", "Mon, 07 Nov 1994 00:00:00 GMT"));
        assertThat(response.status()).isEqualTo(200);
    }

    @Test
    void servesASingleByteRange() throws Exception {
        TestResponse response = get("/data.bin", new Header("Range", "bytes=2-5"));
        assertThat(response.status()).isEqualTo(206);
        assertThat(response.text()).isEqualTo("2345");
        assertThat(response.headers().get("Content-Range")).isEqualTo("bytes 2-5/10");
        assertThat(response.headers().get("Content-Length")).isEqualTo("4");
        assertThat(get("/data.bin", new Header("Range", "bytes=7-")).text()).isEqualTo("789");
        assertThat(get("/data.bin", new Header("Range", "bytes=-3")).text()).isEqualTo("789");
        assertThat(get("/data.bin", new Header("Range", "bytes=-30")).text()).isEqualTo("0123456789");
        assertThat(get("/data.bin", new Header("Range", "bytes=8-100"))
                        .headers()
                        .get("Content-Range"))
                .isEqualTo("bytes 8-9/10");
    }

    @Test
    void answersUnsatisfiableRangesWith416() throws Exception {
        for (String range : List.of("bytes=10-", "bytes=10-20", "bytes=-0")) {
            TestResponse response = get("/data.bin", new Header("Range", range));
            assertThat(response.status()).as(range).isEqualTo(416);
            assertThat(response.headers().get("Content-Range")).isEqualTo("bytes */10");
        }
    }

    @Test
    void ignoresMultipleMalformedOrStaleRanges() throws Exception {
        for (String range : List.of("bytes=0-1,4-5", "bytes=5-2", "bytes=x-y", "items=0-1", "bytes=1", "bytes=--1")) {
            TestResponse response = get("/data.bin", new Header("Range", range));
            assertThat(response.status()).as(range).isEqualTo(200);
            assertThat(response.text()).isEqualTo("0123456789");
        }
        String etag = get("/data.bin").headers().get("ETag");
        assertThat(get("/data.bin", new Header("Range", "bytes=0-0"), new Header("If-Range", etag))
                        .status())
                .isEqualTo(206);
        assertThat(get(
                                "/data.bin",
                                new Header("Range", "bytes=0-0"),
                                new Header("If-Range", "Sun, 06 Nov 1994 08:49:37 GMT"))
                        .status())
                .isEqualTo(206);
        assertThat(get("/data.bin", new Header("Range", "bytes=0-0"), new Header("If-Range", "\"stale\""))
                        .status())
                .isEqualTo(200);
        assertThat(get("/data.bin", new Header("Range", "bytes=0-0"), new Header("If-Range", "W/" + etag))
                        .status())
                .isEqualTo(200);
    }

    private Map<String, Object> environ(String path) {
        Map<String, Object> environ = new HashMap<>();
        environ.put("PATH_INFO", path);
        Util.setupTestingDefaults(environ);
        return environ;
    }

    @Test
    void sendsWholeFilesThroughTheServersFileWrapperOverAFileInputStream() throws Exception {
        List<InputStream> wrapped = new ArrayList<>();
        Map<String, Object> environ = environ("/hello.txt");
        environ.put("wsgi.file_wrapper", (FileWrapper.Factory) (in, blockSize) -> {
            wrapped.add(in);
            return FileWrapper.FACTORY.wrap(in, blockSize);
        });
        Iterable<byte[]> body = new StaticFiles(root).call(environ, (s, h, e) -> data -> {});
        assertThat(wrapped).singleElement().isInstanceOf(FileInputStream.class);
        assertThat(body).isInstanceOf(FileWrapper.class);
        try (FileWrapper file = (FileWrapper) body) {
            assertThat(file.fileChannel()).isNotNull();
            assertThat(file.blockSize()).isEqualTo(StaticFiles.BLOCK_SIZE);
        }
    }

    @Test
    void fallsBackToAFileWrapperAndBoundsRanges() throws Exception {
        Map<String, Object> environ = environ("/data.bin");
        environ.put("HTTP_RANGE", "bytes=3-4");
        Iterable<byte[]> body = new StaticFiles(root).call(environ, (s, h, e) -> data -> {});
        try (FileWrapper file = (FileWrapper) body) {
            assertThat(file.fileChannel()).isNull();
            assertThat(new String(file.stream().readAllBytes(), UTF_8)).isEqualTo("34");
        }
    }

    @Test
    void rejectsARootThatIsNotADirectory() {
        assertThatThrownBy(() -> new StaticFiles(root.resolve("hello.txt")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("not a directory");
        assertThatThrownBy(() -> new StaticFiles(root.resolve("nope")))
                .isInstanceOf(java.io.UncheckedIOException.class);
        assertThat(new StaticFiles(root).root()).isEqualTo(root.toAbsolutePath());
    }

    /** A real handler whose sendfile hook sends a file-backed FileWrapper through its channel. */
    private static final class SendfileHandler extends SimpleHandler {
        final ByteArrayOutputStream out;
        int sentByChannel;

        SendfileHandler(ByteArrayOutputStream out, Map<String, Object> request) {
            super(
                    InputStream.nullInputStream(),
                    out,
                    new PrintStream(new ByteArrayOutputStream(), true, UTF_8),
                    request);
            this.out = out;
        }

        @Override
        protected boolean sendfile() throws IOException {
            FileChannel channel = ((FileWrapper) result).fileChannel();
            if (channel == null) {
                return false;
            }
            if (!headersSent) {
                sendHeaders();
            }
            WritableByteChannel target = Channels.newChannel(out);
            long position = channel.position();
            long size = channel.size();
            while (position < size) {
                long n = channel.transferTo(position, size - position, target);
                position += n;
                sentByChannel += (int) n;
            }
            return true;
        }
    }

    private static Map<String, Object> handlerRequest(String path, String range) {
        Map<String, Object> request = new HashMap<>();
        request.put("REQUEST_METHOD", "GET");
        request.put("SERVER_NAME", "127.0.0.1");
        request.put("SERVER_PORT", "80");
        request.put("SERVER_PROTOCOL", "HTTP/1.1");
        request.put("SCRIPT_NAME", "");
        request.put("PATH_INFO", path);
        request.put("QUERY_STRING", "");
        if (range != null) {
            request.put("HTTP_RANGE", range);
        }
        return request;
    }

    @Test
    void aRealHandlerCanSendAWholeFileThroughItsChannel() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SendfileHandler handler = new SendfileHandler(out, handlerRequest("/data.bin", null));
        handler.run(new StaticFiles(root));
        assertThat(out.toString(UTF_8))
                .startsWith("HTTP/1.0 200 OK\r\n")
                .contains("Content-Length: 10\r\n")
                .endsWith("\r\n\r\n0123456789");
        assertThat(handler.sentByChannel).isEqualTo(10);
    }

    @Test
    void aRealHandlerIteratesARangeInsteadOfSendingTheWholeFile() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SendfileHandler handler = new SendfileHandler(out, handlerRequest("/data.bin", "bytes=2-4"));
        handler.run(new StaticFiles(root));
        assertThat(out.toString(UTF_8))
                .startsWith("HTTP/1.0 206 Partial Content\r\n")
                .contains("Content-Range: bytes 2-4/10\r\n")
                .endsWith("\r\n\r\n234");
        assertThat(handler.sentByChannel).isZero();
    }
}
