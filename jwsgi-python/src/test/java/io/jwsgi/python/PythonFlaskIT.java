package io.jwsgi.python;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A real Flask application (src/test/resources/flaskapp/flask_demo, on Debian's {@code
 * python3-flask} 2.2) under the standalone launcher {@code bin/jwsgi-python}, compared request by
 * request with the same application under CPython's {@code wsgiref.simple_server}: the same
 * status lines, headers and bodies. Then 64 connections at once against the launcher, and its stop
 * line after SIGTERM: as many results closed as calls, no 503, every Context idle.
 *
 * <p>Left out of the comparison, as what each server decides: {@code Date}, {@code Server}, the
 * HTTP version of the status line (wsgiref answers HTTP/1.0), and the framing of a body of unknown
 * length ({@code Transfer-Encoding: chunked} on jwsgi's HTTP/1.1, the end of the connection on
 * wsgiref's HTTP/1.0). The session cookie is compared without its timestamp and signature (they
 * change with the second it was made), its payload byte for byte; {@code Allow} as a set (werkzeug
 * lists the methods of a Python set, whose order changes with the hash seed, run to run). Each server keeps its own cookie
 * jar, as a browser would.
 */
@Timeout(3600)
class PythonFlaskIT {

    static final Path FLASK_APP = Path.of("src/test/resources/flaskapp").toAbsolutePath();
    static final Path DIST_PACKAGES = Path.of("/usr/lib/python3/dist-packages");
    private static final Set<String> HOST_DECIDED = Set.of("date", "server", "transfer-encoding", "connection");
    private static final Pattern SESSION = Pattern.compile("^session=([^.;]*)\\.[^.;]+\\.[^;]+");

    record Step(String method, String target, String body, String... headers) {}

    private static final String JSON = "{\"a\": [1, 2.5, {\"b\": null}], \"s\": \"caf\\u00e9 \\u2603\", \"t\": true}";
    private static final String MULTIPART = "--XyZ\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\nAda\r\n"
            + "--XyZ\r\nContent-Disposition: form-data; name=\"colour\"\r\n\r\nred\r\n--XyZ--\r\n";

    private static final List<Step> STEPS = List.of(
            new Step("GET", "/", null),
            new Step("GET", "/?name=%3Cscript%3Ealert(1)%3C/script%3E", null),
            new Step("GET", "/form", null),
            new Step(
                    "POST",
                    "/form",
                    "name=Ada+L%C3%B6velace&colour=red&colour=blue",
                    "Content-Type: application/x-www-form-urlencoded"),
            new Step("POST", "/form", MULTIPART, "Content-Type: multipart/form-data; boundary=XyZ"),
            new Step("POST", "/api/echo", JSON, "Content-Type: application/json"),
            new Step("POST", "/api/echo", "{broken", "Content-Type: application/json"),
            new Step("GET", "/api/echo", null),
            new Step("GET", "/api/items?n=4", null),
            new Step("HEAD", "/api/items", null),
            new Step("GET", "/me", null),
            new Step("POST", "/login", "user=ada", "Content-Type: application/x-www-form-urlencoded"),
            new Step("GET", "/me", null),
            new Step("GET", "/me", null),
            new Step("GET", "/logout", null),
            new Step("GET", "/me", null),
            new Step("GET", "/cookie/set?flavour=ginger", null),
            new Step("GET", "/cookie/get", null),
            new Step("GET", "/old", null),
            new Step("GET", "/stream?n=200&who=caf%C3%A9", null),
            new Step("GET", "/download", null),
            new Step("GET", "/image", null),
            new Step("GET", "/boom", null),
            new Step("GET", "/nothing/here", null),
            new Step("GET", "/forbidden", null),
            new Step("DELETE", "/", null),
            new Step("OPTIONS", "/api/echo", null));

    @Test
    void flaskUnderTheLauncherAnswersAsUnderWsgiref() throws Exception {
        assumeTrue(
                Files.isDirectory(DIST_PACKAGES.resolve("flask")),
                "Debian's python3-flask is not installed (no " + DIST_PACKAGES.resolve("flask")
                        + "; .ci/run installs it):" + " the Flask comparison is skipped");
        try (CPython wsgiref = CPython.start("flask_demo:app", List.of(FLASK_APP, DIST_PACKAGES))) {
            assumeTrue(wsgiref != null, "python3 is not on the PATH: the Flask comparison is skipped");
            try (Launcher launcher = Launcher.run(
                    Map.of(),
                    "--port",
                    "0",
                    "--workers",
                    "2",
                    "--path",
                    FLASK_APP.toString(),
                    "--path",
                    DIST_PACKAGES.toString(),
                    "flask_demo:app")) {
                int port = launcher.awaitReady();
                System.out.println(launcher.stdout());
                Map<String, String> wsgirefJar = new LinkedHashMap<>();
                Map<String, String> jwsgiJar = new LinkedHashMap<>();
                String etag = null;
                List<Step> steps = new ArrayList<>(STEPS);
                for (int i = 0; i < steps.size(); i++) {
                    Step step = steps.get(i);
                    WireClient.Response expected = send(wsgiref.port(), step, wsgirefJar);
                    WireClient.Response actual = send(port, step, jwsgiJar);
                    String what = step.method() + " " + step.target();
                    assertThat(actual.statusLine().substring(9))
                            .as(what)
                            .isEqualTo(expected.statusLine().substring(9));
                    assertThat(headers(actual)).as(what).isEqualTo(headers(expected));
                    assertThat(actual.complete()).as(what).isTrue();
                    assertThat(actual.text()).as(what).isEqualTo(expected.text());
                    if (step.target().equals("/download") && etag == null) {
                        etag = actual.header("ETag");
                        assertThat(etag).isNotNull();
                        // a conditional request with the validator both servers gave
                        steps.add(i + 1, new Step("GET", "/download", null, "If-None-Match: " + etag));
                    }
                }
                assertThat(jwsgiJar).containsKey("flavour");
                int calls = steps.size() + underLoad(port);
                launcher.signal("TERM");
                launcher.await();
                // every Flask result has a close(): as many closed as called, every Context back
                assertThat(launcher.stderr())
                        .contains("jwsgi-python: stopped: " + calls + " calls, " + calls
                                + " results closed, 0 lists (nothing to close), 0 rejected (503), 0 contexts replaced,"
                                + " 2 of 2 contexts idle")
                        .doesNotContain("Traceback", "Exception");
            }
        }
    }

    /**
     * 64 connections at once, 8 requests each over the JSON, template, stream and POST routes:
     * every response whole and as the first one of its kind. Counts, not times.
     *
     * @return how many requests were sent
     */
    private static int underLoad(int port) throws Exception {
        List<Step> kinds = List.of(
                new Step("GET", "/api/items?n=2", null),
                new Step("GET", "/?name=load", null),
                new Step("GET", "/stream?n=20", null),
                new Step("POST", "/api/echo", JSON, "Content-Type: application/json"));
        Map<String, String> reference = new LinkedHashMap<>();
        for (Step kind : kinds) {
            reference.put(kind.target(), send(port, kind, new LinkedHashMap<>()).text());
        }
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(64);
        try {
            List<java.util.concurrent.Future<List<String>>> clients = new ArrayList<>();
            for (int c = 0; c < 64; c++) {
                int client = c;
                clients.add(pool.submit(() -> {
                    List<String> wrong = new ArrayList<>();
                    for (int r = 0; r < 8; r++) {
                        Step kind = kinds.get((client + r) % kinds.size());
                        WireClient.Response response = send(port, kind, new LinkedHashMap<>());
                        if (response.status() != 200
                                || !response.complete()
                                || !response.text().equals(reference.get(kind.target()))) {
                            wrong.add(kind.target() + " -> " + response.statusLine());
                        }
                    }
                    return wrong;
                }));
            }
            for (java.util.concurrent.Future<List<String>> client : clients) {
                assertThat(client.get()).isEmpty();
            }
        } finally {
            pool.shutdownNow();
        }
        return kinds.size() + 64 * 8;
    }

    /** Sends a step with the jar's cookies; keeps the cookies the response sets. */
    private static WireClient.Response send(int port, Step step, Map<String, String> jar) throws Exception {
        List<String> headers = new ArrayList<>(List.of(step.headers()));
        if (!jar.isEmpty()) {
            StringBuilder cookie = new StringBuilder("Cookie: ");
            jar.forEach((k, v) -> cookie.append(cookie.length() > 8 ? "; " : "")
                    .append(k)
                    .append('=')
                    .append(v));
            headers.add(cookie.toString());
        }
        WireClient.Response response = WireClient.exchange(
                port, WireClient.request(step.method(), step.target(), step.body(), headers.toArray(String[]::new)));
        for (String[] h : response.headers()) {
            if (h[0].equalsIgnoreCase("Set-Cookie")) {
                String pair = h[1].split(";", 2)[0];
                String name = pair.substring(0, pair.indexOf('='));
                String value = pair.substring(pair.indexOf('=') + 1);
                if (value.isEmpty() || h[1].contains("Expires=Thu, 01 Jan 1970")) {
                    jar.remove(name);
                } else {
                    jar.put(name, value);
                }
            }
        }
        return response;
    }

    /** The headers to compare, in order; the session cookie without its timestamp and signature. */
    private static List<String> headers(WireClient.Response response) {
        List<String> out = new ArrayList<>();
        for (String[] h : response.headers()) {
            String name = h[0].toLowerCase(Locale.ROOT);
            if (HOST_DECIDED.contains(name)) {
                continue;
            }
            String value = h[1];
            if (name.equals("allow")) {
                // werkzeug lists the methods of a Python set: its order changes with the hash seed
                value = String.join(", ", new java.util.TreeSet<>(List.of(value.split(", "))));
            }
            if (name.equals("set-cookie")) {
                Matcher m = SESSION.matcher(value);
                value = m.find() ? m.replaceFirst("session=$1.<timestamp>.<signature>") : value;
            }
            out.add(name + ": " + value);
        }
        return out;
    }
}
