package io.jwsgi.validate;

import static io.jwsgi.validate.Violations.fail;
import static io.jwsgi.validate.Violations.typeOf;

import java.lang.ref.Cleaner;
import java.util.Iterator;

/**
 * Wraps the application's result: it may be iterated once, only after start_response (or while
 * its iteration calls start_response), must yield non-null {@code byte[]} chunks, and must be
 * closed exactly once by the server.
 *
 * <p>Python's validator notices a missing {@code close()} in {@code __del__}. Java has no
 * destructors, so this wrapper registers with a {@link Cleaner}: if it becomes unreachable
 * without having been closed, a warning is logged (there is no caller left to throw to). That is
 * best effort: it happens only when (and if) the garbage collector collects the wrapper.
 */
// close() passes on exactly what the application's close() throws, InterruptedException included.
@SuppressWarnings("try")
final class ResultWrapper implements Iterable<byte[]>, AutoCloseable {

    private static final Cleaner CLEANER = Cleaner.create();

    private final Iterable<?> result;
    private final ResponseState state;
    private final Cleaner.Cleanable cleanable;
    private boolean iterated;

    ResultWrapper(Iterable<?> result, ResponseState state) {
        this.result = result;
        this.state = state;
        this.cleanable = CLEANER.register(this, new UnclosedReporter(state, typeOf(result)));
    }

    @Override
    public Iterator<byte[]> iterator() {
        checkOpen();
        if (iterated) {
            throw fail("The response iterable was iterated twice; the server must iterate it once");
        }
        iterated = true;
        Iterator<?> iterator = result.iterator();
        if (iterator == null) {
            throw fail("The application's Iterable returned a null Iterator");
        }
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                checkOpen();
                boolean more = iterator.hasNext();
                if (!more) {
                    checkStarted();
                }
                return more;
            }

            @Override
            public byte[] next() {
                checkOpen();
                Object chunk = iterator.next();
                if (chunk == null) {
                    throw fail("The application's iterable yielded null; chunks must be byte[] (use an empty"
                            + " array for nothing)");
                }
                if (!(chunk instanceof byte[] bytes)) {
                    throw fail("The application's iterable yielded a " + typeOf(chunk) + ", not a byte[]");
                }
                checkStarted();
                return bytes;
            }
        };
    }

    /**
     * Closes the application's result if it is {@link AutoCloseable}; a second call is an error.
     *
     * @throws Exception what the application's {@code close()} throws
     */
    @Override
    public void close() throws Exception {
        if (state.closed) {
            throw fail("close() called twice on the response iterable; the server must close it exactly once");
        }
        state.closed = true;
        cleanable.clean();
        if (result instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }

    /** Runs the cleaning action now, as the collector would: for tests of the unclosed warning. */
    void simulateCollection() {
        cleanable.clean();
    }

    private void checkOpen() {
        if (state.closed) {
            throw fail("The response iterable was read after it was closed");
        }
    }

    private void checkStarted() {
        if (state.startCalls == 0) {
            throw fail("The application returned and its body is being iterated, but start_response has not"
                    + " been called yet");
        }
    }

    /** The cleaning action; it must not reference the wrapper, or the wrapper never becomes unreachable. */
    private record UnclosedReporter(ResponseState state, String resultType) implements Runnable {
        @Override
        public void run() {
            if (!state.closed) {
                Violations.warn("The response iterable (" + resultType
                        + ") was garbage collected without being closed; the server must call close()");
            }
        }
    }
}
