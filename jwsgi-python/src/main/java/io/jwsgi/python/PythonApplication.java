package io.jwsgi.python;

import io.jwsgi.Application;
import io.jwsgi.Header;
import io.jwsgi.StartResponse;
import io.jwsgi.util.FileWrapper;
import java.io.FileInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * A Python WSGI application (PEP 3333: Flask, Django's {@code get_wsgi_application()}, any
 * callable) run on GraalPy as a JWSGI {@link Application}, so that every jwsgi host serves it:
 * the standalone server, the servlet bridge, the Spring Boot starter.
 *
 * <pre>{@code
 * PythonApplication app = PythonApplication.builder("hello:app")
 *         .pythonPath(Path.of("src/python"), Path.of("/usr/lib/python3/dist-packages"))
 *         .contexts(4)
 *         .build();                       // imports hello.py in 4 Contexts, or fails with its traceback
 * try (WsgiServer server = SimpleServer.makeServer("127.0.0.1", 8000, app)) {
 *     server.serveForever();
 * }
 * }</pre>
 *
 * <p>The Python application sees the environ that CPython's {@code wsgiref} would give it: every
 * CGI variable as a native {@code str} (Latin-1 "bytes in a str"), {@code wsgi.version} {@code
 * (1, 0)}, {@code wsgi.input} a binary file-like object over the host's stream, {@code
 * wsgi.errors} a text stream to the host's, {@code wsgi.file_wrapper} (a real file goes out
 * through the host's sendfile path), {@code wsgi.multithread} false (a Context runs one request
 * at a time), {@code wsgi.multiprocess} true when there is more than one Context (each has its
 * own globals, as gunicorn's worker processes have) or the host says so, and the host's {@code
 * wsgi.run_once}. {@code start_response}, {@code write} and the
 * chunks are checked with the messages of {@code wsgiref.validate}, prefixed with the
 * application's name; a failure becomes a {@link PythonException} whose traceback the host logs.
 *
 * <p>One GraalPy Context runs one request at a time (the GIL), so the application runs in a pool
 * of {@link Builder#contexts(int) N Contexts} over one shared engine, each with the application
 * imported: what gunicorn's worker processes are. A request waits for a free Context at most
 * {@link Builder#acquireTimeout(Duration)}, with at most {@link Builder#maxWaiting(int)} requests
 * waiting; beyond that it gets {@code 503 Service Unavailable} (counted in {@link #rejected()}).
 */
public final class PythonApplication implements Application, AutoCloseable {

    private static final byte[] BUSY =
            "Service Unavailable: every Python context is busy.\n".getBytes(StandardCharsets.US_ASCII);
    private static final List<Header> BUSY_HEADERS = List.of(
            Header.of("Content-Type", "text/plain; charset=utf-8"),
            Header.of("Content-Length", Integer.toString(BUSY.length)),
            Header.of("Retry-After", "1"));

    private final String app;
    private final String name;
    private final ContextPool pool;
    private final LongAdder calls = new LongAdder();
    private final LongAdder closes = new LongAdder();
    private final LongAdder listResults = new LongAdder();
    private final LongAdder rejected = new LongAdder();

    private PythonApplication(Builder builder) throws PythonException {
        this.app = builder.app;
        this.name = builder.name;
        List<String> path = new ArrayList<>();
        for (Path dir : builder.pythonPath) {
            path.add(dir.toAbsolutePath().toString());
        }
        this.pool = new ContextPool(
                new PythonConfig(
                        builder.app,
                        List.copyOf(path),
                        builder.name,
                        PythonEngine.pycachePrefix(),
                        builder.contexts > 1),
                builder.contexts,
                builder.maxWaiting,
                builder.acquireTimeout);
    }

    /**
     * Starts building an application.
     *
     * @param app {@code module:callable} or {@code module:factory()}, as gunicorn takes it; a bare
     *     {@code module} means {@code module:application}
     * @return a builder
     */
    public static Builder builder(String app) {
        return new Builder(app);
    }

    @Override
    public Iterable<byte[]> call(Map<String, Object> environ, StartResponse startResponse) throws Exception {
        Worker worker = this.pool.acquire();
        if (worker == null) {
            this.rejected.increment();
            startResponse.start("503 Service Unavailable", BUSY_HEADERS);
            return List.of(BUSY);
        }
        this.calls.increment();
        AtomicBoolean released = new AtomicBoolean();
        Runnable release = () -> {
            if (released.compareAndSet(false, true)) {
                this.pool.release(worker);
            }
        };
        try {
            Object result = worker.call(environ, startResponse);
            if (result instanceof byte[][] chunks) {
                this.listResults.increment();
                release.run();
                return Arrays.asList(chunks);
            }
            Worker.Streamed streamed = (Worker.Streamed) result;
            PythonResult body = new PythonResult(worker, streamed.request(), () -> {
                this.closes.increment();
                release.run();
            });
            Object[] file = streamed.file();
            if (file != null) {
                try {
                    return fileResult(file, body);
                } catch (IOException | RuntimeException e) {
                    body.close(); // the file went away: Python's close() still runs, once
                    throw e;
                }
            }
            return body;
        } catch (Throwable e) {
            release.run();
            throw e;
        }
    }

    /** A file behind {@code wsgi.file_wrapper}: opened here, so the host can send it itself. */
    private static Iterable<byte[]> fileResult(Object[] file, PythonResult body) throws IOException {
        FileInputStream in = new FileInputStream((String) file[0]);
        long offset = (Long) file[1];
        in.getChannel().position(offset);
        return new FileWrapper(in) {
            @Override
            public void close() {
                try {
                    super.close();
                } finally {
                    try {
                        body.close();
                    } catch (Exception e) {
                        throw Sneaky.rethrow(e);
                    }
                }
            }
        };
    }

    /** @return the {@code module:callable} this application runs */
    public String app() {
        return this.app;
    }

    /** @return the application's name, used in error messages */
    public String name() {
        return this.name;
    }

    /** @return how many Contexts the pool holds */
    public int contexts() {
        return this.pool.size();
    }

    /**
     * How long each Context of the initial pool took to start, in the order they were built: the
     * first pays for GraalPy's initialisation, the later ones share its engine's code.
     *
     * @return one entry per Context
     */
    public List<ContextStartup> startup() {
        return this.pool.startup();
    }

    /**
     * The start-up cost of one Context.
     *
     * @param init creating the Context and initialising Python in it
     * @param load importing the application (and what it imports) in it
     */
    public record ContextStartup(Duration init, Duration load) {}

    /** @return how many Contexts are idle right now */
    public int idleContexts() {
        return this.pool.idle();
    }

    /** @return how many requests are waiting for a free Context right now */
    public int waiting() {
        return this.pool.waiting();
    }

    /** @return how many requests the application was called for (503s not counted) */
    public long calls() {
        return this.calls.sum();
    }

    /**
     * How many results the host closed: for each, the Python result's own {@code close()} (if it
     * has one) was called exactly once. A {@code list} or {@code tuple} result has no {@code
     * close()} and gives its Context back at once, so it is not counted; for any other result
     * (a generator, Flask's response iterable) it is. Once the responses are done, {@code closes()
     * + listResults() == calls()}.
     *
     * @return the count
     */
    public long closes() {
        return this.closes.sum();
    }

    /**
     * How many results were a {@code list} or {@code tuple}: nothing to close, their Context given
     * back as soon as the application returned (see {@link #closes()}).
     *
     * @return the count
     */
    public long listResults() {
        return this.listResults.sum();
    }

    /** @return how many requests got 503 because no Context was free in time */
    public long rejected() {
        return this.rejected.sum();
    }

    /** @return how many broken Contexts were replaced */
    public long replacedContexts() {
        return this.pool.replaced.sum();
    }

    /** Closes every Context; requests in progress fail. */
    @Override
    public void close() {
        this.pool.close();
    }

    @Override
    public String toString() {
        return "PythonApplication[" + this.app + ", contexts=" + this.pool.size() + "]";
    }

    /** Builds a {@link PythonApplication}; every setting but the application has a default. */
    public static final class Builder {

        private final String app;
        private String name;
        private final List<Path> pythonPath = new ArrayList<>();
        private int contexts = Runtime.getRuntime().availableProcessors();
        private int maxWaiting = 256;
        private Duration acquireTimeout = Duration.ofSeconds(30);

        private Builder(String app) {
            this.app = Objects.requireNonNull(app, "app");
            if (app.isBlank()) {
                throw new IllegalArgumentException("app must be module:callable, got an empty string");
            }
            this.name = app;
        }

        /**
         * Adds directories to the front of {@code sys.path}, in order: the application's own
         * directory, a virtual environment's {@code site-packages}, Debian's {@code
         * /usr/lib/python3/dist-packages}.
         *
         * @param dirs the directories
         * @return this builder
         */
        public Builder pythonPath(Path... dirs) {
            return pythonPath(List.of(dirs));
        }

        /**
         * Adds directories to the front of {@code sys.path}, in order.
         *
         * @param dirs the directories
         * @return this builder
         */
        public Builder pythonPath(List<Path> dirs) {
            this.pythonPath.addAll(dirs);
            return this;
        }

        /**
         * How many Contexts serve requests in parallel; the number of processors by default.
         *
         * @param contexts at least 1
         * @return this builder
         */
        public Builder contexts(int contexts) {
            if (contexts < 1) {
                throw new IllegalArgumentException("contexts must be at least 1, got " + contexts);
            }
            this.contexts = contexts;
            return this;
        }

        /**
         * How many requests may wait for a free Context at once (256 by default); more get 503.
         *
         * @param maxWaiting 0 or more
         * @return this builder
         */
        public Builder maxWaiting(int maxWaiting) {
            if (maxWaiting < 0) {
                throw new IllegalArgumentException("maxWaiting must not be negative, got " + maxWaiting);
            }
            this.maxWaiting = maxWaiting;
            return this;
        }

        /**
         * How long a request waits for a free Context (30 s by default) before it gets 503.
         *
         * @param timeout not negative
         * @return this builder
         */
        public Builder acquireTimeout(Duration timeout) {
            if (timeout.isNegative()) {
                throw new IllegalArgumentException("acquireTimeout must not be negative, got " + timeout);
            }
            this.acquireTimeout = timeout;
            return this;
        }

        /**
         * The name that error messages give the application ({@code module:callable} by default).
         *
         * @param name the name
         * @return this builder
         */
        public Builder name(String name) {
            this.name = Objects.requireNonNull(name, "name");
            return this;
        }

        /**
         * Creates the Contexts and imports the application in each.
         *
         * @return the application, ready to serve
         * @throws PythonException if the module or the callable is missing or the import fails,
         *     with the Python traceback
         */
        public PythonApplication build() throws PythonException {
            return new PythonApplication(this);
        }
    }
}
