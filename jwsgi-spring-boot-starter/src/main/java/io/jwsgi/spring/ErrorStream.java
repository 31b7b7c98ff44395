package io.jwsgi.spring;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.apache.commons.logging.Log;

/** {@code wsgi.errors}: every line written becomes a warning of the application's logger. */
final class ErrorStream extends OutputStream {

    private final Log log;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();

    private ErrorStream(Log log) {
        this.log = log;
    }

    /** A print stream (UTF-8) whose lines go to {@code log} at WARN. */
    static PrintStream to(Log log) {
        return new PrintStream(new ErrorStream(log), true, StandardCharsets.UTF_8);
    }

    @Override
    public synchronized void write(int b) {
        if (b == '\n') {
            emit();
        } else {
            this.line.write(b);
        }
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
        for (int i = off; i < off + len; i++) {
            write(b[i]);
        }
    }

    /** Logs a last line that did not end in a newline. */
    @Override
    public synchronized void close() {
        if (this.line.size() > 0) {
            emit();
        }
    }

    private void emit() {
        String text = this.line.toString(StandardCharsets.UTF_8);
        this.line.reset();
        if (text.endsWith("\r")) {
            text = text.substring(0, text.length() - 1);
        }
        this.log.warn(text);
    }
}
