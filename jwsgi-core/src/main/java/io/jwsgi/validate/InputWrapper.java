package io.jwsgi.validate;

import static io.jwsgi.validate.Violations.fail;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/**
 * Wraps {@code wsgi.input}: checks that the server's stream keeps the {@link InputStream}
 * contract and never yields more than {@code CONTENT_LENGTH} bytes, and that the application does
 * not close it.
 */
final class InputWrapper extends InputStream {

    private final InputStream input;
    private final long contentLength;
    private long consumed;

    /**
     * @param input the server's stream
     * @param contentLength the request's CONTENT_LENGTH, or -1 when unknown
     */
    InputWrapper(InputStream input, long contentLength) {
        this.input = input;
        this.contentLength = contentLength;
    }

    @Override
    public int read() throws IOException {
        int b = input.read();
        if (b < -1 || b > 255) {
            throw fail("wsgi.input.read() returned " + b + ", not a byte (0-255) or -1");
        }
        if (b >= 0) {
            count(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, buffer.length);
        int n = input.read(buffer, offset, length);
        if (n < -1 || n > length) {
            throw fail("wsgi.input.read(buffer, " + offset + ", " + length + ") returned " + n + ", outside -1.."
                    + length);
        }
        if (n == 0 && length > 0) {
            throw fail("wsgi.input.read(buffer, " + offset + ", " + length
                    + ") returned 0; an InputStream must block until at least one byte is read, or return -1");
        }
        if (n > 0) {
            count(n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = input.skip(n);
        if (skipped < 0 || skipped > Math.max(n, 0)) {
            throw fail("wsgi.input.skip(" + n + ") returned " + skipped);
        }
        count(skipped);
        return skipped;
    }

    @Override
    public int available() throws IOException {
        int available = input.available();
        if (available < 0) {
            throw fail("wsgi.input.available() returned " + available);
        }
        return available;
    }

    /** Always fails: the server owns wsgi.input, the application must not close it. */
    @Override
    public void close() {
        throw fail("wsgi.input.close() must not be called by the application; the server owns the stream");
    }

    private void count(long n) {
        consumed += n;
        if (contentLength >= 0 && consumed > contentLength) {
            throw fail("wsgi.input yielded more than CONTENT_LENGTH (" + contentLength
                    + ") bytes; it must end at the end of the body");
        }
    }
}
