package io.jwsgi.handlers;

import io.jwsgi.Application;
import io.jwsgi.Environ;
import java.io.IOException;
import java.io.PrintStream;
import java.util.Map;

/**
 * Runs an application as a CGI script: Python's {@code wsgiref.handlers.CGIHandler}. It reads the
 * request from {@link System#in} and {@link Handlers#readEnviron()}, writes the response to
 * {@link System#out} and errors to {@link System#err}, with {@code wsgi.run_once} true, {@code
 * wsgi.multithread} false and {@code wsgi.multiprocess} true. Standard input is cut at {@code
 * CONTENT_LENGTH} (RFC 3875 does not promise an end of file), so {@code wsgi.input_terminated} is
 * true; wsgiref hands over standard input as it is. To set these differently, use
 * {@link BaseCgiHandler}.
 *
 * <pre>{@code
 * public static void main(String[] args) {
 *     new CgiHandler().run(new MyApplication());
 * }
 * }</pre>
 *
 * <p>{@link #main} does that for an application named on the command line, so a CGI script can
 * be a one-line launcher: {@code exec java -cp app.jar io.jwsgi.handlers.CgiHandler
 * com.example.MyApplication} (see {@code docs/cgi.md}).
 */
public class CgiHandler extends BaseCgiHandler {

    /** Creates a handler over the standard streams and the process environment. */
    public CgiHandler() {
        this(Handlers.readEnviron());
    }

    CgiHandler(Map<String, String> environ) {
        super(CgiInput.of(System.in, environ.get("CONTENT_LENGTH")), System.out, System.err, environ, false, true);
        wsgiRunOnce = true;
        osEnviron = Map.of(); // the request variables are the process environment: don't add it twice
    }

    /**
     * Flushes standard output and fails if it failed: {@code System.out} is a {@link PrintStream},
     * which swallows write errors, so without this check a closed or broken stdout (the server gave
     * up on the response) would let the whole body be produced into the void. wsgiref gets the same
     * stop from its {@code BrokenPipeError}.
     *
     * @throws IOException if standard output is closed, full or a broken pipe
     */
    @Override
    protected void rawFlush() throws IOException {
        super.rawFlush();
        if (stdout instanceof PrintStream && ((PrintStream) stdout).checkError()) {
            throw new IOException("standard output failed (closed, full or a broken pipe)");
        }
    }

    /** Adds {@code wsgi.input_terminated}: the input ends at {@code CONTENT_LENGTH}. */
    @Override
    protected void setupEnviron() throws IOException {
        super.setupEnviron();
        environ.put(Environ.WSGI_INPUT_TERMINATED, Boolean.TRUE);
    }

    /**
     * Runs the application named by {@code args[0]} for the CGI request of this process.
     *
     * <p>The class must be public and either have a public static no-argument {@code
     * application()} method returning an {@link Application}, or implement {@code Application}
     * with a public no-argument constructor. If it cannot be loaded, the client gets the generic
     * error response and the reason goes to standard error.
     *
     * @param args the application's class name
     */
    public static void main(String[] args) {
        run(new CgiHandler(), args);
    }

    static void run(BaseHandler handler, String[] args) {
        Application application;
        try {
            if (args.length != 1) {
                throw new IllegalArgumentException(
                        "usage: java -cp <classpath> " + CgiHandler.class.getName() + " <application class>");
            }
            application = Handlers.loadApplication(args[0]);
        } catch (Exception | LinkageError e) {
            application = (environ, startResponse) -> {
                throw e;
            };
        }
        handler.run(application);
        System.out.flush();
    }
}
