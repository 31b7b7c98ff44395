package io.jwsgi.handlers;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jwsgi.Application;
import io.jwsgi.Header;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** SimpleHandler over in-memory streams: test_wsgiref.py's SimpleHandler cases and more. */
class SimpleHandlerTest {

    /** test_wsgiref.py's hello_app: it brings its own Date. */
    private static final Application HELLO = (environ, start) -> {
        start.start(
                "200 OK",
                List.of(Header.of("Content-Type", "text/plain"), Header.of("Date", "Mon, 05 Jun 2006 18:49:54 GMT")));
        return List.of("Hello, world!".getBytes(ISO_8859_1));
    };

    private static final String HELLO_RESPONSE = "HTTP/1.0 200 OK\r\n"
            + "Content-Type: text/plain\r\n"
            + "Date: Mon, 05 Jun 2006 18:49:54 GMT\r\n"
            + "Content-Length: 13\r\n"
            + "\r\n"
            + "Hello, world!";

    private final ByteArrayOutputStream errors = new ByteArrayOutputStream();
    private final PrintStream stderr = new PrintStream(errors, true, UTF_8);
    private final Map<String, Object> request = new HashMap<>(Map.of("SERVER_PROTOCOL", "HTTP/1.0"));

    @Test
    void anOriginServerWritesTheWholeResponseToItsStream() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new SimpleHandler(InputStream.nullInputStream(), out, stderr, request).run(HELLO);
        assertThat(out.toString(ISO_8859_1)).isEqualTo(HELLO_RESPONSE);
        assertThat(errors.size()).isZero();
    }

    @Test
    void aStreamThatTakesSmallPiecesStillGetsTheWholeResponse() {
        // test_wsgiref's testPartialWrite: a Java OutputStream has no partial writes, but one that
        // passes data on in 7-byte pieces must still see every byte in order.
        List<byte[]> pieces = new ArrayList<>();
        OutputStream sevenAtATime = new OutputStream() {
            @Override
            public void write(int b) {
                pieces.add(new byte[] {(byte) b});
            }

            @Override
            public void write(byte[] b, int off, int len) {
                for (int i = off; i < off + len; i += 7) {
                    byte[] piece = new byte[Math.min(7, off + len - i)];
                    System.arraycopy(b, i, piece, 0, piece.length);
                    pieces.add(piece);
                }
            }
        };
        new SimpleHandler(InputStream.nullInputStream(), sevenAtATime, stderr, request).run(HELLO);
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        pieces.forEach(joined::writeBytes);
        assertThat(joined.toString(ISO_8859_1)).isEqualTo(HELLO_RESPONSE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Software caused connection abort", "Broken pipe", "Connection reset by peer"})
    void clientConnectionTerminationsAreSilent(String message) {
        OutputStream aborting = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException(message);
            }
        };
        new SimpleHandler(InputStream.nullInputStream(), aborting, stderr, request).run(HELLO);
        assertThat(errors.size()).isZero();
    }

    @Test
    void theStateIsKeptWhenWritingFailsWithAnotherException() {
        class CustomException extends RuntimeException {
            private static final long serialVersionUID = 1L;
        }
        OutputStream aborting = new OutputStream() {
            @Override
            public void write(int b) {
                throw new CustomException();
            }
        };
        SimpleHandler h = new SimpleHandler(InputStream.nullInputStream(), aborting, stderr, request);
        h.run(HELLO);
        assertThat(errors.toString(UTF_8)).contains("CustomException");
        assertThat(h.result).isNotNull();
        assertThat(h.headers).isNotNull();
        assertThat(h.status).isNotNull();
        assertThat(h.environ).isNotNull();
    }

    @Test
    void theEnvironHoldsTheGivenStreamsAndVariables() {
        InputStream in = new ByteArrayInputStream("posted".getBytes(ISO_8859_1));
        AtomicReference<Map<String, Object>> seen = new AtomicReference<>();
        request.put("PATH_INFO", "/x");
        SimpleHandler h = new SimpleHandler(in, new ByteArrayOutputStream(), stderr, request);
        h.run((environ, start) -> {
            seen.set(new HashMap<>(environ));
            start.start("200 OK", List.of());
            return List.of();
        });
        assertThat(seen.get())
                .containsEntry("wsgi.input", in)
                .containsEntry("wsgi.errors", stderr)
                .containsEntry("PATH_INFO", "/x")
                .containsEntry("wsgi.multithread", true)
                .containsEntry("wsgi.multiprocess", false)
                .containsEntry("wsgi.run_once", false);
    }

    @Test
    void multithreadAndMultiprocessCanBeChosen() throws IOException {
        SimpleHandler h = new SimpleHandler(
                InputStream.nullInputStream(), new ByteArrayOutputStream(), stderr, request, false, true);
        h.setupEnviron();
        assertThat(h.environ).containsEntry("wsgi.multithread", false).containsEntry("wsgi.multiprocess", true);
        assertThat(h.originServer).isTrue();
    }

    @Test
    void everyArgumentIsRequired() {
        InputStream in = InputStream.nullInputStream();
        OutputStream out = OutputStream.nullOutputStream();
        assertThatThrownBy(() -> new SimpleHandler(null, out, stderr, request))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new SimpleHandler(in, null, stderr, request)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new SimpleHandler(in, out, null, request)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new SimpleHandler(in, out, stderr, null)).isInstanceOf(NullPointerException.class);
    }
}
