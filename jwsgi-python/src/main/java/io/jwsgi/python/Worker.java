package io.jwsgi.python;

import io.jwsgi.StartResponse;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
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
 *
 * <p>Only the worker's own platform thread enters the Context: the host's threads (virtual ones
 * on jwsgi's server, where Truffle's support is experimental) hand each step of a request to it
 * (the call, each chunk, close). So the application always runs on one Python thread, as in a
 * gunicorn sync worker: {@code threading.local} and thread identity behave, and no thread state
 * piles up in the Context for every connection the host ever served.
 */
final class Worker implements AutoCloseable {

    private static final String WSGI_INPUT = "wsgi.input";
    private static final String WSGI_ERRORS = "wsgi.errors";
    private static final AtomicInteger THREADS = new AtomicInteger();

    private final ExecutorService thread;
    private final boolean multiprocess;
    private final String name;

    // written and read on the worker's thread only (init happens-before every later task)
    private Context context;
    private Value call;
    private Value format;

    /** How long creating the Context took, and importing the application in it. */
    long initNanos;

    long loadNanos;

    /** Set when the Context failed in a way Python cannot recover from: the pool replaces it. */
    volatile boolean broken;

    /**
     * Creates a Context and imports the application in it, on the worker's thread.
     *
     * @throws PythonException if the import fails (with the Python traceback)
     */
    Worker(PythonConfig config) throws PythonException {
        this.multiprocess = config.multiprocess();
        this.name = config.name();
        this.thread = Executors.newSingleThreadExecutor(task -> Thread.ofPlatform()
                .name("jwsgi-python-" + THREADS.incrementAndGet())
                .daemon()
                .unstarted(task));
        try {
            run(() -> {
                init(config);
                return null;
            });
        } catch (PythonException | RuntimeException | Error e) {
            this.thread.shutdownNow();
            throw e;
        } catch (Exception e) {
            this.thread.shutdownNow();
            throw new IllegalStateException("cannot load " + config.app() + ": " + e.getMessage(), e);
        }
    }

    private void init(PythonConfig config) throws PythonException {
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
            this.context.eval(PythonEngine.hostSource());
            Value bindings = this.context.getBindings("python");
            this.format = bindings.getMember("format_exception");
            long loading = System.nanoTime();
            this.initNanos = loading - start;
            bindings.getMember("load").execute(config.app(), config.pythonPath().toArray(), config.name());
            this.call = bindings.getMember("call");
            this.loadNanos = System.nanoTime() - loading;
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
     * Runs {@code task} on the worker's thread and waits for it. An interrupt of the waiting
     * thread does not abandon the task (Python is in the middle of it): it is kept for later.
     */
    private <T> T run(Callable<T> task) throws Exception {
        Future<T> future = this.thread.submit(task);
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return future.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause();
                    if (cause instanceof Exception exception) {
                        throw exception;
                    }
                    if (cause instanceof Error error) {
                        throw error;
                    }
                    throw new IllegalStateException(cause);
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Runs the application for one request.
     *
     * @return the body of a list result ({@code byte[][]}), or a {@link Streamed} result to
     *     iterate and close through {@link #next} and {@link #close(Value)}
     */
    Object call(Map<String, Object> environ, StartResponse startResponse) throws Exception {
        Host host =
                new Host((InputStream) environ.get(WSGI_INPUT), (PrintStream) environ.get(WSGI_ERRORS), startResponse);
        Object cgi = cgi(environ);
        // A Context runs one request at a time, so its application is never called by two threads
        // at once (wsgi.multithread false); with more than one Context each has its own globals,
        // as gunicorn's worker processes do (wsgi.multiprocess true).
        int flags = (this.multiprocess ? 2 : flag(environ, "wsgi.multiprocess", 2))
                | flag(environ, "wsgi.run_once", 4)
                | flag(environ, "wsgi.input_terminated", 8);
        return run(() -> {
            try {
                Value result = this.call.execute(cgi, host, flags);
                if (result.hasBufferElements()) {
                    return new byte[][] {Chunks.bytes(result)};
                }
                if (result.hasArrayElements()) {
                    byte[][] chunks = new byte[(int) result.getArraySize()][];
                    for (int i = 0; i < chunks.length; i++) {
                        chunks[i] = Chunks.bytes(result.getArrayElement(i));
                    }
                    return chunks;
                }
                return new Streamed(result, file(result));
            } catch (PolyglotException e) {
                throw translate(e);
            }
        });
    }

    /**
     * A result to iterate: the Python {@code Request}, and the regular file under it when it is a
     * {@code wsgi.file_wrapper} on one ({@code {path, offset}}), else {@code null}.
     */
    record Streamed(Value request, Object[] file) {}

    /** The next chunk of a streamed response, or {@code null} at its end. */
    byte[] next(Value request) throws Exception {
        return run(() -> {
            try {
                Value chunk = request.invokeMember("next");
                return chunk.isNull() ? null : Chunks.bytes(chunk);
            } catch (PolyglotException e) {
                throw translate(e);
            }
        });
    }

    /** Calls the Python result's {@code close()}. */
    void close(Value request) throws Exception {
        run(() -> {
            try {
                request.invokeMember("close");
                return null;
            } catch (PolyglotException e) {
                throw translate(e);
            }
        });
    }

    /** The regular file under a {@code wsgi.file_wrapper} result, on the worker's thread. */
    private static Object[] file(Value request) {
        try {
            Value file = request.invokeMember("file");
            return file.isNull()
                    ? null
                    : new Object[] {
                        file.getArrayElement(0).asString(),
                        file.getArrayElement(1).asLong()
                    };
        } catch (PolyglotException e) {
            return null;
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

    /**
     * Closes the Context: on its thread when it is idle; from here, cancelling what runs in it,
     * when it does not finish within a few seconds.
     */
    @Override
    public void close() {
        Future<?> closing = this.thread.submit(() -> this.context.close(true));
        try {
            closing.get(5, TimeUnit.SECONDS);
        } catch (TimeoutException | ExecutionException e) {
            this.context.close(true);
        } catch (InterruptedException e) {
            this.context.close(true);
            Thread.currentThread().interrupt();
        } finally {
            this.thread.shutdown();
        }
    }
}
