package io.jwsgi.handlers;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/**
 * A CGI script's standard input cut at {@code CONTENT_LENGTH}: RFC 3875 lets the server send more
 * or never signal the end, so {@code wsgi.input} must stop there by itself. A body that ends early
 * is an {@link EOFException}.
 */
final class CgiInput extends InputStream {

    private final InputStream in;
    private long remaining;

    private CgiInput(InputStream in, long length) {
        this.in = in;
        this.remaining = length;
    }

    /** The body of {@code contentLength} bytes (none if it is absent or not a decimal number). */
    static InputStream of(InputStream in, String contentLength) {
        Objects.requireNonNull(in, "in");
        long length = 0;
        if (contentLength != null && !contentLength.isEmpty() && contentLength.length() <= 18) {
            boolean digits = contentLength.chars().allMatch(c -> c >= '0' && c <= '9');
            length = digits ? Long.parseLong(contentLength) : 0;
        }
        return new CgiInput(in, length);
    }

    @Override
    public int read() throws IOException {
        if (remaining == 0) {
            return -1;
        }
        int b = in.read();
        if (b < 0) {
            throw endedEarly();
        }
        remaining--;
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) {
            return 0;
        }
        if (remaining == 0) {
            return -1;
        }
        int n = in.read(b, off, (int) Math.min(len, remaining));
        if (n < 0) {
            throw endedEarly();
        }
        remaining -= n;
        return n;
    }

    @Override
    public int available() throws IOException {
        return (int) Math.min(remaining, in.available());
    }

    private EOFException endedEarly() {
        return new EOFException("the request body ended " + remaining + " bytes before CONTENT_LENGTH");
    }
}
