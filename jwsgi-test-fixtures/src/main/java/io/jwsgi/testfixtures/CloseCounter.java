package io.jwsgi.testfixtures;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.AbstractList;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts an application's results and their {@code close()} calls, for the close-count tests
 * under load (jwsgi-core's {@code WsgiServerCloseCountTest}, the starter's {@code
 * JwsgiCloseCountTests}): every result the application returns is made here, and once the load
 * settles {@link #calls()} must equal {@link #closes()}, with no {@link #doubleCloses()}. Safe for
 * any number of server threads.
 */
public final class CloseCounter {

    private final AtomicLong calls = new AtomicLong();
    private final AtomicLong closes = new AtomicLong();
    private final AtomicLong doubleCloses = new AtomicLong();

    /** Creates a counter at 0. */
    public CloseCounter() {}

    /** A result's chunk, made when the server asks for it (it may read the request's body). */
    @FunctionalInterface
    public interface Chunk {
        /**
         * Makes the chunk.
         *
         * @return the chunk
         * @throws Exception if making it fails (the iteration then throws)
         */
        byte[] get() throws Exception;
    }

    /**
     * The number of results made.
     *
     * @return the count
     */
    public long calls() {
        return this.calls.get();
    }

    /**
     * The number of results closed (each counted once).
     *
     * @return the count
     */
    public long closes() {
        return this.closes.get();
    }

    /**
     * The number of {@code close()} calls on a result already closed.
     *
     * @return the count
     */
    public long doubleCloses() {
        return this.doubleCloses.get();
    }

    /** Sets every count back to 0. */
    public void reset() {
        this.calls.set(0);
        this.closes.set(0);
        this.doubleCloses.set(0);
    }

    /**
     * A counted result: {@code count} chunks, then {@code failure} (if given) in the iteration.
     *
     * @param chunk makes each chunk
     * @param count the number of chunks
     * @param failure run (to throw) when the iteration asks for one more chunk, or {@code null}
     * @return the result, counted as made
     */
    public Counted result(Chunk chunk, int count, Runnable failure) {
        return new Counted(chunk, count, failure);
    }

    /**
     * A counted result that is a one-chunk {@link java.util.List}, whose length a server knows
     * before it iterates (as wsgiref's for a one-element list).
     *
     * @param chunk the chunk
     * @return the result, counted as made
     */
    public CountedList list(byte[] chunk) {
        return new CountedList(chunk);
    }

    private void closed(boolean already) {
        (already ? this.doubleCloses : this.closes).incrementAndGet();
    }

    /** A result of {@link #result}. */
    public final class Counted implements Iterable<byte[]>, AutoCloseable {
        private final Chunk chunk;
        private final int count;
        private final Runnable failure;
        private boolean closed;

        private Counted(Chunk chunk, int count, Runnable failure) {
            this.chunk = chunk;
            this.count = count;
            this.failure = failure;
            calls.incrementAndGet();
        }

        @Override
        public Iterator<byte[]> iterator() {
            return new Iterator<>() {
                private int given;

                @Override
                public boolean hasNext() {
                    return given < count || (failure != null && given == count);
                }

                @Override
                public byte[] next() {
                    if (!hasNext()) {
                        throw new NoSuchElementException();
                    }
                    if (given++ == count) {
                        failure.run();
                    }
                    try {
                        return chunk.get();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }
            };
        }

        @Override
        public synchronized void close() {
            closed(this.closed);
            this.closed = true;
        }
    }

    /** A result of {@link #list}. */
    public final class CountedList extends AbstractList<byte[]> implements AutoCloseable {
        private final byte[] chunk;
        private boolean closed;

        private CountedList(byte[] chunk) {
            this.chunk = chunk;
            calls.incrementAndGet();
        }

        @Override
        public byte[] get(int index) {
            return this.chunk;
        }

        @Override
        public int size() {
            return 1;
        }

        @Override
        public synchronized void close() {
            closed(this.closed);
            this.closed = true;
        }
    }
}
