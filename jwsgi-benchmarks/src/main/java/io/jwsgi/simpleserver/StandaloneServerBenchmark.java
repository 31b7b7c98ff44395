package io.jwsgi.simpleserver;

import io.jwsgi.benchmarks.BaseHandlerBenchmark;
import io.jwsgi.benchmarks.JmhSettings;
import io.jwsgi.testfixtures.InMemorySocket;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The standalone server without the network: {@link WsgiRequestHandler#getEnviron()} for the
 * browser request of {@link RequestParserBenchmark}, and a whole request served by a {@link
 * WsgiRequestHandler} over an in-memory socket (parse, environ, handler, hello-world app,
 * response). The server is made (its port bound) but never accepts.
 *
 * <pre>{@code
 * java -jar jwsgi-benchmarks/target/benchmarks.jar StandaloneServerBenchmark -f 1 -wi 3 -i 5
 * }</pre>
 */
public class StandaloneServerBenchmark extends JmhSettings {

    private WsgiServer server;
    private WsgiRequestHandler servedBrowserGet;

    /** Creates the benchmark state (JMH does this). */
    public StandaloneServerBenchmark() {}

    /**
     * Makes the server (on an ephemeral loopback port, never accepting) and serves the browser
     * request once, so that {@link #getEnviron()} has a current request.
     *
     * @throws IOException if the port cannot be bound
     */
    @Setup
    public void setUp() throws IOException {
        server = SimpleServer.makeServer("127.0.0.1", 0, BaseHandlerBenchmark.HELLO_APP);
        server.setLogRequests(false);
        servedBrowserGet = new WsgiRequestHandler(new InMemorySocket(RequestParserBenchmark.BROWSER_GET), server);
        servedBrowserGet.handle();
    }

    /** Closes the server. */
    @TearDown
    public void tearDown() {
        server.close();
    }

    /**
     * Builds the CGI part of the environ of the browser request, as the server does per request.
     *
     * @return the environ
     */
    @Benchmark
    public Map<String, Object> getEnviron() {
        return servedBrowserGet.getEnviron();
    }

    /**
     * Serves the browser request with a new handler over a new in-memory connection, as the
     * server does per connection: parse, environ, handler, application, response.
     *
     * @return the bytes written to the connection
     * @throws IOException never (the connection is in memory)
     */
    @Benchmark
    public ByteArrayOutputStream serveBrowserGet() throws IOException {
        InMemorySocket socket = new InMemorySocket(RequestParserBenchmark.BROWSER_GET);
        new WsgiRequestHandler(socket, server).handle();
        return socket.written();
    }
}
