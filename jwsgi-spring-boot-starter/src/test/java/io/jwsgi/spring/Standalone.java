package io.jwsgi.spring;

import io.jwsgi.Application;
import io.jwsgi.simpleserver.SimpleServer;
import io.jwsgi.simpleserver.WsgiServer;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * jwsgi's standalone server on 127.0.0.1 and an ephemeral port, without its request log, serving
 * on a daemon thread: the reference the differential tests send the bridge's requests to.
 */
final class Standalone implements AutoCloseable {

    private final WsgiServer server;
    private final Thread serving;

    private Standalone(WsgiServer server) {
        this.server = server;
        this.serving = new Thread(() -> {
            try {
                server.serveForever();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        this.serving.setDaemon(true);
    }

    /** Starts serving {@code app}. */
    static Standalone start(Application app) throws IOException {
        WsgiServer server = SimpleServer.makeServer("127.0.0.1", 0, app);
        server.setLogRequests(false);
        Standalone standalone = new Standalone(server);
        standalone.serving.start();
        return standalone;
    }

    int port() {
        return this.server.getServerPort();
    }

    /** Closes the server and waits (up to 10 s) for its thread to end. */
    @Override
    public void close() {
        this.server.close();
        try {
            this.serving.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
