package io.jwsgi.servlet;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code wsgi.errors}: every line written becomes a warning of the application's logger.
 *
 * <p>One per mounted application, shared by all of its requests: a {@link PrintStream} costs
 * about 24 KiB to build (its encoder and its char buffer), too much to build for every request
 * when most never write to it. The unfinished line is kept per thread, so that lines written
 * by concurrent requests neither interleave nor get lost; {@link #endLine()} logs the calling
 * thread's unfinished line at the end of its request.
 */
final class ErrorStream extends OutputStream {

    /** A thread's line buffer larger than this is dropped once its line is logged. */
    private static final int KEEP_BUFFER = 8192;

    private final System.Logger log;
    private final ThreadLocal<ByteArrayOutputStream> lines = new ThreadLocal<>();

    /**
     * How many threads hold a line buffer in {@link #lines}: while none does, {@link #endLine()}
     * (called at the end of every request) has nothing to look up. A thread-local lookup that
     * misses walks the thread's map (a request thread carries many thread-locals): 3% of the
     * bridge's own CPU for a hello world that never writes to {@code wsgi.errors}.
     */
    private final AtomicInteger holders = new AtomicInteger();

    private final PrintStream printStream;

    ErrorStream(System.Logger log) {
        this.log = log;
        this.printStream = new Errors(this);
    }

    /**
     * The print stream (UTF-8, flushing on every {@code println}) whose lines go to the logger at
     * WARN: the same object for every request. Its {@code close()} only ends the calling thread's
     * line, so an application that closes its {@code wsgi.errors} does not close it for others.
     */
    PrintStream printStream() {
        return this.printStream;
    }

    @Override
    public void write(int b) {
        if (b == '\n') {
            ByteArrayOutputStream line = this.lines.get();
            if (line == null) {
                this.log.log(System.Logger.Level.WARNING, "");
            } else {
                emit(line);
            }
        } else {
            buffer().write(b);
        }
    }

    @Override
    public void write(byte[] b, int off, int len) {
        Objects.checkFromIndexSize(off, len, b.length);
        int start = off;
        int end = off + len;
        for (int i = off; i < end; i++) {
            if (b[i] == '\n') {
                ByteArrayOutputStream line = buffer();
                line.write(b, start, i - start);
                emit(line);
                start = i + 1;
            }
        }
        if (start < end) {
            buffer().write(b, start, end - start);
        }
    }

    /** Logs the calling thread's unfinished line, if it has one, and forgets its buffer. */
    void endLine() {
        if (this.holders.get() == 0) {
            return; // no thread holds a buffer, so neither does this one
        }
        ByteArrayOutputStream line = this.lines.get();
        if (line != null) {
            this.lines.remove();
            this.holders.decrementAndGet();
            if (line.size() > 0) {
                log(line);
            }
        }
    }

    /** Logs the calling thread's unfinished line (the stream stays usable). */
    @Override
    public void close() {
        endLine();
    }

    private ByteArrayOutputStream buffer() {
        ByteArrayOutputStream line = this.lines.get();
        if (line == null) {
            line = new ByteArrayOutputStream(80);
            this.lines.set(line);
            this.holders.incrementAndGet();
        }
        return line;
    }

    private void emit(ByteArrayOutputStream line) {
        if (line.size() > KEEP_BUFFER) {
            this.lines.remove();
            this.holders.decrementAndGet();
        }
        log(line);
    }

    private void log(ByteArrayOutputStream line) {
        String text = line.toString(StandardCharsets.UTF_8);
        line.reset();
        if (text.endsWith("\r")) {
            text = text.substring(0, text.length() - 1);
        }
        this.log.log(System.Logger.Level.WARNING, text);
    }

    /** The shared print stream: closing it ends the caller's line instead of closing it. */
    private static final class Errors extends PrintStream {

        private final ErrorStream errors;

        Errors(ErrorStream errors) {
            super(errors, true, StandardCharsets.UTF_8);
            this.errors = errors;
        }

        @Override
        public void close() {
            flush();
            this.errors.endLine(); // the unfinished line is the calling thread's own: no lock needed
        }
    }
}
