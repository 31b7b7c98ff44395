package io.jwsgi.simpleserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jwsgi.Header;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class SimpleServerTest {

    @Test
    void demoAppSaysHelloThenListsTheSortedEnviron() throws Exception {
        Map<String, Object> environ = new HashMap<>();
        environ.put("b", "two");
        environ.put("a", "it's");
        environ.put("c", true);
        environ.put("d", List.of(1, 0));
        AtomicReference<List<Header>> headers = new AtomicReference<>();
        Iterable<byte[]> body = SimpleServer.demoApp().call(environ, (status, h, exc) -> {
            assertThat(status).isEqualTo("200 OK");
            headers.set(h);
            return data -> {};
        });
        assertThat(headers.get()).containsExactly(new Header("Content-Type", "text/plain; charset=utf-8"));
        StringBuilder text = new StringBuilder();
        body.forEach(b -> text.append(new String(b, StandardCharsets.UTF_8)));
        assertThat(text.toString()).isEqualTo("Hello world!\n\na = \"it's\"\nb = 'two'\nc = True\nd = [1, 0]\n");
    }

    @Test
    void reprQuotesAndEscapesLikePython() {
        assertThat(SimpleServer.repr("caf\u00e9\n\t\\")).isEqualTo("'caf\u00e9\\n\\t\\\\'");
        assertThat(SimpleServer.repr("both ' and \"")).isEqualTo("'both \\' and \"'");
        assertThat(SimpleServer.repr("\u0000\u00a0\u007f")).isEqualTo("'\\x00\\xa0\\x7f'");
        assertThat(SimpleServer.repr(null)).isEqualTo("None");
        assertThat(SimpleServer.repr(false)).isEqualTo("False");
        assertThat(SimpleServer.repr(7)).isEqualTo("7");
    }

    @Test
    void makeServerServesTheDemoAppOverHttp() throws Exception {
        try (RunningServer s = new RunningServer(SimpleServer.demoApp());
                TestClient c = s.client()) {
            c.send("GET /xyz?abc HTTP/1.1\r\nHost: localhost\r\n\r\n");
            TestClient.Response r = c.read();
            assertThat(r.status()).isEqualTo(200);
            String text = new String(r.body(), StandardCharsets.UTF_8);
            assertThat(text).startsWith("Hello world!\n\n").contains("PATH_INFO = '/xyz'\n", "QUERY_STRING = 'abc'\n");
        }
    }

    @Test
    void makeServerTakesAServerFactoryAndAHandlerFactory() throws Exception {
        AtomicReference<InetSocketAddress> bound = new AtomicReference<>();
        WsgiServer.Factory servers = (address, handlers) -> {
            bound.set(address);
            return new WsgiServer(address, handlers);
        };
        WsgiRequestHandler.Factory handlers = WsgiRequestHandler::new;
        try (WsgiServer server = SimpleServer.makeServer("127.0.0.1", 0, SimpleServer.demoApp(), servers, handlers)) {
            assertThat(bound.get().getPort()).isZero();
            assertThat(server.getServerPort()).isPositive();
        }
        assertThatThrownBy(() -> SimpleServer.makeServer("127.0.0.1", 0, null))
                .isInstanceOf(NullPointerException.class);
    }
}
