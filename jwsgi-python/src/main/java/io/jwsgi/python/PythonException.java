package io.jwsgi.python;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.Objects;

/**
 * An exception raised by Python code, carrying its Python traceback.
 *
 * <p>Its {@link #getMessage() message} is Python's last traceback line ({@code KeyError: 'x'});
 * {@link #printStackTrace(PrintStream)} prints the whole traceback as CPython would, so that a
 * host that logs an application's failure to {@code wsgi.errors} (as every jwsgi host does) shows
 * the Python frames, not the interpreter's Java ones.
 */
public final class PythonException extends Exception {

    private static final long serialVersionUID = 1L;

    /** The traceback text, as {@code traceback.format_exception} gives it. */
    private final String traceback;

    PythonException(String message, String traceback) {
        super(message, null, false, false);
        this.traceback = Objects.requireNonNull(traceback, "traceback");
    }

    /**
     * The Python traceback, as {@code traceback.format_exception} formats it.
     *
     * @return the traceback text, ending with a newline
     */
    public String traceback() {
        return this.traceback;
    }

    @Override
    public void printStackTrace(PrintStream s) {
        s.print(this.traceback);
    }

    @Override
    public void printStackTrace(PrintWriter s) {
        s.print(this.traceback);
    }
}
