package io.jwsgi.python;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jwsgi.simpleserver.SimpleServer;
import io.jwsgi.simpleserver.WsgiServer;
import io.jwsgi.validate.Validator;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A Python application behind wsgiref's validator inside GraalPy and jwsgi's Validator outside,
 * served on a real socket by jwsgi's standalone server.
 */
class PythonApplicationTest {

    private static final Path APPS = Path.of("src/test/resources/pyapps");

    private static PythonApplication app;
    private static WsgiServer server;
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    @BeforeAll
    static void serve() throws Exception {
        app = PythonApplication.builder("basic_app:app")
                .pythonPath(APPS)
                .contexts(1)
                .build();
        server = SimpleServer.makeServer("127.0.0.1", 0, Validator.validator(app));
        server.setLogRequests(false);
        Thread.ofPlatform().daemon().start(() -> {
            try {
                server.serveForever();
            } catch (Exception e) {
                // closed
            }
        });
    }

    @AfterAll
    static void stop() {
        server.close();
        app.close();
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return CLIENT.send(
                request.build(), HttpResponse.BodyHandlers.ofString(java.nio.charset.StandardCharsets.ISO_8859_1));
    }

    private static URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getServerPort() + path);
    }

    @Test
    void theApplicationSeesWsgirefsEnviron() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/caf%C3%A9?a=1")));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("tuple(1, 0)\nTrue\nGET\n/caf\u00c3\u00a9\na=1\n");
    }

    @Test
    void theBodyIsReadFromWsgiInput() throws Exception {
        HttpResponse<String> response =
                send(HttpRequest.newBuilder(uri("/echo")).POST(HttpRequest.BodyPublishers.ofString("hello body")));
        assertThat(response.body()).isEqualTo("hello body");
    }

    @Test
    void aPythonExceptionIsA500WithoutTheTraceback() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/fail")));
        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.body()).doesNotContain("boom");
    }

    @Test
    void aMissingCallableFailsAtBuildWithThePythonTraceback() {
        assertThatThrownBy(() -> PythonApplication.builder("basic_app:nothing")
                        .pythonPath(APPS)
                        .contexts(1)
                        .build())
                .isInstanceOf(PythonException.class)
                .satisfies(e -> assertThat(((PythonException) e).traceback()).contains("Traceback", "nothing"));
    }
}
