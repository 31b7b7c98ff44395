package io.jwsgi.simpleserver;

import io.jwsgi.Application;
import io.jwsgi.Header;
import io.jwsgi.simpleserver.http1.BodyInputStream;
import io.jwsgi.simpleserver.http1.ConnectionInput;
import io.jwsgi.simpleserver.http1.Framing;
import io.jwsgi.simpleserver.http1.Request;
import io.jwsgi.simpleserver.http1.RequestException;
import io.jwsgi.simpleserver.http1.RequestLine;
import io.jwsgi.simpleserver.http1.RequestParser;
import io.jwsgi.simpleserver.http1.RequestTarget;
import io.jwsgi.util.EnvironBuilder;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Serves one client connection of a {@link WsgiServer}: the Java form of {@code
 * wsgiref.simple_server.WSGIRequestHandler}, speaking HTTP/1.1.
 *
 * <p>{@link #handle()} reads requests one after the other (keep-alive and pipelining), builds each
 * request's environ with {@link #getEnviron()}, runs the server's application through a handler
 * built on {@link io.jwsgi.handlers.SimpleHandler}, and writes one access-log line per request to
 * {@link #getStderr()} in {@code http.server}'s format. Malformed requests and requests over a
 * {@link ServerLimits limit} are answered by the server itself (400, 408, 413, 414, 431, 501, 505)
 * with {@code Connection: close}, before the application runs.
 *
 * <p>Subclass it to change the environ, the error stream or the log, and pass the constructor
 * reference to {@link SimpleServer#makeServer(String, int, Application, WsgiServer.Factory,
 * WsgiRequestHandler.Factory)}:
 *
 * <pre>{@code
 * class TenantHandler extends WsgiRequestHandler {
 *     TenantHandler(Socket socket, WsgiServer server) { super(socket, server); }
 *
 *     @Override
 *     public Map<String, Object> getEnviron() {
 *         Map<String, Object> env = super.getEnviron();
 *         env.put("myapp.tenant", "blue");
 *         return env;
 *     }
 * }
 * WsgiServer server = SimpleServer.makeServer("127.0.0.1", 8000, app, WsgiServer::new, TenantHandler::new);
 * }</pre>
 */
public class WsgiRequestHandler {

    /** Creates the handler of one accepted connection; {@code WsgiRequestHandler::new} is one. */
    @FunctionalInterface
    public interface Factory {
        /**
         * Creates a handler for {@code socket}.
         *
         * @param socket the accepted connection
         * @param server the server that accepted it
         * @return the handler
         */
        WsgiRequestHandler create(Socket socket, WsgiServer server);
    }

    private static final byte[] CONTINUE = "HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
    private static final int EXPECTED_EXTRA_KEYS = 64;

    private final Socket socket;
    private final WsgiServer server;
    private final ServerLimits limits;
    private final InetSocketAddress clientAddress;
    private final String headerTimeoutMessage;
    private final String bodyTimeoutMessage;
    private volatile boolean idle;
    private boolean singleRequest;

    private Request request;
    private String requestLine = "";
    private ConnectionInput input;
    private OutputStream output;

    /**
     * Creates the handler of one connection; {@link #handle()} serves it.
     *
     * @param socket the accepted connection
     * @param server the server that accepted it
     */
    public WsgiRequestHandler(Socket socket, WsgiServer server) {
        this.socket = Objects.requireNonNull(socket, "socket");
        this.server = Objects.requireNonNull(server, "server");
        this.limits = server.getLimits();
        this.clientAddress = (InetSocketAddress) socket.getRemoteSocketAddress();
        this.headerTimeoutMessage = "request head not received within "
                + limits.headerTimeout().toMillis() + " ms (raise ServerLimits.headerTimeout)";
        this.bodyTimeoutMessage =
                "request body silent for " + limits.bodyTimeout().toMillis() + " ms (raise ServerLimits.bodyTimeout)";
    }

    /**
     * Builds the CGI part of the environ for the current request, key by key as {@code
     * wsgiref.simple_server.WSGIRequestHandler.get_environ}, with {@link EnvironBuilder}: a copy
     * of the server's base environ, then {@code SERVER_PROTOCOL}, {@code SERVER_SOFTWARE}, {@code
     * REQUEST_METHOD}, {@code PATH_INFO} (percent-decoded, one char per byte), the raw {@code
     * QUERY_STRING}, {@code REMOTE_ADDR}, {@code CONTENT_TYPE} ({@code text/plain} when absent,
     * as wsgiref), {@code CONTENT_LENGTH}, and an {@code HTTP_*} key for every other header
     * (values stripped as Python's {@code str.strip()} does, repeated headers joined with {@code
     * ,}, names holding {@code _} dropped). Beyond wsgiref it adds {@code REMOTE_PORT}. The {@code
     * wsgi.*} keys are added later by the handler.
     *
     * @return a new mutable map
     */
    public Map<String, Object> getEnviron() {
        Map<String, String> base = server.getBaseEnviron();
        List<Header> headers = request.headers();
        // Sized for the base, the request's own variables, its headers and what the handler adds
        // (the process environment, the wsgi.* keys): no rehashing on the way.
        Map<String, Object> env = new HashMap<>(capacityFor(base.size() + headers.size() + EXPECTED_EXTRA_KEYS));
        env.putAll(base);
        RequestLine line = request.line();
        RequestTarget target = RequestTarget.parse(line.target());
        EnvironBuilder builder = new EnvironBuilder(env)
                .protocol(line.version())
                .serverSoftware(SimpleServer.SERVER_VERSION)
                .requestMethod(line.method())
                .path(target.rawPath())
                .query(target.query())
                .remote(clientAddress.getAddress().getHostAddress(), null, clientAddress.getPort());
        for (int i = 0, n = headers.size(); i < n; i++) { // an ArrayList: no iterator
            Header h = headers.get(i);
            builder.header(h.name(), h.value());
        }
        builder.build();
        return env;
    }

    /**
     * The stream for {@code wsgi.errors} and the access log: {@link System#err}, as wsgiref's
     * {@code sys.stderr}.
     *
     * @return the error stream
     */
    public PrintStream getStderr() {
        return System.err;
    }

    /**
     * Serves the connection: every request on it until the client or the server ends it (wsgiref's
     * handler serves exactly one request; this one speaks HTTP/1.1). Returns when the connection
     * is done; the caller closes the socket.
     *
     * @throws IOException if the connection fails in a way not handled as a closed connection
     */
    public void handle() throws IOException {
        input = new ConnectionInput(socket.getInputStream(), socket, ConnectionInput.DEFAULT_BUFFER_SIZE);
        output = new BufferedOutputStream(socket.getOutputStream(), 8192);
        RequestParser parser = new RequestParser(input, limits.parserLimits());
        boolean first = true;
        while (awaitRequest(first)) {
            first = false;
            if (!handleOneRequest(parser)) {
                return;
            }
        }
    }

    /**
     * The current request's raw request line (empty before one was read, or when it was
     * malformed), as {@code BaseHTTPRequestHandler.requestline}.
     *
     * @return the request line without CRLF
     */
    protected String requestLine() {
        return requestLine;
    }

    /**
     * The current request's header fields in order, as received (the environ drops names holding
     * an underscore; this list keeps them).
     *
     * @return the fields
     */
    protected List<Header> requestHeaders() {
        return request == null ? List.of() : request.headers();
    }

    /**
     * The client's address, as {@code client_address}.
     *
     * @return the address
     */
    protected InetSocketAddress clientAddress() {
        return clientAddress;
    }

    /**
     * The server this handler belongs to.
     *
     * @return the server
     */
    protected WsgiServer server() {
        return server;
    }

    /**
     * Logs an answered request as {@code BaseHTTPRequestHandler.log_request}: {@code "request
     * line" code size}.
     *
     * @param code the status code, or {@code "-"}
     * @param size the number of body bytes sent, or {@code "-"}
     */
    protected void logRequest(String code, String size) {
        logMessage(AccessLog.requestMessage(requestLine, code, size));
    }

    /**
     * Writes one log line as {@code BaseHTTPRequestHandler.log_message}: {@code address - -
     * [date] message}, control characters escaped, unless the server's request log is off.
     *
     * @param message the message
     */
    protected void logMessage(String message) {
        if (!server.isLogRequests()) {
            return;
        }
        getStderr().print(AccessLog.line(clientAddress.getAddress().getHostAddress(), LocalDateTime.now(), message));
    }

    /** Serves the connection's next request only, then closes (for {@link WsgiServer#handleRequest()}). */
    void serveSingleRequest() {
        singleRequest = true;
    }

    /** True while the connection waits for its next request (the server may close it then). */
    boolean isIdle() {
        return idle;
    }

    /** Closes the connection (server shutdown); a blocked read or write fails. */
    void closeConnection() {
        try {
            socket.close();
        } catch (IOException e) {
            // closing anyway
        }
    }

    /** Waits for the first byte of the next request; false if the connection should end. */
    private boolean awaitRequest(boolean first) throws IOException {
        if (input.buffered() > 0) {
            return !server.isShuttingDown();
        }
        idle = true;
        try {
            if (server.isShuttingDown()) {
                return false;
            }
            Duration wait = first ? limits.headerTimeout() : limits.idleTimeout();
            input.setTimeouts(millis(wait), 0, null);
            return input.awaitData();
        } catch (SocketTimeoutException e) {
            return false;
        } finally {
            idle = false;
        }
    }

    /** Serves one request; returns true if the connection may carry another. */
    private boolean handleOneRequest(RequestParser parser) throws IOException {
        request = null;
        requestLine = "";
        input.setTimeouts(0, System.nanoTime() + limits.headerTimeout().toNanos(), headerTimeoutMessage);
        try {
            request = parser.read();
        } catch (RequestException e) {
            requestLine = e.requestLine() == null ? "" : e.requestLine();
            logMessage(AccessLog.errorMessage(e.status(), e.getMessage()));
            logRequest(Integer.toString(e.status()), "-");
            ErrorResponses.answer(e, output, socket, input);
            return false;
        }
        if (request == null) {
            return false;
        }
        requestLine = request.line().raw();
        input.setTimeouts(millis(limits.bodyTimeout()), 0, bodyTimeoutMessage);
        BodyInputStream body = parser.body(request);
        Framing framing = request.framing();
        if (framing.expectContinue() && framing.hasBody()) {
            body.beforeFirstRead(() -> {
                output.write(CONTINUE);
                output.flush();
            });
        }
        boolean keepAlive = framing.keepAlive() && !singleRequest && !server.isShuttingDown();
        ServerHandler handler = new ServerHandler(body, output, getStderr(), getEnviron(), this, request, keepAlive);
        handler.setChannel(socket.getChannel());
        handler.run(server.getApp());
        if (!handler.keepsConnection()) {
            return false;
        }
        if (body.atEnd()) {
            return true;
        }
        if (body.firstReadPending()) {
            return false; // 100 Continue was never sent: the client may or may not send the body
        }
        try {
            return body.drain(limits.maxDrainBytes());
        } catch (IOException e) {
            return false;
        }
    }

    private static int capacityFor(int entries) {
        return (int) (entries / 0.75f) + 1;
    }

    private static int millis(Duration d) {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(1, d.toMillis()));
    }
}
