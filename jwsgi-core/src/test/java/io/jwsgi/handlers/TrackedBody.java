package io.jwsgi.handlers;

import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * A closeable response body for tests: yields its chunks, optionally throws after {@code failAfter}
 * of them, and counts how often it was closed.
 */
final class TrackedBody implements Iterable<byte[]>, AutoCloseable {

    private final String[] chunks;
    private final int failAfter;
    int closes;

    private TrackedBody(int failAfter, String... chunks) {
        this.chunks = chunks;
        this.failAfter = failAfter;
    }

    static TrackedBody of(String... chunks) {
        return new TrackedBody(-1, chunks);
    }

    /** A body that throws IllegalStateException("boom in iteration") after {@code n} chunks. */
    static TrackedBody failingAfter(int n, String... chunks) {
        return new TrackedBody(n, chunks);
    }

    @Override
    public Iterator<byte[]> iterator() {
        return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                if (next == failAfter) {
                    throw new IllegalStateException("boom in iteration");
                }
                return next < chunks.length;
            }

            @Override
            public byte[] next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return chunks[next++].getBytes(StandardCharsets.ISO_8859_1);
            }
        };
    }

    @Override
    public void close() {
        closes++;
    }
}
