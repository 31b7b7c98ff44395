package io.jwsgi.simpleserver;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** Test helpers: raw request bytes (one char per byte) and streams that deliver them slowly. */
final class Wire {

    private Wire() {}

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    static String text(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    static InputStream stream(String s) {
        return new ByteArrayInputStream(bytes(s));
    }

    /** A stream that returns at most one byte per read, as a slow client's packets would. */
    static InputStream trickle(String s) {
        return new ByteArrayInputStream(bytes(s)) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, 1));
            }
        };
    }

    static RequestParser parser(String raw) {
        return new RequestParser(stream(raw), ServerLimits.defaults());
    }

    static RequestParser parser(String raw, ServerLimits limits) {
        return new RequestParser(stream(raw), limits);
    }
}
