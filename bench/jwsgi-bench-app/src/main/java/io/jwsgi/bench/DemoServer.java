package io.jwsgi.bench;

import io.jwsgi.simpleserver.SimpleServer;
import io.jwsgi.simpleserver.WsgiServer;

/**
 * A stand-in for {@code java -jar jwsgi-core.jar} (the demo server of {@code python -m
 * wsgiref.simple_server}) for the start-up measurement of bench/run.sh, used while jwsgi-core's
 * jar has no {@code Main-Class}: {@link SimpleServer#demoApp()} on 127.0.0.1 with the access log on.
 *
 * <pre>{@code
 * java -cp jwsgi-core/target/jwsgi-core-0.1.0-SNAPSHOT.jar:bench/jwsgi-bench-app/target/classes \
 *     io.jwsgi.bench.DemoServer 8000
 * }</pre>
 */
public final class DemoServer {

    private DemoServer() {}

    /**
     * Serves {@link SimpleServer#demoApp()} until killed.
     *
     * @param args the port (default 8000)
     * @throws Exception if the server cannot start
     */
    public static void main(String[] args) throws Exception {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 8000;
        try (WsgiServer server = SimpleServer.makeServer("127.0.0.1", port, SimpleServer.demoApp())) {
            System.out.println("Serving HTTP on 127.0.0.1 port " + server.getServerPort() + " ...");
            server.serveForever();
        }
    }
}
