package io.jwsgi.python;

import io.jwsgi.Application;
import io.jwsgi.simpleserver.SimpleServer;
import io.jwsgi.simpleserver.WsgiRequestHandler;
import io.jwsgi.simpleserver.WsgiServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * An application on jwsgi's standalone server on an ephemeral port of 127.0.0.1, its {@code
 * wsgi.errors} captured.
 */
final class Served implements AutoCloseable {

    private final ByteArrayOutputStream errorBytes = new ByteArrayOutputStream();
    private final PrintStream errors = new PrintStream(this.errorBytes, true, StandardCharsets.UTF_8);
    final WsgiServer server;
    private final Thread thread;

    Served(Application app) throws IOException {
        this.server = SimpleServer.makeServer(
                "127.0.0.1", 0, app, WsgiServer::new, (socket, server) -> new WsgiRequestHandler(socket, server) {
                    @Override
                    public PrintStream getStderr() {
                        return Served.this.errors;
                    }
                });
        this.server.setLogRequests(false);
        this.thread = Thread.ofPlatform().name("served").daemon().start(() -> {
            try {
                this.server.serveForever();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    int port() {
        return this.server.getServerPort();
    }

    /** What went to {@code wsgi.errors} so far. */
    String errors() {
        synchronized (this.errorBytes) {
            return this.errorBytes.toString(StandardCharsets.UTF_8);
        }
    }

    void clearErrors() {
        synchronized (this.errorBytes) {
            this.errorBytes.reset();
        }
    }

    @Override
    public void close() {
        this.server.close();
        try {
            this.thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
