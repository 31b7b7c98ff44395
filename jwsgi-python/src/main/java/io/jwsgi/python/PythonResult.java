package io.jwsgi.python;

import java.util.Iterator;
import java.util.NoSuchElementException;
import org.graalvm.polyglot.Value;

/**
 * The body of a Python response that is not a list: its chunks are fetched from Python one at a
 * time, as the host writes them (a generator that yields slowly is never buffered), and {@link
 * #close()} calls the Python result's {@code close()} once and gives the worker back.
 */
@SuppressWarnings("try") // close() rethrows what Python raised, as the host expects of any result
final class PythonResult implements Iterable<byte[]>, AutoCloseable {

    private final Worker worker;
    private final Value request;
    private final Runnable release;
    private boolean closed;

    PythonResult(Worker worker, Value request, Runnable release) {
        this.worker = worker;
        this.request = request;
        this.release = release;
    }

    @Override
    public Iterator<byte[]> iterator() {
        return new Iterator<>() {
            private byte[] pending;
            private boolean done;

            @Override
            public boolean hasNext() {
                if (this.pending == null && !this.done) {
                    try {
                        this.pending = PythonResult.this.worker.next(PythonResult.this.request);
                    } catch (Exception e) {
                        throw Sneaky.rethrow(e);
                    }
                    this.done = this.pending == null;
                }
                return this.pending != null;
            }

            @Override
            public byte[] next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                byte[] chunk = this.pending;
                this.pending = null;
                return chunk;
            }
        };
    }

    @Override
    public void close() throws Exception {
        if (this.closed) {
            return;
        }
        this.closed = true;
        try {
            this.worker.close(this.request);
        } finally {
            this.release.run();
        }
    }
}
