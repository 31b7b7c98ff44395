package io.jwsgi.python;

import io.jwsgi.StartResponse;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.EnvironmentAccess;
import org.graalvm.polyglot.PolyglotAccess;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.io.IOAccess;

/**
 * One GraalPy Context with the application imported in it: what a gunicorn worker process is to
 * gunicorn. A request holds it from the application call until its response is closed; nobody
 * else uses it meanwhile.
 */
final class Worker implements AutoCloseable {

    private static final String WSGI_INPUT = "wsgi.input";
    private static final String WSGI_ERRORS = "wsgi.errors";

    private final Context context;
    private final Value call;
    private final Value format;

    private final boolean multiprocess;
    private final String name;

    /** How long creating the Context took, and importing the application in it. */
    final long initNanos;

    final long loadNanos;

    /** Set when the Context failed in a way Python cannot recover from: the pool replaces it. */
    volatile boolean broken;

    /**
     * Creates a Context and imports the application in it.
     *
     * @throws PythonException if the import fails (with the Python traceback)
     */
    Worker(PythonConfig config) throws PythonException {
        this.multiprocess = config.multiprocess();
        this.name = config.name();
        long start = System.nanoTime();
        Context.Builder builder = Context.newBuilder("python")
                .engine(PythonEngine.engine())
                .allowHostAccess(PythonEngine.HOST_ACCESS)
                .allowPolyglotAccess(PolyglotAccess.NONE)
                .allowIO(IOAccess.ALL)
                .allowCreateThread(true)
                .allowCreateProcess(true)
                .allowEnvironmentAccess(EnvironmentAccess.INHERIT)
                .option("python.DontWriteBytecodeFlag", config.pycachePrefix() == null ? "true" : "false");
        if (config.pycachePrefix() != null) {
            builder.option("python.PyCachePrefix", config.pycachePrefix());
        }
        this.context = builder.build();
        try {
            Value host = this.context.eval(PythonEngine.hostSource());
            Value bindings = this.context.getBindings("python");
            this.format = bindings.getMember("format_exception");
            long loading = System.nanoTime();
            this.initNanos = loading - start;
            bindings.getMember("load").execute(config.app(), config.pythonPath().toArray(), config.name());
            this.call = bindings.getMember("call");
            this.loadNanos = System.nanoTime() - loading;
            if (host == null) {
                throw new IllegalStateException("jwsgi_host.py did not evaluate");
            }
        } catch (PolyglotException e) {
            Exception translated = translate(e);
            this.context.close(true);
            if (translated instanceof PythonException python) {
                throw python;
            }
            throw new IllegalStateException("cannot load " + config.app() + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            this.context.close(true);
            throw e;
        }
    }

    /**
     * Runs the application for one request.
     *
     * @return one chunk (a Python {@code bytes}), an array of chunks, or the Python {@code
     *     Request} to iterate and close
     */
    Value call(Map<String, Object> environ, StartResponse startResponse) throws Exception {
        Host host =
                new Host((InputStream) environ.get(WSGI_INPUT), (PrintStream) environ.get(WSGI_ERRORS), startResponse);
        Object cgi = cgi(environ);
        // A Context runs one request at a time, so its application is never called by two threads
        // at once (wsgi.multithread false); with more than one Context each has its own globals,
        // as gunicorn's worker processes do (wsgi.multiprocess true).
        int flags = (this.multiprocess ? 2 : flag(environ, "wsgi.multiprocess", 2))
                | flag(environ, "wsgi.run_once", 4)
                | flag(environ, "wsgi.input_terminated", 8);
        try {
            return this.call.execute(cgi, host, flags);
        } catch (PolyglotException e) {
            throw translate(e);
        }
    }

    /**
     * The str-valued entries of the environ in one string, "key\0value\0...", for one interop
     * call; a list where a value holds NUL itself (a %00 in the path).
     */
    static Object cgi(Map<String, Object> environ) {
        StringBuilder out = new StringBuilder(1024);
        boolean nul = false;
        for (Map.Entry<String, Object> entry : environ.entrySet()) {
            if (entry.getValue() instanceof String value) {
                if (!out.isEmpty()) {
                    out.append('\0');
                }
                nul |= value.indexOf('\0') >= 0 || entry.getKey().indexOf('\0') >= 0;
                out.append(entry.getKey()).append('\0').append(value);
            }
        }
        if (!nul) {
            return out.toString();
        }
        List<String> items = new ArrayList<>();
        environ.forEach((key, value) -> {
            if (value instanceof String s) {
                items.add(key);
                items.add(s);
            }
        });
        return items.toArray(new String[0]);
    }

    private static int flag(Map<String, Object> environ, String key, int bit) {
        return Boolean.TRUE.equals(environ.get(key)) ? bit : 0;
    }

    /**
     * What a failure inside Python means to Java: the host's own exception again (a client that
     * went away, the host's assertion), a {@link PythonException} with the traceback, or a broken
     * Context.
     */
    Exception translate(PolyglotException e) {
        if (e.isHostException()) {
            Throwable host = e.asHostException();
            if (host instanceof Exception exception) {
                return exception;
            }
            if (host instanceof Error error) {
                throw error;
            }
        }
        if (e.isGuestException() && !e.isInternalError() && !e.isCancelled() && !e.isExit()) {
            String traceback;
            try {
                traceback = this.format.execute(e.getGuestObject()).asString();
            } catch (RuntimeException formatting) {
                traceback = e.getMessage() + "\n";
            }
            return new PythonException(e.getMessage(), traceback);
        }
        this.broken = true;
        String what = "the Python context of " + this.name + " broke ("
                + (e.isExit() ? "exit status " + e.getExitStatus() : e.getMessage()) + ")";
        return new PythonException(what, "jwsgi-python: " + what + "; a new Context replaces it\n");
    }

    @Override
    public void close() {
        this.context.close(true);
    }
}
