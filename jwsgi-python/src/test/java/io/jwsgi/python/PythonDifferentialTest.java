package io.jwsgi.python;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.jayway.jsonpath.JsonPath;
import io.jwsgi.simpleserver.SimpleServer;
import io.jwsgi.testfixtures.RequestGenerator;
import io.jwsgi.testfixtures.Shared;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The same Python echo application served by CPython's {@code wsgiref.simple_server} and by
 * jwsgi-python on jwsgi's standalone server, on generated requests ({@value #REQUESTS} per seed,
 * {@code SEEDS.length} seeds): every {@code str} CGI and {@code HTTP_} variable the application
 * sees, {@code wsgi.url_scheme} and the body bytes are identical.
 *
 * <p>The variables the host decides differ by design and are checked for what each server says:
 * {@code SERVER_SOFTWARE} (wsgiref's {@code WSGIServer/0.2}, jwsgi's {@code
 * JWSGIServer/...}), {@code SERVER_PORT} (each server's own port) and {@code REMOTE_PORT} (the
 * client's port, which jwsgi gives and wsgiref does not). One deliberate difference of jwsgi's
 * server (docs/server.md): a path starting with {@code //} keeps its slashes, where {@code
 * http.server} reduces them to one.
 *
 * <p>Two applications: {@code ../shared/conformance/echo_app.py} as it is (skipped with a message
 * where {@code ../shared} is absent, or set {@code -Djwsgi.shared.dir}) and the project's own
 * {@code pyapps/echo_own.py}. Without {@code python3} on the PATH both skip.
 */
@Timeout(1800)
class PythonDifferentialTest {

    static final int REQUESTS = 300;
    private static final long[] SEEDS = {20261201L, 7L, 1234567L};
    private static final HexFormat HEX = HexFormat.of();
    private static final Set<String> HOST_DECIDED = Set.of("SERVER_SOFTWARE", "SERVER_PORT", "REMOTE_PORT");

    @Test
    void theSharedEchoAppSeesWhatItSeesOnWsgiref() throws Exception {
        Path echo = Shared.require(
                "conformance/echo_app.py",
                "the project's own echo app (theOwnEchoAppSeesWhatItSeesOnWsgiref) covers the same");
        compare("echo_app:app", echo.getParent(), PythonDifferentialTest::parseJson);
    }

    @Test
    void theOwnEchoAppSeesWhatItSeesOnWsgiref() throws Exception {
        compare("echo_own:app", PythonApplicationTest.APPS, PythonDifferentialTest::parseLines);
    }

    private static void compare(String spec, Path dir, Function<String, Map<String, String>> parse) throws Exception {
        try (CPython wsgiref = CPython.start(spec, List.of(dir))) {
            assumeTrue(wsgiref != null, "python3 is not on the PATH: the differential test against wsgiref is skipped");
            try (PythonApplication app = PythonApplication.builder(spec)
                            .pythonPath(dir)
                            .contexts(1)
                            .build();
                    Served jwsgi = new Served(app)) {
                RequestGenerator generator = RequestGenerator.forWsgirefWithByteBodies();
                Set<String> compared = new TreeSet<>();
                int leadingSlashes = 0;
                for (long seed : SEEDS) {
                    Random random = new Random(seed);
                    for (int i = 0; i < REQUESTS; i++) {
                        String request = generator.generate(random);
                        String what = "request " + i + " of seed " + seed + ":\n" + request.replace("\r\n", "\\r\\n\n");
                        Map<String, String> expected = environ(wsgiref.port(), request, parse, what);
                        Map<String, String> actual = environ(jwsgi.port(), request, parse, what);
                        assertThat(expected.get("SERVER_SOFTWARE")).as(what).isEqualTo("WSGIServer/0.2");
                        assertThat(actual.get("SERVER_SOFTWARE")).as(what).isEqualTo(SimpleServer.SERVER_VERSION);
                        assertThat(expected.get("SERVER_PORT")).as(what).isEqualTo(Integer.toString(wsgiref.port()));
                        assertThat(actual.get("SERVER_PORT")).as(what).isEqualTo(Integer.toString(jwsgi.port()));
                        assertThat(expected).as(what).doesNotContainKey("REMOTE_PORT");
                        assertThat(actual.get("REMOTE_PORT")).as(what).matches("[0-9]+");
                        expected.keySet().removeAll(HOST_DECIDED);
                        actual.keySet().removeAll(HOST_DECIDED);
                        if (request.indexOf(" //") == request.indexOf(' ')) {
                            actual.put("PATH_INFO", actual.get("PATH_INFO").replaceFirst("^/+", "/"));
                            leadingSlashes++;
                        }
                        assertThat(actual).as(what).isEqualTo(expected);
                        compared.addAll(expected.keySet());
                    }
                }
                assertThat(compared).containsAll(RequestGenerator.REACHED_VARIABLES);
                assertThat(compared).contains("wsgi.url_scheme");
                assertThat(compared.stream()
                                .filter(k -> k.startsWith("HTTP_X_"))
                                .count())
                        .isGreaterThan(20);
                assertThat(leadingSlashes)
                        .as("requests whose path starts with //")
                        .isPositive();
                PythonApplicationTest.awaitIdle(app);
                assertThat(app.calls()).isEqualTo((long) REQUESTS * SEEDS.length);
            }
        }
    }

    private static Map<String, String> environ(
            int port, String request, Function<String, Map<String, String>> parse, String what) throws Exception {
        WireClient.Response response = WireClient.exchange(port, request);
        assertThat(response.status()).as(what).isEqualTo(200);
        assertThat(response.complete()).as(what).isTrue();
        return parse.apply(response.text());
    }

    /** echo_app.py's JSON: str values, and the body as base64. */
    private static Map<String, String> parseJson(String text) {
        Map<String, Object> json = JsonPath.parse(text).json();
        Map<String, String> out = new TreeMap<>();
        json.forEach((k, v) -> {
            if (k.equals("body_b64")) {
                out.put("body", new String(java.util.Base64.getDecoder().decode((String) v), ISO_8859_1));
            } else {
                out.put(k, (String) v);
            }
        });
        return out;
    }

    /** echo_own.py's lines: a name, a space, the hex of the value's bytes. */
    private static Map<String, String> parseLines(String text) {
        Map<String, String> out = new TreeMap<>();
        for (String line : text.split("\n")) {
            int space = line.indexOf(' ');
            out.put(line.substring(0, space), new String(HEX.parseHex(line.substring(space + 1)), ISO_8859_1));
        }
        return out;
    }
}
