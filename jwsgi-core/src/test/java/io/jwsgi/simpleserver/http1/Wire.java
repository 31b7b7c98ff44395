package io.jwsgi.simpleserver.http1;

import io.jwsgi.simpleserver.ServerLimits;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** Test helpers: raw request bytes (one char per byte) and streams that deliver them slowly. */
public final class Wire {

    /** The parser's part of {@link ServerLimits#defaults()}. */
    public static final ParserLimits DEFAULTS = limits(ServerLimits.defaults());

    private Wire() {}

    /** The parser's part of {@code limits}, as the server hands it to {@link RequestParser}. */
    public static ParserLimits limits(ServerLimits limits) {
        return new ParserLimits(
                limits.maxRequestLineBytes(),
                limits.maxHeaderBytes(),
                limits.maxHeaderFields(),
                limits.maxBodyBytes(),
                limits.maxChunkLineBytes());
    }

    public static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    public static String text(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    public static InputStream stream(String s) {
        return new ByteArrayInputStream(bytes(s));
    }

    /** A stream that returns at most one byte per read, as a slow client's packets would. */
    public static InputStream trickle(String s) {
        return new ByteArrayInputStream(bytes(s)) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, 1));
            }
        };
    }

    static RequestParser parser(String raw) {
        return new RequestParser(stream(raw), DEFAULTS);
    }

    static RequestParser parser(String raw, ServerLimits limits) {
        return new RequestParser(stream(raw), limits(limits));
    }
}
