package io.jwsgi.simpleserver;

import io.jwsgi.Application;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicReference;

/** A {@link WsgiServer} on 127.0.0.1 and an ephemeral port, serving on a thread of its own. */
final class RunningServer implements AutoCloseable {

    final WsgiServer server;
    private final Thread thread;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    RunningServer(Application app) throws IOException {
        this(app, ServerLimits.defaults(), WsgiRequestHandler::new);
    }

    RunningServer(Application app, ServerLimits limits) throws IOException {
        this(app, limits, WsgiRequestHandler::new);
    }

    RunningServer(Application app, ServerLimits limits, WsgiRequestHandler.Factory handlers) throws IOException {
        server = SimpleServer.makeServer("127.0.0.1", 0, app, WsgiServer::new, handlers);
        server.setLimits(limits);
        server.setLogRequests(false);
        thread = new Thread(() -> {
            try {
                server.serveForever();
            } catch (Throwable e) {
                failure.set(e);
            }
        });
        thread.setDaemon(true);
        thread.start();
    }

    int port() {
        return server.getServerPort();
    }

    TestClient client() throws IOException {
        return new TestClient(port());
    }

    /** Waits for serveForever to return after a shutdown. */
    boolean stopped(long millis) throws InterruptedException {
        thread.join(millis);
        return !thread.isAlive() && failure.get() == null;
    }

    @Override
    public void close() {
        server.close();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
