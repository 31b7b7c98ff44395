package io.jwsgi.simpleserver;

import io.jwsgi.Application;
import io.jwsgi.Header;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Entry points of the standalone server, as the functions of {@code wsgiref.simple_server}:
 * {@link #makeServer} and {@link #demoApp()}.
 *
 * <pre>{@code
 * try (WsgiServer server = SimpleServer.makeServer("127.0.0.1", 8000, SimpleServer.demoApp())) {
 *     server.serveForever();
 * }
 * }</pre>
 */
public final class SimpleServer {

    /**
     * The server's name and version, the {@code SERVER_SOFTWARE} of every request: wsgiref's
     * {@code server_version}.
     */
    public static final String SERVER_VERSION = "JWSGIServer/0.1";

    /** The runtime's name and version: wsgiref's {@code sys_version} ({@code Python/3.13.0}). */
    public static final String SYS_VERSION = "Java/" + Runtime.version().feature();

    /**
     * The {@code Server} response header, {@link #SERVER_VERSION} and {@link #SYS_VERSION}:
     * wsgiref's {@code software_version}.
     */
    public static final String SOFTWARE_VERSION = SERVER_VERSION + " " + SYS_VERSION;

    private SimpleServer() {}

    /**
     * Creates a {@link WsgiServer} listening on {@code host} and {@code port} for {@code app},
     * with {@link WsgiRequestHandler} serving each connection.
     *
     * @param host the address to bind, e.g. {@code "127.0.0.1"}; {@code ""} binds every address
     * @param port the port; 0 binds an ephemeral port (see {@link WsgiServer#getServerPort()})
     * @param app the application
     * @return the bound server; call {@link WsgiServer#serveForever()} to serve
     * @throws IOException if binding fails
     */
    public static WsgiServer makeServer(String host, int port, Application app) throws IOException {
        return makeServer(host, port, app, WsgiServer::new, WsgiRequestHandler::new);
    }

    /**
     * Creates a server with a server class and a request-handler class of your own, as {@code
     * make_server(host, port, app, server_class, handler_class)}.
     *
     * @param host the address to bind; {@code ""} binds every address
     * @param port the port; 0 binds an ephemeral port
     * @param app the application
     * @param serverFactory creates the server, e.g. {@code WsgiServer::new}
     * @param handlerFactory creates the handler of each connection, e.g. {@code
     *     WsgiRequestHandler::new}
     * @return the bound server
     * @throws IOException if binding fails
     */
    public static WsgiServer makeServer(
            String host,
            int port,
            Application app,
            WsgiServer.Factory serverFactory,
            WsgiRequestHandler.Factory handlerFactory)
            throws IOException {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(app, "app");
        Objects.requireNonNull(serverFactory, "serverFactory");
        Objects.requireNonNull(handlerFactory, "handlerFactory");
        InetSocketAddress address = host.isEmpty() ? new InetSocketAddress(port) : new InetSocketAddress(host, port);
        WsgiServer server = serverFactory.create(address, handlerFactory);
        server.setApp(app);
        return server;
    }

    /**
     * The demo application of {@code wsgiref.simple_server.demo_app}: {@code Hello world!}, a
     * blank line, then every environ entry sorted by key as {@code key = repr(value)}, in {@code
     * text/plain; charset=utf-8}. It shows the whole environ to whoever asks: for local
     * experiments only.
     *
     * @return the application
     */
    public static Application demoApp() {
        return (environ, startResponse) -> {
            StringBuilder out = new StringBuilder("Hello world!\n\n");
            for (Map.Entry<String, Object> e : new TreeMap<>(environ).entrySet()) {
                out.append(e.getKey()).append(" = ").append(repr(e.getValue())).append('\n');
            }
            startResponse.start("200 OK", List.of(Header.of("Content-Type", "text/plain; charset=utf-8")));
            return List.of(out.toString().getBytes(StandardCharsets.UTF_8));
        };
    }

    /** A Python-like {@code repr}: quoted strings, True/False/None, lists in brackets. */
    static String repr(Object value) {
        if (value == null) {
            return "None";
        }
        if (value instanceof Boolean) {
            return (Boolean) value ? "True" : "False";
        }
        if (value instanceof String) {
            return reprString((String) value);
        }
        if (value instanceof List) {
            StringBuilder b = new StringBuilder("[");
            for (Object item : (List<?>) value) {
                if (b.length() > 1) {
                    b.append(", ");
                }
                b.append(repr(item));
            }
            return b.append(']').toString();
        }
        return String.valueOf(value);
    }

    private static String reprString(String s) {
        char quote = s.indexOf('\'') >= 0 && s.indexOf('"') < 0 ? '"' : '\'';
        StringBuilder b = new StringBuilder(s.length() + 2).append(quote);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == quote || c == '\\') {
                b.append('\\').append(c);
            } else if (c == '\n') {
                b.append("\\n");
            } else if (c == '\r') {
                b.append("\\r");
            } else if (c == '\t') {
                b.append("\\t");
            } else if (c < 0x20 || (c >= 0x7F && c <= 0xA0) || c == 0xAD) {
                b.append(String.format(Locale.ROOT, "\\x%02x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.append(quote).toString();
    }
}
