package io.jwsgi.simpleserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jwsgi.Application;
import io.jwsgi.Header;
import io.jwsgi.Write;
import io.jwsgi.simpleserver.http1.Wire;
import io.jwsgi.util.FileWrapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class ServerHandlerTest {

    /** Answers with the given chunks and headers. */
    private static Application answering(String status, List<Header> headers, String... chunks) {
        return (env, sr) -> {
            sr.start(status, headers);
            List<byte[]> out = new ArrayList<>();
            for (String c : chunks) {
                out.add(Wire.bytes(c));
            }
            return out;
        };
    }

    @Test
    void aResponseWithoutLengthIsChunkedOnHttp11AndTheConnectionStays() throws Exception {
        try (RunningServer s = new RunningServer(answering("200 OK", List.of(), "hello ", "", "world"));
                TestClient c = s.client()) {
            c.send("GET / HTTP/1.1\r\n\r\nGET / HTTP/1.1\r\n\r\n");
            for (int i = 0; i < 2; i++) {
                TestClient.Response r = c.read();
                assertThat(r.header("Transfer-Encoding")).isEqualTo("chunked");
                assertThat(r.header("Content-Length")).isNull();
                assertThat(r.text()).isEqualTo("hello world");
            }
        }
    }

    @Test
    void aResponseWithoutLengthIsCloseDelimitedOnHttp10() throws Exception {
        try (RunningServer s = new RunningServer(answering("200 OK", List.of(), "a", "b"));
                TestClient c = s.client()) {
            c.send("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
            TestClient.Response r = c.read();
            assertThat(r.header("Transfer-Encoding")).isNull();
            assertThat(r.header("Connection")).isEqualTo("close");
            assertThat(r.text()).isEqualTo("ab");
        }
    }

    @Test
    void aSingleChunkGetsContentLengthAndThePreambleHasDateAndServer() throws Exception {
        try (RunningServer s = new RunningServer(answering("201 Created", List.of(), "done"));
                TestClient c = s.client()) {
            c.send("GET / HTTP/1.1\r\n\r\n");
            TestClient.Response r = c.read();
            assertThat(r.statusLine()).isEqualTo("HTTP/1.1 201 Created");
            assertThat(r.header("Content-Length")).isEqualTo("4");
            assertThat(r.header("Server")).isEqualTo(SimpleServer.SOFTWARE_VERSION);
            assertThat(r.header("Date")).endsWith(" GMT");
        }
    }

    @Test
    void headGetsTheHeadersOfGetWithoutABody() throws Exception {
        Application app = answering("200 OK", List.of(Header.of("Content-Length", "5")), "hello");
        try (RunningServer s = new RunningServer(app);
                TestClient c = s.client()) {
            c.send("HEAD / HTTP/1.1\r\n\r\nHEAD / HTTP/1.1\r\n\r\nGET / HTTP/1.1\r\n\r\n");
            TestClient.Response r = c.read(true);
            assertThat(r.header("Content-Length")).isEqualTo("5");
            assertThat(c.read(true).header("Content-Length")).isEqualTo("5");
            assertThat(c.read().text()).isEqualTo("hello");
        }
        try (RunningServer s = new RunningServer(answering("200 OK", List.of(), "ab", "c"));
                TestClient c = s.client()) {
            c.send("HEAD / HTTP/1.1\r\n\r\nGET / HTTP/1.1\r\n\r\n");
            TestClient.Response head = c.read(true);
            assertThat(head.header("Transfer-Encoding")).isNull();
            assertThat(c.read().text()).isEqualTo("abc");
        }
    }

    @Test
    void noContentAndNotModifiedHaveNoBodyFraming() throws Exception {
        try (RunningServer s = new RunningServer(answering("204 No Content", List.of()));
                TestClient c = s.client()) {
            c.send("GET / HTTP/1.1\r\n\r\nGET / HTTP/1.1\r\n\r\n");
            TestClient.Response r = c.read();
            assertThat(r.status()).isEqualTo(204);
            assertThat(r.header("Transfer-Encoding")).isNull();
            assertThat(c.read().status()).isEqualTo(204);
        }
    }

    @Test
    void theWriteCallableStreamsChunks() throws Exception {
        Application app = (env, sr) -> {
            Write write = sr.start("200 OK", List.of());
            write.write(Wire.bytes("pushed "));
            return List.of(Wire.bytes("and returned"));
        };
        try (RunningServer s = new RunningServer(app);
                TestClient c = s.client()) {
            c.send("GET / HTTP/1.1\r\n\r\n");
            assertThat(c.read().text()).isEqualTo("pushed and returned");
        }
    }

    @Test
    void anAppErrorBeforeTheHeadersIs500WithoutDetails() throws Exception {
        Application app = (env, sr) -> {
            throw new IllegalStateException("secret detail");
        };
        try (RunningServer s = new RunningServer(app);
                TestClient c = s.client()) {
            c.send("GET / HTTP/1.1\r\n\r\n");
            TestClient.Response r = c.read();
            assertThat(r.status()).isEqualTo(500);
            assertThat(r.text()).doesNotContain("secret").contains("server error");
        }
    }

    @Test
    void anAppErrorAfterTheHeadersClosesTheConnectionAndTheIterable() throws Exception {
        AtomicInteger closed = new AtomicInteger();
        class Failing implements Iterable<byte[]>, AutoCloseable {
            @Override
            public Iterator<byte[]> iterator() {
                return new Iterator<>() {
                    int n;

                    @Override
                    public boolean hasNext() {
                        return true;
                    }

                    @Override
                    public byte[] next() {
                        if (n++ == 1) {
                            throw new IllegalStateException("broken generator");
                        }
                        return Wire.bytes("first");
                    }
                };
            }

            @Override
            public void close() {
                closed.incrementAndGet();
            }
        }
        Application app = (env, sr) -> {
            sr.start("200 OK", List.of());
            return new Failing();
        };
        try (RunningServer s = new RunningServer(app);
                TestClient c = s.client()) {
            c.send("GET / HTTP/1.1\r\n\r\n");
            assertThatThrownBy(c::read)
                    .as("the chunked body ends without its last chunk: the client sees the truncation")
                    .isInstanceOf(IOException.class);
        }
        assertThat(closed).hasValue(1);
    }

    @Test
    void aFileResultGoesOutThroughTransferToWithItsLength(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("data.bin");
        byte[] content = new byte[100_000];
        for (int i = 0; i < content.length; i++) {
            content[i] = (byte) (i * 31);
        }
        Files.write(file, content);
        AtomicInteger channels = new AtomicInteger();
        Application app = (env, sr) -> {
            sr.start("200 OK", List.of(Header.of("Content-Type", "application/octet-stream")));
            FileWrapper wrapper = new FileWrapper(new FileInputStream(file.toFile()));
            if (wrapper.fileChannel() != null) {
                channels.incrementAndGet();
            }
            return wrapper;
        };
        try (RunningServer s = new RunningServer(app);
                TestClient c = s.client()) {
            c.send("GET /f HTTP/1.1\r\n\r\nGET /f HTTP/1.1\r\n\r\n");
            for (int i = 0; i < 2; i++) {
                TestClient.Response r = c.read();
                assertThat(r.header("Content-Length")).isEqualTo("100000");
                assertThat(r.body()).isEqualTo(content);
            }
            c.send("HEAD /f HTTP/1.1\r\n\r\n");
            assertThat(c.read(true).header("Transfer-Encoding")).isEqualTo(null);
        }
        assertThat(channels).hasValue(3);
    }

    /**
     * A client slower than the server fills the socket's send buffer. On a virtual thread
     * (Java 21+) {@code transferTo} then returns 0 instead of blocking; every byte must still
     * arrive, on whatever thread the connection is served.
     */
    @Test
    void aFileGoesOutWholeToAClientThatReadsSlowly(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("big.bin");
        byte[] content = new byte[4 * 1024 * 1024];
        new Random(7).nextBytes(content);
        Files.write(file, content);
        Application app = (env, sr) -> {
            sr.start("200 OK", List.of(Header.of("Content-Type", "application/octet-stream")));
            return new FileWrapper(new FileInputStream(file.toFile()));
        };
        try (RunningServer s = new RunningServer(app);
                Socket socket = new Socket()) {
            socket.setReceiveBufferSize(8192);
            socket.setSoTimeout(30_000);
            socket.connect(new InetSocketAddress("127.0.0.1", s.port()));
            socket.getOutputStream().write(Wire.bytes("GET /big HTTP/1.1\r\nConnection: close\r\n\r\n"));
            socket.getOutputStream().flush();
            Thread.sleep(300); // let the server fill every buffer between it and us
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[8192];
            int reads = 0;
            for (int n; (n = in.read(buffer)) > 0; ) {
                received.write(buffer, 0, n);
                if (++reads % 16 == 0) {
                    Thread.sleep(1); // a slow reader, for the first part of the body at least
                }
            }
            byte[] all = received.toByteArray();
            String head = new String(all, 0, Math.min(all.length, 512), StandardCharsets.ISO_8859_1);
            int bodyStart = head.indexOf("\r\n\r\n") + 4;
            assertThat(head).startsWith("HTTP/1.1 200 OK").contains("Content-Length: " + content.length);
            assertThat(all.length - bodyStart).isEqualTo(content.length);
            assertThat(Arrays.copyOfRange(all, bodyStart, all.length)).isEqualTo(content);
        }
    }

    @Test
    void aFileWrapperOverAPlainStreamIsIterated() throws Exception {
        Application app = (env, sr) -> {
            sr.start("200 OK", List.of());
            return new FileWrapper(new ByteArrayInputStream(Wire.bytes("x".repeat(20_000))), 4096);
        };
        try (RunningServer s = new RunningServer(app);
                TestClient c = s.client()) {
            c.send("GET / HTTP/1.1\r\n\r\n");
            TestClient.Response r = c.read();
            assertThat(r.header("Transfer-Encoding")).isEqualTo("chunked");
            assertThat(r.text()).hasSize(20_000);
        }
    }

    @Test
    void aFileShorterThanItsDeclaredLengthClosesTheConnection(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("short.txt");
        Files.write(file, Wire.bytes("short"));
        Application app = (env, sr) -> {
            sr.start("200 OK", List.of(Header.of("Content-Length", "10")));
            return new FileWrapper(new FileInputStream(file.toFile()));
        };
        try (RunningServer s = new RunningServer(app);
                TestClient c = s.client()) {
            c.send("GET / HTTP/1.1\r\n\r\n");
            TestClient.Response r = c.read(true);
            assertThat(r.header("Connection")).isEqualTo("close");
        }
    }
}
