package io.jwsgi.handlers;

import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.Map;

/**
 * A handler for CGI-like gateways with streams and a variable mapping (CGI, FastCGI and the like):
 * Python's {@code wsgiref.handlers.BaseCGIHandler}. It is a {@link SimpleHandler} that is not an
 * origin server: the response starts with a {@code Status:} header instead of a status line,
 * and the gateway adds {@code Date} and {@code Server}.
 *
 * <pre>{@code
 * new BaseCgiHandler(in, out, err, requestVariables).run(application);
 * // out holds "Status: 200 OK\r\nContent-Type: text/plain\r\n...\r\n\r\n" and the body
 * }</pre>
 */
public class BaseCgiHandler extends SimpleHandler {

    /**
     * Creates a gateway handler for a multithreaded, single-process gateway.
     *
     * @param stdin the request body
     * @param stdout where the response goes
     * @param stderr the error stream
     * @param environ the request's CGI variables
     */
    public BaseCgiHandler(InputStream stdin, OutputStream stdout, PrintStream stderr, Map<String, ?> environ) {
        this(stdin, stdout, stderr, environ, true, false);
    }

    /**
     * Creates a gateway handler.
     *
     * @param stdin the request body
     * @param stdout where the response goes
     * @param stderr the error stream
     * @param environ the request's CGI variables
     * @param multithread the value of {@code wsgi.multithread}
     * @param multiprocess the value of {@code wsgi.multiprocess}
     */
    public BaseCgiHandler(
            InputStream stdin,
            OutputStream stdout,
            PrintStream stderr,
            Map<String, ?> environ,
            boolean multithread,
            boolean multiprocess) {
        super(stdin, stdout, stderr, environ, multithread, multiprocess);
        originServer = false;
    }
}
