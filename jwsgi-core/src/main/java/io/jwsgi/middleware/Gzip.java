package io.jwsgi.middleware;

import io.jwsgi.Application;
import io.jwsgi.Environ;
import io.jwsgi.Header;
import io.jwsgi.StartResponse;
import io.jwsgi.Write;
import io.jwsgi.headers.Headers;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.zip.GZIPOutputStream;

/**
 * Compresses responses with gzip, streaming, when the client accepts it: like Rack's {@code
 * Deflater}.
 *
 * <pre>{@code
 * Application app = new Gzip(myApp);
 * }</pre>
 *
 * <p>A response is compressed when all of these hold:
 *
 * <ul>
 *   <li>the request's {@code Accept-Encoding} accepts {@code gzip} (or {@code x-gzip}, or {@code
 *       *} without an explicit {@code gzip}) with a q-value above 0, and the method is not HEAD;
 *   <li>the status is not 1xx, 204, 206 or 304, and there is no Content-Range;
 *   <li>the response has no Content-Encoding of its own, its Content-Type is not {@code
 *       text/event-stream} (server-sent events must reach the client unbuffered), and its
 *       Cache-Control does not say {@code no-transform};
 *   <li>it is not tiny: its size, when known, is at least {@value #MIN_LENGTH} bytes. The size is
 *       known from a Content-Length the application gives, or from the body itself when the
 *       application returns a {@link java.util.Collection} of one chunk (the case in which servers
 *       add a Content-Length): the headers are handed to the server when the application returns,
 *       or at its first {@code write}, whichever comes first, so that this can be seen. Streamed
 *       bodies of unknown size are compressed.
 * </ul>
 *
 * <p>Every response that could be compressed gets {@code Vary: Accept-Encoding} (merged into an
 * existing Vary), whether or not this client accepts gzip, so caches keep the variants apart. A
 * compressed response loses its Content-Length, gains {@code Content-Encoding: gzip}, and a strong
 * ETag becomes weak (the bytes differ from the uncompressed representation). The body is
 * compressed chunk by chunk with a sync flush after each non-empty chunk, so every chunk the
 * application yields (or passes to {@code write}) reaches the client as soon as it is produced;
 * nothing is buffered beyond the chunk. The returned iterable closes the application's iterable
 * and releases the compressor when the server closes it.
 */
public final class Gzip implements Application {

    /** Bodies with a Content-Length below this many bytes are not compressed. */
    public static final int MIN_LENGTH = 256;

    private final Application app;

    /**
     * Wraps an application.
     *
     * @param app the application whose responses to compress
     */
    public Gzip(Application app) {
        this.app = Objects.requireNonNull(app, "app");
    }

    @Override
    public Iterable<byte[]> call(Map<String, Object> environ, StartResponse startResponse) throws Exception {
        boolean accepted =
                !"HEAD".equals(environ.get(Environ.REQUEST_METHOD)) && acceptsGzip(environ.get("HTTP_ACCEPT_ENCODING"));
        Exchange exchange = new Exchange(startResponse, accepted);
        Iterable<byte[]> result = app.call(environ, exchange);
        exchange.returned(result);
        if (exchange.started && exchange.compressor == null) {
            exchange.passThrough = true; // a later start_response (excInfo) must not switch to gzip
            return result; // nothing to do: the server sees the application's own iterable
        }
        return new Body(result, exchange);
    }

    /** Whether an Accept-Encoding value accepts gzip (RFC 9110 section 12.5.3). */
    static boolean acceptsGzip(Object acceptEncoding) {
        if (!(acceptEncoding instanceof String value)) {
            return false;
        }
        Double gzip = null;
        Double any = null;
        for (String element : value.split(",")) {
            String[] parts = element.split(";");
            String coding = parts[0].trim().toLowerCase(Locale.ROOT);
            double q = 1;
            for (int i = 1; i < parts.length; i++) {
                String[] param = parts[i].trim().split("=", 2);
                if (param.length == 2 && param[0].trim().equalsIgnoreCase("q")) {
                    try {
                        q = Double.parseDouble(param[1].trim());
                    } catch (NumberFormatException e) {
                        q = 0; // an unreadable weight accepts nothing
                    }
                }
            }
            if (coding.equals("gzip") || coding.equals("x-gzip")) {
                gzip = q;
            } else if (coding.equals("*")) {
                any = q;
            }
        }
        if (gzip != null) {
            return gzip > 0;
        }
        return any != null && any > 0;
    }

    /** Whether a response with this status and these headers may be compressed at all. */
    static boolean compressible(int code, Headers headers) {
        return compressible(code, headers, -1);
    }

    /**
     * Whether a response may be compressed, given its body's size when the body itself tells
     * ({@code knownSize}, -1 if unknown).
     */
    static boolean compressible(int code, Headers headers, long knownSize) {
        if (knownSize >= 0 && knownSize < MIN_LENGTH) {
            return false;
        }
        if (code < 200 || code == 204 || code == 206 || code == 304 || headers.contains("Content-Range")) {
            return false;
        }
        if (headers.contains("Content-Encoding")) {
            return false;
        }
        String type = headers.get("Content-Type", "").trim().toLowerCase(Locale.ROOT);
        if (type.startsWith("text/event-stream")) {
            return false;
        }
        if (headers.get("Cache-Control", "").toLowerCase(Locale.ROOT).contains("no-transform")) {
            return false;
        }
        String length = headers.get("Content-Length");
        if (length != null) {
            try {
                return Long.parseLong(length.trim()) >= MIN_LENGTH;
            } catch (NumberFormatException e) {
                return true;
            }
        }
        return true;
    }

    /** Adds Accept-Encoding to the Vary header unless it is there already (or Vary is *). */
    static void addVary(Headers headers) {
        List<String> vary = headers.getAll("Vary");
        for (String value : vary) {
            for (String token : value.split(",")) {
                String t = token.trim();
                if (t.equals("*") || t.equalsIgnoreCase("Accept-Encoding")) {
                    return;
                }
            }
        }
        if (vary.isEmpty()) {
            headers.addHeader("Vary", "Accept-Encoding");
        } else {
            headers.set("Vary", String.join(", ", vary) + ", Accept-Encoding");
        }
    }

    /** The start_response seen by the application, and the per-response compressor. */
    private static final class Exchange implements StartResponse {
        private final StartResponse startResponse;
        private final boolean accepted;
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        boolean started;
        boolean passThrough;
        GZIPOutputStream compressor;
        /** True while the application's call runs: start_response is then held until it returns. */
        private boolean inCall = true;

        private String pendingStatus;
        private List<Header> pendingHeaders;
        private Throwable pendingExcInfo;
        private Write write;

        Exchange(StartResponse startResponse, boolean accepted) {
            this.startResponse = startResponse;
            this.accepted = accepted;
        }

        @Override
        public Write start(String status, List<Header> headers, Throwable excInfo) throws Exception {
            if (inCall && !started) {
                // Held until the application returns (or writes), when the body's size may be known.
                if (pendingStatus != null && excInfo == null) {
                    throw new AssertionError("Headers already set!");
                }
                pendingStatus = status;
                pendingHeaders = new ArrayList<>(headers);
                pendingExcInfo = excInfo;
                return this::writeHeld;
            }
            return begin(status, headers, excInfo, -1);
        }

        /** The application returned: hands over held headers, knowing a one-chunk body's size. */
        void returned(Iterable<byte[]> result) throws Exception {
            inCall = false;
            if (pendingStatus != null && !started) {
                long size = -1;
                if (result instanceof Collection<?> chunks && chunks.size() == 1) {
                    Object only = chunks.iterator().next();
                    size = only instanceof byte[] bytes ? bytes.length : -1;
                }
                begin(pendingStatus, pendingHeaders, pendingExcInfo, size);
            }
        }

        /** The write callable handed out while the headers are held. */
        private void writeHeld(byte[] data) throws IOException {
            if (!started) {
                try {
                    begin(pendingStatus, pendingHeaders, pendingExcInfo, -1);
                } catch (IOException | RuntimeException | Error e) {
                    throw e;
                } catch (Exception e) {
                    throw new IOException(e);
                }
            }
            write.write(data);
        }

        private Write begin(String status, List<Header> headers, Throwable excInfo, long knownSize) throws Exception {
            Headers h = new Headers(new ArrayList<>(headers));
            int code = statusCode(status);
            boolean compress = false;
            if (compressible(code, h, knownSize)) {
                addVary(h);
                compress = accepted && !passThrough;
            }
            if (compress) {
                h.remove("Content-Length");
                h.set("Content-Encoding", "gzip");
                String etag = h.get("ETag");
                if (etag != null && !etag.startsWith("W/")) {
                    h.set("ETag", "W/" + etag);
                }
            }
            Write server = startResponse.start(status, h.list(), excInfo);
            started = true;
            end();
            if (compress) {
                compressor = new GZIPOutputStream(buffer, true);
            }
            write = data -> {
                byte[] out = encode(Objects.requireNonNull(data, "data"));
                if (out != null) {
                    server.write(out);
                }
            };
            return write;
        }

        private static int statusCode(String status) {
            try {
                return Integer.parseInt(status.substring(0, 3));
            } catch (RuntimeException e) {
                return 0; // not compressible; the server or the validator reports the status
            }
        }

        /** The bytes to send for a chunk: the chunk itself, its compressed form, or null for none. */
        byte[] encode(byte[] chunk) throws IOException {
            if (compressor == null) {
                return chunk;
            }
            if (chunk.length == 0) {
                return null;
            }
            compressor.write(chunk);
            compressor.flush(); // SYNC_FLUSH: everything so far can be decompressed by the client
            return drain();
        }

        /** The gzip trailer (and header, if nothing was sent yet), or null when not compressing. */
        byte[] finish() throws IOException {
            if (compressor == null) {
                return null;
            }
            compressor.finish();
            byte[] out = drain();
            end();
            return out;
        }

        private byte[] drain() {
            byte[] out = buffer.toByteArray();
            buffer.reset();
            return out.length == 0 ? null : out;
        }

        /** Releases the compressor's native memory. */
        void end() {
            if (compressor != null) {
                try {
                    compressor.close();
                } catch (IOException e) {
                    throw new UncheckedIOException(e); // cannot happen: the target is in memory
                }
                compressor = null;
                buffer.reset();
            }
        }
    }

    /** The response body: the application's chunks, compressed when the exchange decided so. */
    // close() passes on exactly what the application's close() throws, InterruptedException included.
    @SuppressWarnings("try")
    private static final class Body implements Iterable<byte[]>, AutoCloseable {
        private final Iterable<byte[]> result;
        private final Exchange exchange;

        Body(Iterable<byte[]> result, Exchange exchange) {
            this.result = result;
            this.exchange = exchange;
        }

        @Override
        public Iterator<byte[]> iterator() {
            Iterator<byte[]> inner = result.iterator();
            return new Iterator<>() {
                private byte[] next;
                private boolean ended;

                @Override
                public boolean hasNext() {
                    try {
                        while (next == null && !ended) {
                            if (inner.hasNext()) {
                                next = exchange.encode(inner.next());
                            } else {
                                ended = true;
                                next = exchange.finish();
                            }
                        }
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    return next != null;
                }

                @Override
                public byte[] next() {
                    if (!hasNext()) {
                        throw new NoSuchElementException();
                    }
                    byte[] chunk = next;
                    next = null;
                    return chunk;
                }
            };
        }

        @Override
        public void close() throws Exception {
            try {
                exchange.end();
            } finally {
                if (result instanceof AutoCloseable closeable) {
                    closeable.close();
                }
            }
        }
    }
}
