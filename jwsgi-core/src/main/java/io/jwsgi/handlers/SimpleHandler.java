package io.jwsgi.handlers;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.Map;
import java.util.Objects;

/**
 * A handler given its streams and request variables up front: Python's {@code
 * wsgiref.handlers.SimpleHandler}, for synchronous origin servers that hand the whole response to
 * one {@link OutputStream}.
 *
 * <pre>{@code
 * Map<String, Object> request = new HashMap<>();
 * Util.setupTestingDefaults(request);
 * ByteArrayOutputStream out = new ByteArrayOutputStream();
 * new SimpleHandler(InputStream.nullInputStream(), out, System.err, request).run(application);
 * // out holds "HTTP/1.0 200 OK\r\nDate: ...\r\n...\r\n\r\n" and the body
 * }</pre>
 */
public class SimpleHandler extends BaseHandler {

    /** The request body, for {@code wsgi.input}. */
    protected final InputStream stdin;

    /** Where the response goes. */
    protected final OutputStream stdout;

    /** The error stream, for {@code wsgi.errors} and the log. */
    protected final PrintStream stderr;

    /** The request's CGI variables, copied into every environ. */
    protected final Map<String, ?> baseEnv;

    /**
     * Creates a handler for a multithreaded, single-process server.
     *
     * @param stdin the request body
     * @param stdout where the response goes
     * @param stderr the error stream
     * @param environ the request's CGI variables
     */
    public SimpleHandler(InputStream stdin, OutputStream stdout, PrintStream stderr, Map<String, ?> environ) {
        this(stdin, stdout, stderr, environ, true, false);
    }

    /**
     * Creates a handler.
     *
     * @param stdin the request body
     * @param stdout where the response goes
     * @param stderr the error stream
     * @param environ the request's CGI variables
     * @param multithread the value of {@code wsgi.multithread}
     * @param multiprocess the value of {@code wsgi.multiprocess}
     */
    public SimpleHandler(
            InputStream stdin,
            OutputStream stdout,
            PrintStream stderr,
            Map<String, ?> environ,
            boolean multithread,
            boolean multiprocess) {
        this.stdin = Objects.requireNonNull(stdin, "stdin");
        this.stdout = Objects.requireNonNull(stdout, "stdout");
        this.stderr = Objects.requireNonNull(stderr, "stderr");
        this.baseEnv = Objects.requireNonNull(environ, "environ");
        this.wsgiMultithread = multithread;
        this.wsgiMultiprocess = multiprocess;
    }

    @Override
    protected InputStream getStdin() {
        return stdin;
    }

    @Override
    protected PrintStream getStderr() {
        return stderr;
    }

    @Override
    protected void addCgiVars() {
        environ.putAll(baseEnv);
    }

    @Override
    protected void rawWrite(byte[] data) throws IOException {
        stdout.write(data);
    }

    @Override
    protected void rawFlush() throws IOException {
        stdout.flush();
    }
}
