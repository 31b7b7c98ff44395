package io.jwsgi.simpleserver;

import io.jwsgi.Application;
import io.jwsgi.util.EnvironBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.StandardSocketOptions;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A WSGI server: the Java form of {@code wsgiref.simple_server.WSGIServer}, serving HTTP/1.1
 * connections concurrently.
 *
 * <p>The constructor binds the listening socket and sets up the base environ ({@code
 * SERVER_NAME}, {@code GATEWAY_INTERFACE}, {@code SERVER_PORT}, {@code REMOTE_HOST}, {@code
 * CONTENT_LENGTH}, {@code SCRIPT_NAME}), as wsgiref's {@code server_bind}. {@link #serveForever()}
 * accepts connections until {@link #shutdown()}; each is served by a {@link WsgiRequestHandler}
 * on a virtual thread (Java 21+) or a pooled platform thread (Java 17), at most {@link
 * ServerLimits#maxConnections()} at once. Most programs create it with {@link
 * SimpleServer#makeServer(String, int, Application)}:
 *
 * <pre>{@code
 * try (WsgiServer server = SimpleServer.makeServer("127.0.0.1", 8000, SimpleServer.demoApp())) {
 *     System.out.println("Serving HTTP on port " + server.getServerPort() + " ...");
 *     server.serveForever();
 * }
 * }</pre>
 */
public class WsgiServer implements AutoCloseable {

    /** Creates a server; {@code WsgiServer::new} is one. */
    @FunctionalInterface
    public interface Factory {
        /**
         * Creates and binds a server.
         *
         * @param address where to listen; port 0 binds an ephemeral port
         * @param handlerFactory creates the handler of each connection
         * @return the bound server
         * @throws IOException if binding fails
         */
        WsgiServer create(InetSocketAddress address, WsgiRequestHandler.Factory handlerFactory) throws IOException;
    }

    private static final int BACKLOG = 1024;
    private static final AtomicInteger SERVER_IDS = new AtomicInteger();

    private final ServerSocketChannel listener;
    private final WsgiRequestHandler.Factory handlerFactory;
    private final Map<String, String> baseEnviron = new HashMap<>();
    private final Set<WsgiRequestHandler> active = ConcurrentHashMap.newKeySet();
    private final int serverId = SERVER_IDS.incrementAndGet();
    private final String serverName;
    private final int serverPort;

    private volatile Application application;
    private volatile ServerLimits limits = ServerLimits.defaults();
    private volatile boolean logRequests = true;
    private volatile boolean shuttingDown;
    private volatile CountDownLatch serving;
    private ExecutorService executor;
    private Semaphore permits;

    /**
     * Binds a server to {@code address}; it serves nothing until {@link #serveForever()} or
     * {@link #handleRequest()}.
     *
     * @param address where to listen; port 0 binds an ephemeral port
     * @param handlerFactory creates the handler of each connection, e.g. {@code
     *     WsgiRequestHandler::new}
     * @throws IOException if binding fails
     */
    // Calls the overridable setupEnviron() on purpose, as wsgiref's server_bind does: subclasses
    // add to the base environ there (javac 21+ would warn of the 'this' escape).
    @SuppressWarnings("this-escape")
    public WsgiServer(InetSocketAddress address, WsgiRequestHandler.Factory handlerFactory) throws IOException {
        Objects.requireNonNull(address, "address");
        this.handlerFactory = Objects.requireNonNull(handlerFactory, "handlerFactory");
        this.listener = ServerSocketChannel.open();
        try {
            listener.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            listener.bind(address, BACKLOG);
        } catch (IOException e) {
            listener.close();
            throw e;
        }
        InetSocketAddress bound = (InetSocketAddress) listener.getLocalAddress();
        this.serverPort = bound.getPort();
        this.serverName = fullyQualifiedName(bound.getAddress());
        setupEnviron();
    }

    /**
     * Sets up the base environ every request starts from, as wsgiref's {@code setup_environ}
     * ({@link EnvironBuilder#server}): {@code SERVER_NAME}, {@code GATEWAY_INTERFACE}, {@code
     * SERVER_PORT}, and {@code REMOTE_HOST}, {@code CONTENT_LENGTH} and {@code SCRIPT_NAME}
     * empty. Subclasses may add to {@link #getBaseEnviron()} here.
     */
    protected void setupEnviron() {
        new EnvironBuilder(baseEnviron).server(serverName, serverPort);
    }

    /**
     * The base environ: the CGI variables shared by all requests. The map is live; change it
     * before serving, not while requests run.
     *
     * @return the mutable base environ
     */
    public Map<String, String> getBaseEnviron() {
        return baseEnviron;
    }

    /**
     * Sets the application to serve.
     *
     * @param application the application
     */
    public void setApp(Application application) {
        this.application = Objects.requireNonNull(application, "application");
    }

    /**
     * The application served, or null before {@link #setApp}.
     *
     * @return the application
     */
    public Application getApp() {
        return application;
    }

    /**
     * Sets the limits and timeouts; applies to connections accepted afterwards.
     *
     * @param limits the limits
     */
    public void setLimits(ServerLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    /**
     * The limits and timeouts in force.
     *
     * @return the limits
     */
    public ServerLimits getLimits() {
        return limits;
    }

    /**
     * Turns the access log (one line per request on the handler's {@code getStderr()}, as
     * wsgiref's) on or off; on by default.
     *
     * @param logRequests whether to log requests
     */
    public void setLogRequests(boolean logRequests) {
        this.logRequests = logRequests;
    }

    /**
     * Whether the access log is on.
     *
     * @return true if requests are logged
     */
    public boolean isLogRequests() {
        return logRequests;
    }

    /**
     * The port the server listens on (the ephemeral one when bound to port 0).
     *
     * @return the port
     */
    public int getServerPort() {
        return serverPort;
    }

    /**
     * The server's host name, as {@code SERVER_NAME}.
     *
     * @return the fully qualified name of the bound address
     */
    public String getServerName() {
        return serverName;
    }

    /**
     * Accepts and serves connections until {@link #shutdown()} or {@link #close()}, each on its
     * own thread. Returns when the server was shut down.
     *
     * @throws IOException if accepting fails for another reason than shutdown
     * @throws IllegalStateException if already serving or shut down
     */
    public void serveForever() throws IOException {
        requireApp();
        startServing();
        try {
            while (!shuttingDown) {
                if (!permits.tryAcquire(100, TimeUnit.MILLISECONDS)) {
                    continue;
                }
                SocketChannel connection;
                try {
                    connection = listener.accept();
                } catch (ClosedChannelException e) {
                    permits.release();
                    if (shuttingDown) {
                        return;
                    }
                    throw e;
                }
                executeOrClose(connection);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            serving.countDown();
        }
    }

    /**
     * Accepts one connection and serves one request on it in the calling thread, then closes it
     * (wsgiref's {@code handle_request}).
     *
     * @throws IOException if accepting fails
     */
    public void handleRequest() throws IOException {
        requireApp();
        SocketChannel connection = listener.accept();
        serve(connection, true);
    }

    /**
     * Stops the server gracefully: stops accepting, closes idle keep-alive connections, lets
     * requests in flight finish within {@link ServerLimits#shutdownTimeout()}, then closes the
     * connections still open (their applications' iterables are closed as their writes fail).
     * Waits for {@link #serveForever()} to return. A shut-down server cannot serve again.
     */
    public void shutdown() {
        shuttingDown = true;
        closeListener();
        long deadline = System.nanoTime() + limits.shutdownTimeout().toNanos();
        closeIdleConnections();
        while (!active.isEmpty() && System.nanoTime() < deadline) {
            closeIdleConnections();
            sleepBriefly();
        }
        for (WsgiRequestHandler handler : active) {
            handler.closeConnection();
        }
        CountDownLatch latch = serving;
        if (latch != null) {
            try {
                latch.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        ExecutorService pool = executor;
        if (pool != null) {
            pool.shutdown();
        }
    }

    /**
     * Shuts the server down ({@link #shutdown()}) and releases its socket; safe to call more than
     * once (wsgiref's {@code server_close}).
     */
    @Override
    public void close() {
        if (!shuttingDown || listener.isOpen()) {
            shutdown();
        }
    }

    /** True once {@link #shutdown()} began: handlers then close their connections after a response. */
    boolean isShuttingDown() {
        return shuttingDown;
    }

    private synchronized void startServing() {
        if (shuttingDown) {
            throw new IllegalStateException("server was shut down");
        }
        if (serving != null) {
            throw new IllegalStateException("server is already serving");
        }
        permits = new Semaphore(limits.maxConnections());
        executor = newExecutor(limits.maxConnections(), "jwsgi-" + serverId + "-");
        serving = new CountDownLatch(1);
    }

    private void executeOrClose(SocketChannel connection) {
        try {
            executor.execute(() -> {
                try {
                    serve(connection, false);
                } finally {
                    permits.release();
                }
            });
        } catch (RuntimeException e) {
            permits.release();
            closeQuietly(connection.socket());
        }
    }

    private void serve(SocketChannel connection, boolean singleRequest) {
        Socket socket = connection.socket();
        WsgiRequestHandler handler = null;
        try {
            socket.setTcpNoDelay(true);
            handler = handlerFactory.create(socket, this);
            if (singleRequest) {
                handler.serveSingleRequest();
            }
            active.add(handler);
            if (shuttingDown) {
                return;
            }
            handler.handle();
        } catch (IOException | UncheckedIOException e) {
            // the connection broke: nothing to answer
        } catch (RuntimeException | Error e) {
            System.err.println("jwsgi: error serving a connection: " + e);
        } finally {
            if (handler != null) {
                active.remove(handler);
            }
            closeQuietly(socket);
        }
    }

    private void closeIdleConnections() {
        for (WsgiRequestHandler handler : active) {
            if (handler.isIdle()) {
                handler.closeConnection();
            }
        }
    }

    private void closeListener() {
        try {
            listener.close();
        } catch (IOException e) {
            // already closed or failing: either way it no longer accepts
        }
    }

    private void requireApp() {
        if (application == null) {
            throw new IllegalStateException("no application: call setApp first");
        }
    }

    private static void sleepBriefly() {
        try {
            Thread.sleep(10);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // closing anyway
        }
    }

    /** {@code socket.getfqdn(host)}: the local host's name for a wildcard address. */
    private static String fullyQualifiedName(InetAddress address) throws IOException {
        InetAddress named = address.isAnyLocalAddress() ? InetAddress.getLocalHost() : address;
        return named.getCanonicalHostName();
    }

    /**
     * One virtual thread per connection where the JVM has them (Java 21+, found reflectively
     * since this library targets Java 17), else a cached pool of daemon threads, at most {@code
     * maxThreads} busy at once because the server holds a permit per connection.
     */
    static ExecutorService newExecutor(int maxThreads, String namePrefix) {
        try {
            return (ExecutorService) MethodHandles.publicLookup()
                    .findStatic(
                            java.util.concurrent.Executors.class,
                            "newVirtualThreadPerTaskExecutor",
                            MethodType.methodType(ExecutorService.class))
                    .invoke();
        } catch (NoSuchMethodException | IllegalAccessException e) {
            AtomicInteger count = new AtomicInteger();
            ThreadFactory threads = task -> {
                Thread t = new Thread(task, namePrefix + count.incrementAndGet());
                t.setDaemon(true);
                return t;
            };
            // Idle threads are reused and end after 30 s; the connection permits bound how many run.
            // (A fixed pool of maxThreads core threads would start a new thread for every
            // connection until maxThreads exist, even when idle ones could serve it.)
            return new ThreadPoolExecutor(
                    0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), threads);
        } catch (Throwable e) {
            throw new IllegalStateException("cannot create the connection executor", e);
        }
    }
}
