package io.jwsgi.simpleserver.http1;

import java.io.IOException;
import java.io.InputStream;

/** A body of exactly Content-Length bytes: never reads (or blocks) past its end. */
final class FixedLengthInputStream extends BodyInputStream {

    private final InputStream in;
    private long remaining;

    FixedLengthInputStream(InputStream in, long length) {
        this.in = in;
        this.remaining = length;
    }

    @Override
    int readBody(byte[] b, int off, int len) throws IOException {
        if (remaining == 0) {
            return -1;
        }
        int n = in.read(b, off, (int) Math.min(len, remaining));
        if (n < 0) {
            throw RequestException.badRequest("connection closed " + remaining + " bytes before the end of the body");
        }
        remaining -= n;
        return n;
    }

    @Override
    public int available() throws IOException {
        return (int) Math.min(Math.min(remaining, in.available()), Integer.MAX_VALUE);
    }
}
