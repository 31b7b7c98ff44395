package io.jwsgi.testing;

import io.jwsgi.Application;
import io.jwsgi.Environ;
import io.jwsgi.Header;
import io.jwsgi.StartResponse;
import io.jwsgi.Write;
import io.jwsgi.headers.Headers;
import io.jwsgi.util.EnvironBuilder;
import io.jwsgi.util.FileWrapper;
import io.jwsgi.util.Util;
import io.jwsgi.validate.Validator;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Runs a JWSGI application without a server, the way werkzeug's {@code Client} and rack-test do:
 * each request builds a complete environ, calls the application, collects the status, the headers
 * and the body, and closes the response iterable.
 *
 * <pre>{@code
 * TestClient client = new TestClient(app);
 * TestResponse response = client.get("/hello?name=World");
 * assertEquals(200, response.status());
 * assertEquals("Hello, World!", response.text());
 *
 * client.post("/login", "application/x-www-form-urlencoded", "user=ann".getBytes(UTF_8));
 * client.get("/profile");   // sends the cookies the login response set
 * }</pre>
 *
 * <p>The CGI variables are built by {@link EnvironBuilder}, by the same rules as the standalone
 * server and the servlet bridge build them, from the request a client at {@code 127.0.0.1} would
 * send: {@code REQUEST_METHOD}; {@code SCRIPT_NAME} empty; {@code PATH_INFO} the target's path
 * (its text as UTF-8), percent-decoded as bytes in a string (one char per byte); {@code
 * QUERY_STRING} the raw query; {@code SERVER_NAME} and {@code SERVER_PORT} from an absolute
 * target ({@code http://example.com:8080/x}), else {@code localhost} and the scheme's port; {@code
 * GATEWAY_INTERFACE}; {@code HTTP_HOST}; {@code SERVER_PROTOCOL HTTP/1.1}; {@code REMOTE_ADDR
 * 127.0.0.1} and {@code REMOTE_HOST} empty; {@code CONTENT_LENGTH} the body's length (empty
 * without a body); {@code CONTENT_TYPE} from the {@code Content-Type} header, {@code text/plain}
 * without one (as wsgiref); one {@code HTTP_*} key per other request header (values stripped,
 * repeated headers joined with {@code ,}, names holding {@code _} dropped, names of CGI variables
 * skipped); {@code HTTPS=on} for {@code https} targets. Then {@code wsgi.url_scheme}, {@code
 * wsgi.input} over the body with {@code wsgi.input_terminated}, {@code wsgi.errors} into memory
 * (see {@link TestResponse#errors()}), {@code wsgi.file_wrapper}, and the rest from {@link
 * Util#setupTestingDefaults}.
 *
 * <p>By default the application runs inside {@link Validator#validator}, so a test fails with an
 * {@link AssertionError} as soon as the application breaks the contract; {@link
 * #validate(boolean)} turns that off. Exceptions of the application reach the caller unchanged.
 *
 * <p>Cookies: every {@code Set-Cookie} of a response is kept by name (a {@code Max-Age} of 0 or
 * less deletes it), and all kept cookies are sent with every later request of this client as one
 * {@code Cookie} header; domain, path, expiry dates and {@code Secure} are not modelled. Redirects
 * (301, 302, 303, 307, 308 with a {@code Location}) are followed when {@link
 * #followRedirects(boolean)} is on, up to {@value #MAX_REDIRECTS} times: 303, and 301/302 after a
 * POST, continue with a GET without body, as browsers do; 307 and 308 repeat the method and body.
 *
 * <p>A client is not thread-safe; use one per thread.
 */
public final class TestClient {

    /** How many redirects one request follows at most before failing. */
    public static final int MAX_REDIRECTS = 10;

    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);

    private final Application application;
    private final Map<String, String> cookies = new LinkedHashMap<>();
    private boolean validate = true;
    private boolean followRedirects;

    /**
     * Creates a client for an application.
     *
     * @param application the application to run
     */
    public TestClient(Application application) {
        this.application = Objects.requireNonNull(application, "application");
    }

    /**
     * Chooses whether requests run the application inside {@link Validator#validator} (the
     * default).
     *
     * @param on whether to validate
     * @return this client
     */
    public TestClient validate(boolean on) {
        this.validate = on;
        return this;
    }

    /**
     * Chooses whether redirects are followed (off by default).
     *
     * @param on whether to follow redirects
     * @return this client
     */
    public TestClient followRedirects(boolean on) {
        this.followRedirects = on;
        return this;
    }

    /**
     * Returns the cookies this client holds, which it sends with every request.
     *
     * @return a copy: cookie names to values, in the order they were first set
     */
    public Map<String, String> cookies() {
        return new LinkedHashMap<>(cookies);
    }

    /**
     * Sends a GET request.
     *
     * @param target a path with an optional query ({@code /a/b?c=d}) or an absolute {@code http} or
     *     {@code https} URL
     * @return the response
     * @throws Exception what the application throws
     */
    public TestResponse get(String target) throws Exception {
        return request("GET", target, List.of(), new byte[0]);
    }

    /**
     * Sends a POST request with a body.
     *
     * @param target a path with an optional query, or an absolute URL
     * @param contentType the body's media type, for {@code CONTENT_TYPE}
     * @param body the body
     * @return the response
     * @throws Exception what the application throws
     */
    public TestResponse post(String target, String contentType, byte[] body) throws Exception {
        Objects.requireNonNull(contentType, "contentType");
        return request("POST", target, List.of(Header.of("Content-Type", contentType)), body);
    }

    /**
     * Sends any request.
     *
     * @param method the request method, for example {@code PUT}
     * @param target a path with an optional query, or an absolute URL
     * @param headers request headers; {@code Content-Type} becomes {@code CONTENT_TYPE}, a given
     *     {@code Content-Length} is ignored in favour of the body's length
     * @param body the body; empty for none
     * @return the response (the last one, when redirects are followed)
     * @throws Exception what the application throws
     * @throws IllegalStateException when more than {@value #MAX_REDIRECTS} redirects follow each
     *     other
     */
    public TestResponse request(String method, String target, List<Header> headers, byte[] body) throws Exception {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(headers, "headers");
        Objects.requireNonNull(body, "body");
        Target where = Target.parse(target);
        List<Header> sent = List.copyOf(headers);
        for (int redirects = 0; ; redirects++) {
            TestResponse response = once(method, where, sent, body);
            String location = response.headers().get("Location");
            if (!followRedirects || !REDIRECTS.contains(response.status()) || location == null) {
                return response;
            }
            if (redirects == MAX_REDIRECTS) {
                throw new IllegalStateException("more than " + MAX_REDIRECTS + " redirects, the last to " + location);
            }
            int status = response.status();
            if ((status == 303 && !method.equals("HEAD"))
                    || ((status == 301 || status == 302) && method.equals("POST"))) {
                method = "GET";
                body = new byte[0];
                sent = sent.stream()
                        .filter(h -> !h.name().equalsIgnoreCase("Content-Type"))
                        .toList();
            }
            where = where.resolve(location);
        }
    }

    private TestResponse once(String method, Target target, List<Header> headers, byte[] body) throws Exception {
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        Map<String, Object> environ = environ(method, target, headers, body, errors);
        Exchange exchange = new Exchange();
        Application app = validate ? Validator.validator(application) : application;
        Iterable<byte[]> result = app.call(environ, exchange);
        try {
            for (byte[] chunk : result) {
                exchange.send(chunk);
            }
        } finally {
            if (result instanceof AutoCloseable closeable) {
                closeable.close();
            }
        }
        if (exchange.status == null) {
            throw new AssertionError("The application returned without calling start_response");
        }
        TestResponse response = new TestResponse(
                exchange.status,
                new Headers(exchange.headers),
                exchange.body.toByteArray(),
                errors.toString(StandardCharsets.UTF_8));
        keepCookies(response.headers());
        return response;
    }

    private HashMap<String, Object> environ(
            String method, Target target, List<Header> headers, byte[] body, ByteArrayOutputStream errors) {
        HashMap<String, Object> env = new HashMap<>();
        EnvironBuilder builder = new EnvironBuilder(env)
                .server(target.host(), target.port())
                .protocol("HTTP/1.1")
                .requestMethod(method)
                .path(EnvironBuilder.bytesInString(target.path()))
                .query(target.query())
                .remote("127.0.0.1", null, -1)
                .https(target.scheme().equals("https"));
        builder.header("Host", target.hostHeader());
        if (body.length > 0) {
            builder.header("Content-Length", Integer.toString(body.length));
        }
        String jar = cookieHeader();
        int lastCookie = -1;
        for (int i = 0; i < headers.size(); i++) {
            lastCookie = headers.get(i).name().equalsIgnoreCase("Cookie") ? i : lastCookie;
        }
        for (int i = 0; i < headers.size(); i++) {
            Header header = headers.get(i);
            if (header.name().equalsIgnoreCase("Content-Length")) {
                continue; // the body's own length stands
            }
            builder.header(
                    header.name(), i == lastCookie && jar != null ? header.value() + "; " + jar : header.value());
        }
        if (jar != null && lastCookie < 0) {
            builder.header("Cookie", jar);
        }
        builder.build();
        env.put(Environ.WSGI_URL_SCHEME, target.scheme());
        env.put(Environ.WSGI_INPUT, new ByteArrayInputStream(body));
        env.put(Environ.WSGI_INPUT_TERMINATED, Boolean.TRUE);
        env.put(Environ.WSGI_ERRORS, new PrintStream(errors, true, StandardCharsets.UTF_8));
        env.put(Environ.WSGI_FILE_WRAPPER, FileWrapper.FACTORY);
        Util.setupTestingDefaults(env);
        return env;
    }

    /** The kept cookies as one {@code Cookie} field value, or {@code null} when none is kept. */
    private String cookieHeader() {
        if (cookies.isEmpty()) {
            return null;
        }
        StringBuilder jar = new StringBuilder();
        cookies.forEach((name, value) -> jar.append(jar.length() == 0 ? "" : "; ")
                .append(name)
                .append('=')
                .append(value));
        return jar.toString();
    }

    private void keepCookies(Headers headers) {
        for (String setCookie : headers.getAll("Set-Cookie")) {
            String[] parts = setCookie.split(";");
            int eq = parts[0].indexOf('=');
            if (eq <= 0) {
                continue;
            }
            String name = parts[0].substring(0, eq).trim();
            String value = parts[0].substring(eq + 1).trim();
            boolean expired = false;
            for (int i = 1; i < parts.length; i++) {
                String[] attribute = parts[i].trim().split("=", 2);
                if (attribute.length == 2 && attribute[0].trim().equalsIgnoreCase("Max-Age")) {
                    try {
                        expired = Long.parseLong(attribute[1].trim()) <= 0;
                    } catch (NumberFormatException e) {
                        // an invalid Max-Age is ignored (RFC 6265 section 5.2.2)
                    }
                }
            }
            if (expired) {
                cookies.remove(name);
            } else {
                cookies.put(name, value);
            }
        }
    }

    /** The server side of one request: PEP 3333's start_response and write, into memory. */
    private static final class Exchange implements StartResponse {
        String status;
        List<Header> headers;
        boolean headersSent;
        final ByteArrayOutputStream body = new ByteArrayOutputStream();

        @Override
        public Write start(String status, List<Header> headers, Throwable excInfo) throws Exception {
            if (excInfo != null) {
                if (headersSent) {
                    rethrow(excInfo);
                }
            } else if (this.status != null) {
                throw new AssertionError("start_response called a second time without excInfo");
            }
            this.status = Objects.requireNonNull(status, "status");
            this.headers = new ArrayList<>(Objects.requireNonNull(headers, "headers"));
            return this::send;
        }

        void send(byte[] chunk) {
            if (status == null) {
                throw new AssertionError("The application produced body data before calling start_response");
            }
            headersSent = true;
            body.writeBytes(chunk);
        }

        private static void rethrow(Throwable excInfo) throws Exception {
            if (excInfo instanceof Exception e) {
                throw e;
            }
            if (excInfo instanceof Error e) {
                throw e;
            }
            throw new IllegalStateException(excInfo);
        }
    }
}
