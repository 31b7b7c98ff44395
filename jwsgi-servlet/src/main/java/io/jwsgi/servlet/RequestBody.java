package io.jwsgi.servlet;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/**
 * {@code wsgi.input}: the container's request body, cut off at the body limit (a read takes at most
 * one byte past it from the container, and fails), remembering the first failure of a read so that
 * the handler can answer 400 or 413 for it.
 *
 * <p>A body that ends before its {@code Content-Length} fails too ({@link EndedEarlyException}),
 * never as a quiet end of stream. Tomcat and Jetty already throw when the client's connection ends
 * mid-body; a container stream that simply ends short means that something before the application
 * consumed the body, such as a servlet filter that called {@code getParameter} on a form.
 */
final class RequestBody extends FilterInputStream {

    /** Thrown by a read that goes past the body limit. */
    static final class TooLargeException extends IOException {
        private static final long serialVersionUID = 1L;

        TooLargeException(String limitName, long limit) {
            super("request body is larger than " + limitName + " (" + limit + " bytes)");
        }
    }

    /** Thrown by a read that finds the end of the body before {@code Content-Length} bytes. */
    static final class EndedEarlyException extends IOException {
        private static final long serialVersionUID = 1L;

        EndedEarlyException(long read, long length) {
            super("the request body ended after " + read + " of the " + length + " bytes of its Content-Length:"
                    + " the client stopped sending, or something before the application consumed the body (a servlet"
                    + " filter that read its parameters, parts or input stream)");
        }
    }

    private final long limit;
    private final String limitName;
    private final long length;
    private long read;
    private IOException failure;

    /**
     * @param in the container's body stream
     * @param limit the most bytes a read may return in total; negative for no limit
     * @param limitName the limit's name in the message of a read past it, as the user set it
     *     ({@code init-param max-request-body}, {@code jwsgi.max-request-body})
     * @param length the request's {@code Content-Length}, or -1 if it has none (chunked)
     */
    RequestBody(InputStream in, long limit, String limitName, long length) {
        super(in);
        this.limit = limit;
        this.limitName = limitName;
        this.length = length;
    }

    /** The exception the first failed read threw, or {@code null}. */
    IOException failure() {
        return this.failure;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length); // the caller's mistake, not the client's
        int n;
        try {
            // never more than one byte past the limit from the container: that byte is enough to
            // know the body is too large, and nothing beyond it is taken from the connection
            n = super.read(b, off, this.limit < 0 ? len : (int) Math.min(len, this.limit - this.read + 1));
        } catch (IOException e) {
            throw remember(e);
        } catch (RuntimeException e) {
            // Tomcat signals some malformed bodies (more trailer fields than it allows) with an
            // IllegalStateException: to the application, as to the handler, it is a body error.
            throw remember(new IOException("the container could not read the request body: " + e.getMessage(), e));
        }
        if (n > 0) {
            this.read += n;
            if (this.limit >= 0 && this.read > this.limit) {
                throw remember(new TooLargeException(this.limitName, this.limit));
            }
        } else if (n < 0 && this.read < this.length) {
            throw remember(new EndedEarlyException(this.read, this.length));
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        byte[] sink = new byte[(int) Math.min(8192, Math.max(n, 0))];
        long skipped = 0;
        while (skipped < n) {
            int r = read(sink, 0, (int) Math.min(sink.length, n - skipped));
            if (r < 0) {
                break;
            }
            skipped += r;
        }
        return skipped;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    private IOException remember(IOException e) {
        if (this.failure == null) {
            this.failure = e;
        }
        return e;
    }
}
