package io.jwsgi.simpleserver.http1;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The buffered input side of one connection. Its read-ahead buffer lives as long as the
 * connection, so bytes of a pipelined request that arrived with the previous one are kept for
 * the next. It reads CRLF-terminated lines with a length limit, and (when built over a socket)
 * applies the current timeout: a per-read timeout, an overall deadline, or both.
 */
public final class ConnectionInput extends InputStream {

    public static final int DEFAULT_BUFFER_SIZE = 8192;

    private final InputStream in;
    private final Socket socket;
    private byte[] buf;
    private int pos;
    private int end;

    private int readTimeoutMillis;
    private long deadlineNanos;
    private String timeoutMessage;
    private int appliedTimeout = -1;

    /** An input without timeouts, over any stream (tests, fuzzing). */
    public ConnectionInput(InputStream in) {
        this(in, null, DEFAULT_BUFFER_SIZE);
    }

    /** An input over a socket's stream; timeouts are applied through {@code socket}. */
    public ConnectionInput(InputStream in, Socket socket, int bufferSize) {
        this.in = Objects.requireNonNull(in, "in");
        this.socket = socket;
        this.buf = new byte[bufferSize];
    }

    /**
     * Sets the timeouts for the following reads.
     *
     * @param readTimeoutMillis the longest wait for one read, 0 for none
     * @param deadlineNanos a {@link System#nanoTime()} by which reading must be done, 0 for none
     * @param timeoutMessage when non-null, a timeout throws a 408 {@link RequestException} with
     *     this message; when null, the {@link SocketTimeoutException} itself propagates
     */
    public void setTimeouts(int readTimeoutMillis, long deadlineNanos, String timeoutMessage) {
        this.readTimeoutMillis = readTimeoutMillis;
        this.deadlineNanos = deadlineNanos;
        this.timeoutMessage = timeoutMessage;
    }

    /**
     * Waits until at least one byte is buffered.
     *
     * @return false at the end of the stream
     */
    public boolean awaitData() throws IOException {
        return pos < end || fill(1) > 0;
    }

    /** Bytes already buffered and not yet consumed. */
    public int buffered() {
        return end - pos;
    }

    /**
     * Reads one line ending in CRLF and returns it without the CRLF, one char per byte.
     *
     * @param max the longest line accepted, without CRLF
     * @param tooLongStatus the status of the exception thrown for a longer line
     * @param tooLongMessage its message (it names the knob)
     * @return the line, or null if the stream ended before its first byte
     * @throws RequestException for a line over {@code max}, a bare LF, or an end of stream
     *     inside the line
     */
    public String readLine(int max, int tooLongStatus, String tooLongMessage) throws IOException {
        int scanned = pos;
        while (true) {
            for (int i = scanned; i < end; i++) {
                if (buf[i] == '\n') {
                    if (i == pos || buf[i - 1] != '\r') {
                        throw RequestException.badRequest("bare LF: lines must end in CRLF");
                    }
                    int len = i - 1 - pos;
                    if (len > max) {
                        throw new RequestException(tooLongStatus, tooLongMessage);
                    }
                    String line = new String(buf, pos, len, StandardCharsets.ISO_8859_1);
                    pos = i + 1;
                    return line;
                }
            }
            scanned = end;
            if (end - pos > max + 1) {
                throw new RequestException(tooLongStatus, tooLongMessage);
            }
            int startPos = pos;
            if (fill(max + 2) < 0) {
                if (end == pos) {
                    return null;
                }
                throw RequestException.badRequest("connection closed in the middle of a line");
            }
            scanned -= startPos - pos;
        }
    }

    @Override
    public int read() throws IOException {
        if (pos == end && fill(1) < 0) {
            return -1;
        }
        return buf[pos++] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) {
            return 0;
        }
        int n = end - pos;
        if (n == 0) {
            if (len >= buf.length) {
                return readUnderlying(b, off, len);
            }
            if (fill(1) < 0) {
                return -1;
            }
            n = end - pos;
        }
        n = Math.min(n, len);
        System.arraycopy(buf, pos, b, off, n);
        pos += n;
        return n;
    }

    @Override
    public int available() throws IOException {
        return end - pos;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    /**
     * Reads more bytes into the buffer, keeping the unread ones; makes room for at least {@code
     * want} unread bytes (growing the buffer if need be).
     *
     * @return the number of bytes read, or -1 at the end of the stream
     */
    private int fill(int want) throws IOException {
        if (pos > 0 && (end == buf.length || buf.length - pos < want)) {
            System.arraycopy(buf, pos, buf, 0, end - pos);
            end -= pos;
            pos = 0;
        }
        if (end == buf.length) {
            byte[] bigger = new byte[Math.max(want, buf.length * 2)];
            System.arraycopy(buf, 0, bigger, 0, end);
            buf = bigger;
        }
        int n = readUnderlying(buf, end, buf.length - end);
        if (n > 0) {
            end += n;
        }
        return n;
    }

    private int readUnderlying(byte[] b, int off, int len) throws IOException {
        if (socket != null) {
            applyTimeout();
        }
        try {
            return in.read(b, off, len);
        } catch (SocketTimeoutException e) {
            if (timeoutMessage == null) {
                throw e;
            }
            throw new RequestException(408, timeoutMessage);
        }
    }

    private void applyTimeout() throws IOException {
        int millis = readTimeoutMillis;
        if (deadlineNanos != 0) {
            long left = (deadlineNanos - System.nanoTime()) / 1_000_000;
            if (left <= 0) {
                if (timeoutMessage == null) {
                    throw new SocketTimeoutException("deadline passed");
                }
                throw new RequestException(408, timeoutMessage);
            }
            millis = millis == 0 ? (int) Math.min(left, Integer.MAX_VALUE) : (int) Math.min(left, millis);
        }
        if (millis != appliedTimeout) {
            socket.setSoTimeout(millis);
            appliedTimeout = millis;
        }
    }
}
