package io.jwsgi.python.spring;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One request/response as the comparison sees it: status, headers less those a server decides
 * for itself (Date, Server) or that belong to the connection's framing (Connection, Keep-Alive,
 * Transfer-Encoding), and the body bytes. A client with a cookie jar of its own, so that a
 * sequence of requests carries the session as a browser would.
 */
final class HttpExchange {

    /** Headers the server decides (Date, Server) or that frame the connection (HTTP/1.0 vs 1.1). */
    static final Set<String> HOP = Set.of("date", "server", "connection", "keep-alive", "transfer-encoding");

    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    /** A request of a scenario. */
    record Request(String method, String path, String contentType, String body, Map<String, String> headers) {

        static Request get(String path) {
            return new Request("GET", path, null, null, Map.of());
        }

        static Request of(String method, String path) {
            return new Request(method, path, null, null, Map.of());
        }

        static Request post(String path, String contentType, String body) {
            return new Request("POST", path, contentType, body, Map.of());
        }

        Request header(String name, String value) {
            Map<String, String> more = new LinkedHashMap<>(this.headers);
            more.put(name, value);
            return new Request(this.method, this.path, this.contentType, this.body, more);
        }

        @Override
        public String toString() {
            return this.method + " " + this.path;
        }
    }

    /** What came back, headers normalized for the comparison. */
    record Response(int status, List<String> headers, String body) {}

    private final int port;
    private final Map<String, String> jar = new LinkedHashMap<>();

    HttpExchange(int port) {
        this.port = port;
    }

    Response send(Request request) throws Exception {
        HttpRequest.Builder builder = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + this.port + request.path()))
                .timeout(Duration.ofSeconds(60));
        builder.method(
                request.method(),
                request.body() == null
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(request.body().getBytes(StandardCharsets.UTF_8)));
        if (request.contentType() != null) {
            builder.header("Content-Type", request.contentType());
        }
        request.headers().forEach(builder::header);
        if (!this.jar.isEmpty()) {
            List<String> cookies = new ArrayList<>();
            this.jar.forEach((name, value) -> cookies.add(name + "=" + value));
            builder.header("Cookie", String.join("; ", cookies));
        }
        HttpResponse<byte[]> response = CLIENT.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
        List<String> headers = new ArrayList<>();
        response.headers().map().forEach((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (HOP.contains(lower)) {
                return;
            }
            for (String value : values) {
                if (lower.equals("set-cookie")) {
                    keep(value);
                }
                headers.add(lower + ": " + normalize(lower, value));
            }
        });
        headers.sort(null);
        return new Response(response.statusCode(), headers, new String(response.body(), StandardCharsets.ISO_8859_1));
    }

    /** Stores a Set-Cookie in the jar, or removes the cookie it expires. */
    private void keep(String setCookie) {
        String pair = setCookie.split(";", 2)[0];
        int eq = pair.indexOf('=');
        String name = pair.substring(0, eq).trim();
        String value = pair.substring(eq + 1).trim();
        String lower = setCookie.toLowerCase(Locale.ROOT);
        if (value.isEmpty() || lower.contains("max-age=0") || lower.contains("expires=thu, 01 jan 1970")) {
            this.jar.remove(name);
        } else {
            this.jar.put(name, value);
        }
    }

    /**
     * A header value as the comparison takes it; each rule is a difference that neither server
     * decides for the application:
     *
     * <ul>
     *   <li>{@code Content-Type}: Tomcat parses the type the application set and writes it back
     *       without the space before a parameter ({@code text/html;charset=utf-8} for Flask's
     *       {@code text/html; charset=utf-8}); Jetty and jwsgi's own server keep it.
     *   <li>{@code Allow}: Werkzeug joins the methods from a Python set, whose order follows the
     *       string hash that differs from one interpreter process to the next (PYTHONHASHSEED).
     *   <li>{@code Set-Cookie} of Flask's session: see {@link #stableSessionCookie}.
     * </ul>
     */
    static String normalize(String lowerName, String value) {
        return switch (lowerName) {
            case "content-type" -> value.replaceAll(";\\s+", ";");
            case "allow" ->
                String.join(
                        ", ",
                        java.util.Arrays.stream(value.split(",\\s*")).sorted().toList());
            case "set-cookie" -> stableSessionCookie(value);
            default -> value;
        };
    }

    /**
     * Flask's session cookie is signed with the time in seconds, so two servers asked a moment
     * apart sign different values: the value is left out of the comparison (the sessions' content
     * shows in the bodies of the requests that read them, which are compared).
     */
    static String stableSessionCookie(String setCookie) {
        if (!setCookie.startsWith("session=") || setCookie.startsWith("session=;")) {
            return setCookie;
        }
        int attributes = setCookie.indexOf(';');
        return "session=<signed>" + (attributes < 0 ? "" : setCookie.substring(attributes));
    }
}
