package io.jwsgi.python.spring;

import io.jwsgi.Application;
import io.jwsgi.Header;
import io.jwsgi.StartResponse;
import io.jwsgi.python.PythonApplication;
import io.jwsgi.python.PythonException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * The {@link Application} bean of one {@code jwsgi.apps.<name>.python} entry: a {@link
 * PythonApplication} whose Contexts are built, and the application imported, on a thread of its
 * own while Spring starts the rest of the application and the web server.
 *
 * <p>Until the import is done it answers {@code 503 Service Unavailable} with {@code Retry-After:
 * 1}; Spring Boot's readiness stays {@code REFUSING_TRAFFIC} meanwhile, because {@link
 * JwsgiPythonAutoConfiguration}'s runner waits for every Python application before the
 * application reports ready (and fails the start with the Python traceback if an import fails).
 * Inject it to read the pool's state.
 */
public final class PythonApplicationBean implements Application, AutoCloseable {

    private static final Log LOG = LogFactory.getLog(PythonApplicationBean.class);

    private static final byte[] STARTING =
            "Service Unavailable: the Python application is starting.\n".getBytes(StandardCharsets.US_ASCII);
    private static final List<Header> STARTING_HEADERS = List.of(
            Header.of("Content-Type", "text/plain; charset=utf-8"),
            Header.of("Content-Length", Integer.toString(STARTING.length)),
            Header.of("Retry-After", "1"));

    private final String name;
    private final PythonAppProperties properties;
    private final CompletableFuture<PythonApplication> future = new CompletableFuture<>();
    private volatile PythonApplication application;
    private volatile long importMillis = -1;
    private boolean closed;

    PythonApplicationBean(String name, PythonAppProperties properties) {
        this.name = name;
        this.properties = properties;
    }

    /** Creates the bean and starts building its pool in the background. */
    static PythonApplicationBean start(String name, PythonAppProperties properties) {
        PythonApplicationBean bean = new PythonApplicationBean(name, properties);
        PythonApplication.Builder builder = bean.builder(); // a bad setting fails the bean here
        Thread.ofPlatform().name("jwsgi-python-import-" + name).daemon().start(() -> bean.build(builder));
        return bean;
    }

    private PythonApplication.Builder builder() {
        PythonApplication.Builder builder = PythonApplication.builder(this.properties.getApp())
                .pythonPath(this.properties.getPath().stream().map(Path::of).toList())
                .maxWaiting(this.properties.getMaxWaiting())
                .acquireTimeout(this.properties.getAcquireTimeout());
        if (this.properties.getContexts() != null) {
            builder.contexts(this.properties.getContexts());
        }
        return builder;
    }

    private void build(PythonApplication.Builder builder) {
        long start = System.nanoTime();
        try {
            PythonApplication built = builder.build();
            synchronized (this) {
                if (this.closed) {
                    built.close();
                    this.future.completeExceptionally(new IllegalStateException(this.name + " was closed"));
                    return;
                }
                this.importMillis = (System.nanoTime() - start) / 1_000_000;
                this.application = built;
            }
            LOG.info("jwsgi-python: '" + this.name + "' (" + this.properties.getApp() + ") imported in "
                    + built.contexts() + " Python contexts in " + this.importMillis + " ms");
            this.future.complete(built);
        } catch (PythonException e) {
            this.future.completeExceptionally(new PythonAppStartupException(this.name, this.properties, e));
        } catch (RuntimeException | Error e) {
            this.future.completeExceptionally(e);
        }
    }

    @Override
    public Iterable<byte[]> call(Map<String, Object> environ, StartResponse startResponse) throws Exception {
        PythonApplication ready = this.application;
        if (ready == null) {
            startResponse.start("503 Service Unavailable", STARTING_HEADERS);
            return List.of(STARTING);
        }
        return ready.call(environ, startResponse);
    }

    /**
     * Waits until the application is imported in every Context.
     *
     * @return the application
     * @throws PythonAppStartupException if the import failed, with the Python traceback
     * @throws InterruptedException if interrupted while waiting
     */
    public PythonApplication awaitReady() throws InterruptedException {
        try {
            return this.future.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** @return the bean name, which is the key under {@code jwsgi.apps} */
    public String name() {
        return this.name;
    }

    /** @return the configured {@code module:callable} */
    public String app() {
        return this.properties.getApp();
    }

    /** @return whether the application is imported and serving */
    public boolean isReady() {
        return this.application != null;
    }

    /** @return the Python application once imported, else {@code null} */
    public PythonApplication application() {
        return this.application;
    }

    /** @return how long building the pool took, in milliseconds; -1 until it is built */
    public long importMillis() {
        return this.importMillis;
    }

    /** @return the Contexts of the pool (0 until it is built) */
    public int contexts() {
        PythonApplication ready = this.application;
        return ready == null ? 0 : ready.contexts();
    }

    /** @return the Contexts running a request now */
    public int busyContexts() {
        PythonApplication ready = this.application;
        return ready == null ? 0 : Math.max(0, ready.contexts() - ready.idleContexts());
    }

    /** @return the idle Contexts */
    public int idleContexts() {
        PythonApplication ready = this.application;
        return ready == null ? 0 : ready.idleContexts();
    }

    /** @return the requests waiting for a free Context now */
    public int waitingRequests() {
        PythonApplication ready = this.application;
        return ready == null ? 0 : ready.waiting();
    }

    /** @return the requests answered 503 because no Context was free in time */
    public long rejected() {
        PythonApplication ready = this.application;
        return ready == null ? 0 : ready.rejected();
    }

    /** @return the broken Contexts that were replaced */
    public long replacedContexts() {
        PythonApplication ready = this.application;
        return ready == null ? 0 : ready.replacedContexts();
    }

    /** Closes the pool, or has it closed as soon as it is built. */
    @Override
    public void close() {
        PythonApplication ready;
        synchronized (this) {
            this.closed = true;
            ready = this.application;
        }
        if (ready != null) {
            ready.close();
        }
    }

    @Override
    public String toString() {
        return "PythonApplicationBean[" + this.name + ", " + this.properties.getApp() + "]";
    }
}
