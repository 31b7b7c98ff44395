package io.jwsgi.python;

import io.jwsgi.Header;
import io.jwsgi.StartResponse;
import io.jwsgi.Write;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.Value;

/**
 * What one request's Python code reaches of the Java host (the {@code host} object of
 * jwsgi_host.py): the request body, the error stream, {@code start_response} and {@code write}.
 *
 * <p>Bytes cross as Latin-1 strings into Python (Java's compact strings and Python's {@code
 * str.encode('latin-1')} copy them in bulk, where a {@code byte[]} would cross element by element)
 * and as Python {@code bytes} buffers out of it ({@link Value#readBuffer}).
 */
public final class Host {

    private final InputStream input;
    private final PrintStream errors;
    private final StartResponse startResponse;
    private Write write;

    Host(InputStream input, PrintStream errors, StartResponse startResponse) {
        this.input = input;
        this.errors = errors;
        this.startResponse = startResponse;
    }

    /**
     * Reads up to {@code n} bytes of the body, blocking for at least one.
     *
     * @param n the most bytes to read
     * @return the bytes as a Latin-1 string, or {@code null} at the end of the body
     * @throws IOException if the body cannot be read
     */
    @HostAccess.Export
    public String read(int n) throws IOException {
        if (this.input == null) {
            return null;
        }
        byte[] buffer = new byte[Math.max(1, Math.min(n, 65536))];
        int read = this.input.read(buffer, 0, buffer.length);
        return read < 0 ? null : new String(buffer, 0, read, StandardCharsets.ISO_8859_1);
    }

    /**
     * Writes to {@code wsgi.errors}.
     *
     * @param text what to write
     * @param flush whether to flush afterwards
     */
    @HostAccess.Export
    public void err(String text, boolean flush) {
        this.errors.print(text);
        if (flush) {
            this.errors.flush();
        }
    }

    /**
     * The host's {@code start_response}.
     *
     * @param status the status line, checked by the Python side
     * @param headerBlock names and values, each followed by NUL but the last
     * @param withExcInfo whether the application passed {@code exc_info}
     * @return false when the application must raise its {@code exc_info} again (the headers went
     *     out already), true otherwise
     * @throws Exception what the host's {@code start_response} threw
     */
    @HostAccess.Export
    public boolean start(String status, String headerBlock, boolean withExcInfo) throws Exception {
        List<Header> headers = new ArrayList<>();
        if (!headerBlock.isEmpty()) {
            String[] parts = headerBlock.split("\0", -1);
            for (int i = 0; i + 1 < parts.length; i += 2) {
                headers.add(Header.of(parts[i], parts[i + 1]));
            }
        }
        Throwable marker = withExcInfo ? new ReRaise() : null;
        try {
            this.write = this.startResponse.start(status, headers, marker);
            return true;
        } catch (ReRaise e) {
            if (e == marker) {
                return false;
            }
            throw e;
        }
    }

    /**
     * The {@code write} callable that {@code start_response} returned.
     *
     * @param data a Python {@code bytes}
     * @throws IOException if writing fails
     */
    @HostAccess.Export
    public void write(Value data) throws IOException {
        if (this.write == null) {
            throw new AssertionError("write() called before start_response");
        }
        this.write.write(Chunks.bytes(data));
    }

    /** Stands for the application's {@code exc_info}: the host throws it back when it re-raises. */
    static final class ReRaise extends Exception {
        private static final long serialVersionUID = 1L;

        ReRaise() {
            super("exc_info raised again", null, false, false);
        }
    }
}
