package io.jwsgi.simpleserver.http1;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes a chunked response body (RFC 9112 §7.1) onto the connection's output: every non-empty
 * write becomes one chunk; {@link #finish()} writes the last chunk. It never closes the
 * connection's stream.
 */
public final class ChunkedOutputStream extends FilterOutputStream {

    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] LAST_CHUNK = {'0', '\r', '\n', '\r', '\n'};

    private boolean finished;

    public ChunkedOutputStream(OutputStream out) {
        super(out);
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        if (finished) {
            throw new IOException("chunked body already finished");
        }
        if (len == 0) {
            return;
        }
        out.write(Integer.toHexString(len).getBytes(StandardCharsets.ISO_8859_1));
        out.write(CRLF);
        out.write(b, off, len);
        out.write(CRLF);
    }

    /** Writes the last chunk (and an empty trailer section); later calls do nothing. */
    public void finish() throws IOException {
        if (!finished) {
            finished = true;
            out.write(LAST_CHUNK);
        }
    }

    /** Finishes the body and flushes; the connection's stream stays open. */
    @Override
    public void close() throws IOException {
        finish();
        out.flush();
    }
}
