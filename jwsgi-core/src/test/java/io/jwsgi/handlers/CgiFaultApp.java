package io.jwsgi.handlers;

import io.jwsgi.Application;
import io.jwsgi.Header;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * The application {@link CgiHandlerFaultTest} runs in a child JVM: a streamed body of {@link
 * #CHUNKS} chunks of 64 KiB whose {@code close()} reports on stderr how often it ran and how many
 * chunks were produced by then.
 */
public final class CgiFaultApp {

    /** Chunks in the full body (64 MiB): far more than any pipe buffer. */
    static final int CHUNKS = 1024;

    private CgiFaultApp() {}

    /**
     * The application.
     *
     * @return a streaming application
     */
    public static Application application() {
        return (environ, start) -> {
            start.start("200 OK", List.of(Header.of("Content-Type", "application/octet-stream")));
            return new Body();
        };
    }

    private static final class Body implements Iterable<byte[]>, AutoCloseable {
        private final byte[] chunk = new byte[64 * 1024];
        private int produced;
        private int closes;

        @Override
        public Iterator<byte[]> iterator() {
            return new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return produced < CHUNKS;
                }

                @Override
                public byte[] next() {
                    if (!hasNext()) {
                        throw new NoSuchElementException();
                    }
                    produced++;
                    return chunk;
                }
            };
        }

        @Override
        public void close() {
            closes++;
            System.err.println("close #" + closes + " after " + produced + " chunks");
        }
    }
}
