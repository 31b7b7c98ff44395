package io.jwsgi.simpleserver.http1;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/**
 * The {@code wsgi.input} of one request: ends at the end of the body, remembers the first
 * {@link RequestException} it threw (so the server can answer 400/413 even if the application
 * swallowed it), and can run an action before the first read (to send {@code 100 Continue}).
 */
public abstract sealed class BodyInputStream extends InputStream permits ChunkedInputStream, FixedLengthInputStream {

    /** An action run before the first read of the body. */
    @FunctionalInterface
    public interface BeforeFirstRead {
        void run() throws IOException;
    }

    private BeforeFirstRead beforeFirstRead;
    private RequestException failure;
    private boolean atEnd;
    private final byte[] one = new byte[1];

    /** Reads body bytes; returns -1 at the end of the body. */
    abstract int readBody(byte[] b, int off, int len) throws IOException;

    /** Sets the action run once, just before the first read asks for bytes. */
    public final void beforeFirstRead(BeforeFirstRead action) {
        this.beforeFirstRead = action;
    }

    /** True if the action given to {@link #beforeFirstRead} is still pending. */
    public final boolean firstReadPending() {
        return beforeFirstRead != null;
    }

    /** The first request error this stream threw, or null. */
    public final RequestException failure() {
        return failure;
    }

    /** True once the end of the body was reached. */
    public final boolean atEnd() {
        return atEnd;
    }

    @Override
    public final int read() throws IOException {
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public final int read(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (failure != null) {
            throw failure;
        }
        if (atEnd) {
            return -1;
        }
        if (len == 0) {
            return 0;
        }
        if (beforeFirstRead != null) {
            BeforeFirstRead action = beforeFirstRead;
            beforeFirstRead = null;
            action.run();
        }
        return readChecked(b, off, len);
    }

    /**
     * Reads and discards the rest of the body, at most {@code max} bytes, without running the
     * before-first-read action.
     *
     * @return true if the end of the body was reached
     */
    public final boolean drain(long max) throws IOException {
        if (failure != null) {
            return false;
        }
        // One byte first: most requests have no body, and this ends it without a scratch buffer.
        int first = atEnd ? -1 : readChecked(one, 0, 1);
        if (first < 0 || atEnd) {
            return true;
        }
        long left = max - first;
        byte[] scratch = new byte[(int) Math.max(1, Math.min(8192, max + 1))];
        while (!atEnd) {
            if (left < 0) {
                return false;
            }
            int n = readChecked(scratch, 0, (int) Math.min(scratch.length, left + 1));
            if (n > 0) {
                left -= n;
            }
        }
        return left >= 0;
    }

    private int readChecked(byte[] b, int off, int len) throws IOException {
        try {
            int n = readBody(b, off, len);
            if (n < 0) {
                atEnd = true;
            }
            return n;
        } catch (RequestException e) {
            failure = e;
            throw e;
        }
    }
}
