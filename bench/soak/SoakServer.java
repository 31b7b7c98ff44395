package soak;

import io.jwsgi.Application;
import io.jwsgi.Header;
import io.jwsgi.simpleserver.SimpleServer;
import io.jwsgi.simpleserver.WsgiServer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The standalone server under soak: a 13-byte hello on 127.0.0.1:PORT, no access log. */
public final class SoakServer {
    public static void main(String[] args) throws Exception {
        byte[] hello = "Hello, soak!\n".getBytes(StandardCharsets.US_ASCII);
        Application app = (environ, start) -> {
            start.start("200 OK", List.of(Header.of("Content-Type", "text/plain")));
            return List.of(hello);
        };
        try (WsgiServer server = SimpleServer.makeServer("127.0.0.1", Integer.parseInt(args[0]), app)) {
            server.setLogRequests(false);
            System.out.println("serving on " + server.getServerPort());
            server.serveForever();
        }
    }
}
