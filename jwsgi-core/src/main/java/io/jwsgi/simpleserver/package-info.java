/**
 * The standalone HTTP/1.1 server: the port of {@code wsgiref.simple_server}.
 *
 * <p>{@link io.jwsgi.simpleserver.SimpleServer#makeServer(String, int, io.jwsgi.Application)}
 * binds a {@link io.jwsgi.simpleserver.WsgiServer}; each connection is served by a {@link
 * io.jwsgi.simpleserver.WsgiRequestHandler}, which builds wsgiref's environ and runs the
 * application through a handler built on {@link io.jwsgi.handlers.SimpleHandler}. Unlike wsgiref,
 * the server keeps connections alive, pipelines, decodes chunked request bodies, chunks responses
 * of unknown length, honours {@code Expect: 100-continue}, serves connections concurrently, parses
 * strictly (ambiguous framing is refused) and holds every client to the {@link
 * io.jwsgi.simpleserver.ServerLimits}. The HTTP/1.1 wire (parser, framing, body streams) is the
 * internal package {@code io.jwsgi.simpleserver.http1}; this package is wsgiref's layer over it. {@link
 * io.jwsgi.simpleserver.Main} is the jar's command line ({@code java -jar jwsgi-core.jar [serve
 * DIR] [PORT]}).
 *
 * <pre>{@code
 * try (WsgiServer server = SimpleServer.makeServer("127.0.0.1", 8000, SimpleServer.demoApp())) {
 *     server.serveForever();
 * }
 * }</pre>
 */
package io.jwsgi.simpleserver;
